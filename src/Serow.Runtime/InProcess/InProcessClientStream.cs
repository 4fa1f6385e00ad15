// Licensed under the MIT license. See LICENSE in the project root.

using System.Runtime.CompilerServices;
using Serow.Streaming;

namespace Serow.InProcess;

/// <summary>
/// The caller's side of an in-process streaming call. Implements every client role, so generated per-method stream
/// classes derive from it and add only their interface.
/// </summary>
/// <remarks>
/// <para>Sends are serialized and wait while the server's buffer is full. Only one <see cref="RecvAsync"/> may be pending.
/// Every received result is validated with <see cref="StreamContract{TIn, TOut}.ValidateOutgoing"/> against
/// <see cref="View"/>; an invalid result throws <see cref="Validation.ValidationException"/>, is consumed, and leaves the
/// stream usable.</para>
/// <para>A failure of the handler reaches the caller as the handler's <see cref="ServiceError"/> (the same instance and type)
/// from the next receive once the results sent before it were received, and from sends and closes.
/// Cancelling the call's token or an operation's token, or disposing before the call completed, aborts the call; then
/// pending and later operations throw <see cref="OperationCanceledException"/>.</para>
/// </remarks>
/// <typeparam name="TIn">The type of the messages the client sends.</typeparam>
/// <typeparam name="TOut">The type of the results the server sends.</typeparam>
public class InProcessClientStream<TIn, TOut> :
    IStreamSender<TIn>, IStreamReceiver<TOut>, IClosableStream, IHalfClosableStream, ICloseAndRecvStream<TOut>, IAsyncDisposable
{
    /// <summary>Wraps the client side of <paramref name="call"/>.</summary>
    /// <param name="call">The call returned by <see cref="InProcessInvoker.Start{TIn, TOut}"/>.</param>
    public InProcessClientStream(InProcessCall<TIn, TOut> call)
    {
        ArgumentNullException.ThrowIfNull(call);
        Call = call;
    }

    /// <summary>The call this stream belongs to.</summary>
    protected InProcessCall<TIn, TOut> Call { get; }

    /// <summary>
    /// The view the results are projected to. The server may choose it before its first result, so it is final once
    /// the first result has been received.
    /// </summary>
    public string View => Call.View;

    /// <summary>Sends one message to the server; waits while the server's buffer is full. Safe to call from several tasks.</summary>
    /// <param name="message">The message; never null.</param>
    /// <param name="cancellationToken">Cancels the wait and aborts the call.</param>
    /// <exception cref="ArgumentNullException"><paramref name="message"/> is null.</exception>
    /// <exception cref="InvalidOperationException">The client stopped sending, or the server finished without failing
    /// (the message was not delivered).</exception>
    /// <exception cref="ServiceError">The server failed; this is its error.</exception>
    /// <exception cref="OperationCanceledException">The call was aborted.</exception>
    public ValueTask SendAsync(TIn message, CancellationToken cancellationToken = default) =>
        Call.ClientSendAsync(message, cancellationToken);

    /// <summary>Receives the next result, or <c>null</c> once the server has finished sending.</summary>
    /// <param name="cancellationToken">Cancels the wait and aborts the call.</param>
    /// <exception cref="ServiceError">The server failed; this is its error, after every result sent before it.</exception>
    /// <exception cref="Validation.ValidationException">The result broke the rules of its view; it is consumed and the stream stays usable.</exception>
    /// <exception cref="InvalidOperationException">Another receive is pending.</exception>
    /// <exception cref="OperationCanceledException">The call was aborted.</exception>
    public async ValueTask<TOut?> RecvAsync(CancellationToken cancellationToken = default) =>
        (await Call.ClientRecvAsync(cancellationToken).ConfigureAwait(false)).Message;

    /// <summary>Stops sending, then waits for the handler to finish; throws its error if it failed.</summary>
    /// <param name="cancellationToken">Cancels the wait and aborts the call.</param>
    public ValueTask CloseAsync(CancellationToken cancellationToken = default) =>
        Call.ClientCloseAsync(cancellationToken);

    /// <summary>Stops sending (half-close); the server's receive then returns <c>null</c> while results keep arriving. Idempotent.</summary>
    /// <param name="cancellationToken">Cancels the wait for pending sends and aborts the call.</param>
    public ValueTask CloseSendAsync(CancellationToken cancellationToken = default) =>
        Call.ClientCloseSendAsync(cancellationToken);

    /// <summary>Stops sending and waits for the server's final result, validated against <see cref="View"/>.</summary>
    /// <param name="cancellationToken">Cancels the wait and aborts the call.</param>
    /// <exception cref="ServiceError">The server failed (its error), or returned without a result (named
    /// <see cref="InProcessCall{TIn, TOut}.MissingResultName"/>, a fault).</exception>
    /// <exception cref="OperationCanceledException">The call was aborted.</exception>
    public ValueTask<TOut> CloseAndRecvAsync(CancellationToken cancellationToken = default) =>
        Call.ClientCloseAndRecvAsync(cancellationToken);

    /// <summary>Enumerates the results until the server finishes sending.</summary>
    /// <param name="cancellationToken">Cancels the enumeration and aborts the call.</param>
    public IAsyncEnumerator<TOut> GetAsyncEnumerator(CancellationToken cancellationToken = default) =>
        ReadAllAsync(CancellationToken.None).GetAsyncEnumerator(cancellationToken);

    /// <summary>
    /// Aborts the call if it has not completed (the handler's token fires), then waits for the handler to finish.
    /// Idempotent. After disposing an incomplete call, operations throw <see cref="OperationCanceledException"/>.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        await Call.DisposeClientAsync().ConfigureAwait(false);
        GC.SuppressFinalize(this);
    }

    private async IAsyncEnumerable<TOut> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        while (true)
        {
                var (received, message) = await Call.ClientRecvAsync(cancellationToken).ConfigureAwait(false);
            if (!received)
            {
                yield break;
            }

            yield return message!;
        }
    }
}
