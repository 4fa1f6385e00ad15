// Licensed under the MIT license. See LICENSE in the project root.

using Grpc.Net.Client;

namespace Serow.Grpc;

/// <summary>Creates grpc-dotnet channels with the limits and keepalive of <see cref="SerowGrpcClientOptions"/>.</summary>
public static class SerowGrpcChannel
{
    /// <summary>Creates a channel to <paramref name="address"/> (<c>http://</c> for HTTP/2 without TLS).</summary>
    /// <param name="address">The server's address.</param>
    /// <param name="options">Message size limits and keepalive; the defaults when null.</param>
    /// <returns>The channel; dispose it when done.</returns>
    public static GrpcChannel Create(Uri address, SerowGrpcClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(address);
        options ??= SerowGrpcClientOptions.Default;
        // With BufferWrites, request messages written while a send is in flight leave together (see WriteCoalescingHandler).
        var handler = CreateHandler(options);
        HttpMessageHandler outer = options.BufferWrites ? new Internal.WriteCoalescingHandler(handler) : handler;
        var channelOptions = new GrpcChannelOptions { HttpHandler = outer, DisposeHttpClient = true };
        if (options.MaxReceiveMessageSize is { } receive)
        {
            channelOptions.MaxReceiveMessageSize = receive;
        }

        if (options.MaxSendMessageSize is { } send)
        {
            channelOptions.MaxSendMessageSize = send;
        }

        return GrpcChannel.ForAddress(address, channelOptions);
    }

    /// <summary>
    /// The HTTP handler <see cref="Create"/> gives its channel: multiple HTTP/2 connections, pooled connections kept,
    /// and the keepalive pings of <paramref name="options"/>. Use it to build a channel of your own, for example
    /// behind a <see cref="DelegatingHandler"/>.
    /// </summary>
    /// <param name="options">The keepalive settings; the defaults (no pings) when null.</param>
    /// <returns>A new handler; the channel or client that uses it disposes it.</returns>
    public static SocketsHttpHandler CreateHandler(SerowGrpcClientOptions? options = null)
    {
        options ??= SerowGrpcClientOptions.Default;
        var handler = new SocketsHttpHandler
        {
            EnableMultipleHttp2Connections = true,
            PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
        };
        if (options.KeepAlivePingDelay is { } delay)
        {
            handler.KeepAlivePingDelay = delay;
            handler.KeepAlivePingPolicy = HttpKeepAlivePingPolicy.Always;
            handler.KeepAlivePingTimeout = options.KeepAlivePingTimeout ?? TimeSpan.FromSeconds(20);
        }

        return handler;
    }
}
