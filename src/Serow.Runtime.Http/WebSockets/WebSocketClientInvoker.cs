// Licensed under the MIT license. See LICENSE in the project root.

using System.Net.WebSockets;
using Serow.Http.WebSockets.Internal;
using Serow.Streaming;

namespace Serow.Http.WebSockets;

/// <summary>Opens the WebSocket streams of generated HTTP clients.</summary>
public static class WebSocketClientInvoker
{
    /// <summary>
    /// Opens a server stream over a WebSocket, or as Server-Sent Events when <see cref="SerowHttpClientOptions.ServerStreams"/>
    /// asks for them (the same endpoint answers both).
    /// </summary>
    /// <typeparam name="TOut">The type of the results.</typeparam>
    /// <typeparam name="TStream">The method's client stream.</typeparam>
    /// <param name="client">The HTTP client whose base address is the server.</param>
    /// <param name="request">The request.</param>
    /// <param name="socket">The method's WebSocket contract.</param>
    /// <param name="events">The method's event contract.</param>
    /// <param name="errors">Rebuilds designed errors (the generated <c>&lt;Service&gt;Errors.Create</c>).</param>
    /// <param name="options">The client's settings.</param>
    /// <param name="wrap">Wraps the call in the method's client stream.</param>
    /// <param name="cancellationToken">Aborts the call when cancelled, for its whole life.</param>
    /// <returns>The method's client stream.</returns>
    public static Task<TStream> ConnectServerStreamAsync<TOut, TStream>(
        HttpClient client,
        HttpRequestBuilder request,
        WebSocketContract<NoMessage, TOut> socket,
        ServerSentEvents.SseContract<TOut> events,
        ServiceErrorFactory? errors,
        SerowHttpClientOptions options,
        Func<ClientCall<NoMessage, TOut>, TStream> wrap,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.ServerStreams == HttpServerStreams.ServerSentEvents
            ? ServerSentEvents.SseClientInvoker.ConnectAsync(client, request, events, errors, options, wrap, cancellationToken)
            : ConnectAsync(client, request, socket, errors, options, wrap, cancellationToken);
    }

    /// <summary>
    /// Opens a stream: a WebSocket upgrade of <paramref name="request"/> (payload in path, query and headers). A refused
    /// upgrade (the payload was invalid, the handler failed before streaming) throws the typed error the server sent.
    /// </summary>
    /// <typeparam name="TIn">The type of the messages the client sends.</typeparam>
    /// <typeparam name="TOut">The type of the results the server sends.</typeparam>
    /// <typeparam name="TStream">The method's client stream.</typeparam>
    /// <param name="client">The HTTP client whose base address is the server.</param>
    /// <param name="request">The upgrade request.</param>
    /// <param name="contract">The method's WebSocket contract.</param>
    /// <param name="errors">Rebuilds designed errors (the generated <c>&lt;Service&gt;Errors.Create</c>).</param>
    /// <param name="options">WebSocket settings.</param>
    /// <param name="wrap">Wraps the call in the method's client stream.</param>
    /// <param name="cancellationToken">Aborts the call when cancelled, for its whole life.</param>
    /// <returns>The method's client stream.</returns>
    /// <exception cref="ServiceError">The server refused the stream: its typed error.</exception>
    public static async Task<TStream> ConnectAsync<TIn, TOut, TStream>(
        HttpClient client,
        HttpRequestBuilder request,
        WebSocketContract<TIn, TOut> contract,
        ServiceErrorFactory? errors,
        SerowHttpClientOptions options,
        Func<ClientCall<TIn, TOut>, TStream> wrap,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(contract);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(wrap);
        var baseAddress = request.BaseAddressOf(client);
        var address = new UriBuilder(request.Resolve(baseAddress));
        address.Scheme = address.Scheme == Uri.UriSchemeHttps ? "wss" : "ws";

        await request.ApplyCredentialsAsync("websocket", cancellationToken).ConfigureAwait(false);
        var activity = SerowTelemetry.StartClientCall(contract.Stream.Service, contract.Stream.Method, "websocket");
        try
        {
            var call = await ConnectCoreAsync(address.Uri, request, contract, errors, options, cancellationToken).ConfigureAwait(false);
            call.Observe(activity);
            call.AbortWhen(cancellationToken);
            return wrap(call);
        }
        catch (Exception e) when (SerowTelemetry.EndClientCall(activity, e))
        {
            throw;
        }
    }

    private static async Task<WebSocketClientCall<TIn, TOut>> ConnectCoreAsync<TIn, TOut>(
        Uri address, HttpRequestBuilder request, WebSocketContract<TIn, TOut> contract, ServiceErrorFactory? errors, SerowHttpClientOptions options, CancellationToken cancellationToken)
    {
        var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        socket.Options.KeepAliveInterval = options.KeepAliveInterval;
        foreach (var (name, value) in request.Headers)
        {
            socket.Options.SetRequestHeader(name, value);
        }

        // ClientWebSocket does not go through HttpClient's handlers: the caller's trace context is sent with the upgrade here.
        if (System.Diagnostics.Activity.Current is { } activity)
        {
            System.Diagnostics.DistributedContextPropagator.Current.Inject(activity, socket.Options, static (carrier, name, value) =>
            {
                if (value is not null)
                {
                    ((ClientWebSocketOptions)carrier!).SetRequestHeader(name, value);
                }
            });
        }

        if (options.Batching)
        {
            socket.Options.AddSubProtocol(WebSocketProtocol.BatchSubprotocol);
        }

        options.ConfigureWebSocket?.Invoke(socket.Options);
        try
        {
            await (options.WebSocketInvoker is { } invoker
                ? socket.ConnectAsync(address, invoker, cancellationToken)
                : socket.ConnectAsync(address, cancellationToken)).ConfigureAwait(false);
        }
        catch (WebSocketException) when (socket.HttpStatusCode is not 0 and not System.Net.HttpStatusCode.SwitchingProtocols)
        {
            var status = (int)socket.HttpStatusCode;
            var header = socket.HttpResponseHeaders?.TryGetValue(HttpErrors.HeaderName, out var values) == true ? values.FirstOrDefault() : null;
            socket.Dispose();
            throw header is not null && HttpErrors.TryParse(Uri.UnescapeDataString(header)) is { } body
                ? HttpErrors.FromBody(body, errors)
                : HttpErrors.FromStatus(status, null);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        var view = socket.HttpResponseHeaders?.TryGetValue(WebSocketProtocol.ViewHeader, out var views) == true && views.FirstOrDefault() is { Length: > 0 } v
            ? v
            : contract.Stream.DefaultView;
        socket.HttpResponseHeaders = null;
        return new WebSocketClientCall<TIn, TOut>(socket, contract, errors, options, view);
    }
}
