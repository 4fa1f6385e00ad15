// Licensed under the MIT license. See LICENSE in the project root.

using System.Diagnostics;
using Serow.Streaming;

namespace Serow.Http.Internal;

/// <summary>
/// The server side of a streaming call over HTTP (a WebSocket or an event stream): the client waits for the stream to
/// open, and what fails outside the handler is answered as the endpoint answers its errors.
/// </summary>
internal abstract class HttpStreamServerCall<TIn, TOut> : ServerCall<TIn, TOut>
{
    private protected HttpStreamServerCall(HttpServerCall http, StreamContract<TIn, TOut> contract, int inboundCapacity, bool wakeInline)
        : base(contract, inboundCapacity, wakeInline)
    {
        Http = http;
    }

    /// <summary>The request the stream is served on.</summary>
    private protected HttpServerCall Http { get; }

    internal override ActivityContext RemoteParent() =>
        SerowTelemetry.ExtractParent(Http.Context.Request.Headers, static (headers, name) => headers.TryGetValue(name, out var value) ? value.ToString() : null);

    /// <summary>
    /// Runs the handler, opens the stream when it stays idle, then ends the call on the wire; the call counts as active
    /// with <paramref name="tracker"/> meanwhile.
    /// </summary>
    public Task ServeAsync<TState>(TState state, Func<TState, ServerCall<TIn, TOut>, CancellationToken, Task> handler, ServerCallTracker tracker) =>
        ServeOpeningWhenIdleAsync(state, handler, Http.Options.UpgradeTimeout, tracker);

    internal sealed override async Task FinishAsync(ServerCallOutcome outcome)
    {
        try
        {
            await EndAsync(outcome).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            await Http.WriteErrorAsync(e).ConfigureAwait(false);
        }
        finally
        {
            await ReleaseAsync().ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Before anything was sent: answers a failed or aborted call with an ordinary HTTP error response (the designed
    /// status and the error body, or 499 for a call the server cancelled). False when the call succeeded.
    /// </summary>
    private protected async Task<bool> TryAnswerFailureAsync(ServerCallOutcome outcome, string method)
    {
        if (outcome.Error is { } error)
        {
            await HttpServerCall.WriteErrorAsync(Http.Context, HttpErrors.StatusOf(error, Http.ErrorStatus), HttpErrors.ToBody(error)).ConfigureAwait(false);
            return true;
        }

        if (outcome.IsAborted)
        {
            await HttpServerCall.WriteErrorAsync(Http.Context, HttpErrors.CancelledStatus, HttpErrors.CancelledBody(method)).ConfigureAwait(false);
            return true;
        }

        return false;
    }

    /// <summary>Ends the call on the wire for its outcome.</summary>
    private protected abstract Task EndAsync(ServerCallOutcome outcome);

    /// <summary>Lets go of what the call held (registrations, timers), whatever the end.</summary>
    private protected abstract ValueTask ReleaseAsync();
}
