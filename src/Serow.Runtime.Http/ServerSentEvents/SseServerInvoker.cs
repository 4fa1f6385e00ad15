// Licensed under the MIT license. See LICENSE in the project root.

using Serow.Http.ServerSentEvents.Internal;
using Serow.Streaming;

namespace Serow.Http.ServerSentEvents;

/// <summary>
/// Serves a server-streaming method as Server-Sent Events for a generated HTTP endpoint. The response starts lazily: at
/// the first event, after <see cref="SerowHttpOptions.UpgradeTimeout"/> when the handler has sent nothing yet, or when
/// it returns; a failure before that is an ordinary HTTP error response, a failure after it an <c>event: error</c> whose
/// data is the JSON error body. Idle streams get a <c>: keepalive</c> comment every <see cref="SerowHttpOptions.KeepAliveInterval"/>.
/// A method whose design allows it also answers requests that accept <c>application/json</c> (the results collected in
/// one array) or <c>application/x-ndjson</c> (one JSON line per result) rather than <c>text/event-stream</c>.
/// </summary>
public static class SseServerInvoker
{
    /// <summary>Runs a server-streaming handler and ends the event stream for its outcome.</summary>
    /// <typeparam name="TOut">The type of the results.</typeparam>
    /// <typeparam name="TState">What the handler needs (the service and the payload), passed back to it.</typeparam>
    /// <param name="http">The decoded request.</param>
    /// <param name="contract">The method's event contract.</param>
    /// <param name="state">Passed to <paramref name="handler"/>.</param>
    /// <param name="handler">Runs the service method with the server side of the stream and the handler's token.</param>
    /// <returns>A task that completes when the stream has ended; it does not fail (errors are answered on the wire).</returns>
    public static Task RunAsync<TOut, TState>(
        HttpServerCall http, SseContract<TOut> contract, TState state, Func<TState, ServerCall<NoMessage, TOut>, CancellationToken, Task> handler)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(contract);
        ArgumentNullException.ThrowIfNull(handler);
        return ResultsFormatNegotiation.Choose(http.Context.Request, contract) switch
        {
            ResultsFormat.Json => new CollectedResultsServerCall<TOut>(http, contract).ServeAsync(state, handler, http.Tracker()),
            ResultsFormat.Ndjson => new SseServerCall<TOut>(http, contract, ndjson: true).ServeAsync(state, handler, http.Tracker()),
            _ => new SseServerCall<TOut>(http, contract).ServeAsync(state, handler, http.Tracker()),
        };
    }
}
