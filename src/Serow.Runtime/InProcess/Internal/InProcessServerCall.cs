// Licensed under the MIT license. See LICENSE in the project root.

using Serow.Streaming;

namespace Serow.InProcess.Internal;

/// <summary>The handler's side of an in-process call: its results go straight into the client's inbound queue.</summary>
internal sealed class InProcessServerCall<TIn, TOut>(StreamContract<TIn, TOut> contract, int capacity)
    : ServerCall<TIn, TOut>(contract, capacity, wakeInline: false)
{
    public InProcessClientCall<TIn, TOut> Client { get; set; } = null!;

    internal override ValueTask OpenAsync(string view)
    {
        Client.View = view;
        return default;
    }

    internal override async ValueTask WriteAsync(TOut message, CancellationToken token)
    {
        var results = Client.Inbound!;
        if (!await results.TryAddAsync(message, token).ConfigureAwait(false))
        {
            // The client's queue completes only when the call is aborted.
            throw StreamErrors.Cancelled(Contract.DisplayName, Token);
        }

        results.Publish();
    }

    internal override ValueTask WriteResultAsync(TOut result, CancellationToken token) => WriteAsync(result, token);

    internal override ValueTask CloseOutputAsync(CancellationToken token)
    {
        // The client reads the end of the results now; the handler's later failure does not change it.
        Client.Inbound!.Complete();
        return default;
    }

    internal override void OnAborted(StreamAbortReason reason)
    {
        // An error imposed on the call (expired credentials) reaches the caller as that error, not as a cancellation.
        if (ImposedFailure is { } error)
        {
            Client.Finish(error);
        }

        Client.Abort();
    }
}
