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

        // With BufferWrites, request messages written while a send is in flight leave together (see WriteCoalescingHandler).
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
}
