// Licensed under the MIT license. See LICENSE in the project root.

using Serow.Streaming;

namespace Serow.InProcess.Internal;

/// <summary>The caller's side of an in-process call: its messages go straight into the handler's inbound queue.</summary>
internal sealed class InProcessClientCall<TIn, TOut>(StreamContract<TIn, TOut> contract, int capacity, InProcessServerCall<TIn, TOut> server)
    : ClientCall<TIn, TOut>(contract, capacity, wakeInline: false)
{
    /// <summary>The handler's side of the call.</summary>
    public InProcessServerCall<TIn, TOut> Server => server;

    /// <summary>Completes when the handler has finished and its outcome is known to this side.</summary>
    public Task Handler { get; set; } = Task.CompletedTask;

    internal override async ValueTask WriteAsync(TIn message, CancellationToken token)
    {
        var messages = server.Inbound!;
        if (!await messages.TryAddAsync(message, token).ConfigureAwait(false))
        {
            // The handler's queue completes when the handler has finished (its outcome is known here by then) or the call was aborted.
            throw SendFailure(null);
        }

        messages.Publish();
    }

    internal override ValueTask CompleteOutputAsync(CancellationToken token)
    {
        server.Inbound!.Complete();
        return default;
    }

    internal override void OnAborted() => server.Abort(StreamAbortReason.Cancelled);

    internal override async ValueTask DisposeCoreAsync() => await Handler.ConfigureAwait(false);
}
