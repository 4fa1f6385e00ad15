// Licensed under the MIT license. See LICENSE in the project root.

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebSockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Serow.Http.Internal;
using Serow.Http.WebSockets.Internal;
using Serow.Streaming;

namespace Serow.Http.WebSockets;

/// <summary>
/// Serves a streaming method over a WebSocket for a generated HTTP endpoint. The upgrade is lazy: the handler runs
/// first and the connection is upgraded at its first send, receive or close (or when it returns, or after
/// <see cref="SerowHttpOptions.UpgradeTimeout"/>), so a failure before that is an ordinary HTTP error response.
/// </summary>
public static class WebSocketServerInvoker
{
    /// <summary>
    /// Runs a streaming handler for a WebSocket request: refuses requests that are not upgrades (426) or come from an
    /// origin that is not allowed (403), runs the handler with the server side of the stream, and ends the WebSocket for
    /// its outcome (docs/protocol-websocket.md).
    /// </summary>
    /// <typeparam name="TIn">The type of the messages the client sends.</typeparam>
    /// <typeparam name="TOut">The type of the results the server sends.</typeparam>
    /// <typeparam name="TState">What the handler needs (the service and the payload), passed back to it.</typeparam>
    /// <param name="http">The decoded request.</param>
    /// <param name="contract">The method's WebSocket contract.</param>
    /// <param name="state">Passed to <paramref name="handler"/>.</param>
    /// <param name="handler">Runs the service method with the server side of the stream and the handler's token.</param>
    public static Task RunAsync<TIn, TOut, TState>(
        HttpServerCall http, WebSocketContract<TIn, TOut> contract, TState state, Func<TState, ServerCall<TIn, TOut>, CancellationToken, Task> handler)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(contract);
        ArgumentNullException.ThrowIfNull(handler);
        var context = http.Context;
        if (context.Features.Get<IHttpWebSocketFeature>() is not null || context.Features.Get<IHttpUpgradeFeature>() is null)
        {
            return RunCoreAsync(http, contract, state, handler);
        }

        // The application did not call UseWebSockets: install the WebSocket feature for this request only.
        var loggers = http.Services?.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance;
        var middleware = new WebSocketMiddleware(
            _ => RunCoreAsync(http, contract, state, handler),
            Microsoft.Extensions.Options.Options.Create(new WebSocketOptions()),
            loggers);
        return middleware.Invoke(context);
    }

    /// <summary>
    /// Runs a server-streaming handler over a WebSocket, or as Server-Sent Events when the request is not an upgrade and
    /// accepts <c>text/event-stream</c> (each result's JSON is an event's data): one method, two standard ways to receive it.
    /// </summary>
    /// <typeparam name="TOut">The type of the results.</typeparam>
    /// <typeparam name="TState">What the handler needs (the service and the payload), passed back to it.</typeparam>
    /// <param name="http">The decoded request.</param>
    /// <param name="socket">The method's WebSocket contract.</param>
    /// <param name="events">The method's event contract.</param>
    /// <param name="state">Passed to <paramref name="handler"/>.</param>
    /// <param name="handler">Runs the service method with the server side of the stream and the handler's token.</param>
    public static Task RunServerStreamAsync<TOut, TState>(
        HttpServerCall http, WebSocketContract<NoMessage, TOut> socket, ServerSentEvents.SseContract<TOut> events, TState state, Func<TState, ServerCall<NoMessage, TOut>, CancellationToken, Task> handler)
    {
        ArgumentNullException.ThrowIfNull(http);
        var request = http.Context.Request;
        var upgrade = http.Context.Features.Get<IHttpUpgradeFeature>()?.IsUpgradableRequest == true || http.Context.WebSockets.IsWebSocketRequest;
        return !upgrade && request.Headers.Accept.Any(a => a is not null && a.Contains(ServerSentEvents.SseProtocol.MediaType, StringComparison.OrdinalIgnoreCase))
            ? ServerSentEvents.SseServerInvoker.RunAsync(http, events, state, handler)
            : RunAsync(http, socket, state, handler);
    }

    private static Task RunCoreAsync<TIn, TOut, TState>(
        HttpServerCall http, WebSocketContract<TIn, TOut> contract, TState state, Func<TState, ServerCall<TIn, TOut>, CancellationToken, Task> handler)
    {
        var context = http.Context;
        if (!context.WebSockets.IsWebSocketRequest)
        {
            return HttpServerCall.WriteErrorAsync(context, StatusCodes.Status426UpgradeRequired, new HttpErrorBody
            {
                Name = "websocket_required",
                Message = $"{contract.DisplayName} streams over a WebSocket: open it with a GET WebSocket upgrade request.",
            });
        }

        if (!OriginPolicy.IsAllowed(context, http.Options.AllowedOrigins))
        {
            http.Logger().OriginRefused(context.Request.Headers.Origin.ToString());
            return HttpServerCall.WriteErrorAsync(context, StatusCodes.Status403Forbidden, new HttpErrorBody
            {
                Name = "forbidden_origin",
                Message = $"WebSocket streams may not be opened from the origin \"{context.Request.Headers.Origin}\"; the server allows its own origins and those configured in SerowHttpOptions.AllowedOrigins.",
            });
        }

        // One async method for the whole life of the stream (an open stream holds each one it awaits in).
        return new WebSocketServerCall<TIn, TOut>(http, contract).ServeAsync(state, handler, http.Tracker());
    }
}
