// Licensed under the MIT license. See LICENSE in the project root.

using System.Runtime.CompilerServices;
using Serow.Streaming;

namespace Serow.InProcess;

/// <summary>
/// The handler's side of an in-process streaming call. Implements every server role, so generated per-method stream
/// classes derive from it and add only their interface.
/// </summary>
/// <remarks>
/// <para>Sends are serialized and wait while the client's buffer is full. Only one <see cref="RecvAsync"/> may be pending.
/// Every received message is validated with <see cref="StreamContract{TIn, TOut}.ValidateIncoming"/>; an invalid message
/// throws <see cref="Validation.ValidationException"/>, is consumed, and leaves the stream usable.</para>
/// <para>When the call is aborted (the client cancelled or disposed its stream), pending and later operations throw
/// <see cref="OperationCanceledException"/>. Cancelling an operation's token aborts the whole call.</para>
/// </remarks>
/// <typeparam name="TIn">The type of the messages the client sends.</typeparam>
/// <typeparam name="TOut">The type of the results the server sends.</typeparam>
public class InProcessServerStream<TIn, TOut> :
    IStreamSender<TOut>, IStreamReceiver<TIn>, IClosableStream, ISendAndCloseStream<TOut>, IViewSettableStream
{
    /// <summary>Wraps the server side of <paramref name="call"/>.</summary>
    /// <param name="call">The call, as passed to the handler by <see cref="InProcessInvoker.Start{TIn, TOut}"/>.</param>
    public InProcessServerStream(InProcessCall<TIn, TOut> call)
    {
        ArgumentNullException.ThrowIfNull(call);
        Call = call;
    }

    /// <summary>The call this stream belongs to.</summary>
    protected InProcessCall<TIn, TOut> Call { get; }

    /// <summary>The view results are projected to.</summary>
    public string View => Call.View;

    /// <summary>
    /// Sends one result, projected to the view in effect. Waits while the client's buffer is full.
    /// </summary>
    /// <param name="message">The result; never null.</param>
    /// <param name="cancellationToken">Cancels the wait and aborts the call.</param>
    /// <exception cref="ArgumentNullException"><paramref name="message"/> is null.</exception>
    /// <exception cref="InvalidOperationException">The stream was closed by <see cref="CloseAsync"/> or <see cref="SendAndCloseAsync"/>.</exception>
    /// <exception cref="OperationCanceledException">The call was aborted.</exception>
    public ValueTask SendAsync(TOut message, CancellationToken cancellationToken = default) =>
        Call.ServerSendAsync(message, cancellationToken);

    /// <summary>Receives the next client message, or <c>null</c> once the client has stopped sending.</summary>
    /// <param name="cancellationToken">Cancels the wait and aborts the call.</param>
    /// <exception cref="Validation.ValidationException">The message broke its rules; it is consumed and the stream stays usable.</exception>
    /// <exception cref="InvalidOperationException">Another receive is pending.</exception>
    /// <exception cref="OperationCanceledException">The call was aborted.</exception>
    public async ValueTask<TIn?> RecvAsync(CancellationToken cancellationToken = default) =>
        (await Call.ServerRecvAsync(cancellationToken).ConfigureAwait(false)).Message;

    /// <summary>Ends the results; the client sees end of stream. Waits for pending sends. Closing twice does nothing.</summary>
    /// <param name="cancellationToken">Cancels the wait.</param>
    public ValueTask CloseAsync(CancellationToken cancellationToken = default) =>
        Call.ServerCloseAsync(cancellationToken);

    /// <summary>Sends the final result of a client stream, projected to the view in effect, and ends the results.</summary>
    /// <param name="result">The result; never null.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <exception cref="ArgumentNullException"><paramref name="result"/> is null.</exception>
    /// <exception cref="InvalidOperationException">The stream is already closed.</exception>
    public ValueTask SendAndCloseAsync(TOut result, CancellationToken cancellationToken = default) =>
        Call.ServerSendAndCloseAsync(result, cancellationToken);

    /// <summary>Chooses the view every result is projected to; must be called before the first result is sent.</summary>
    /// <param name="view">One of <see cref="StreamContract{TIn, TOut}.Views"/>.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <exception cref="ArgumentException">The view is unknown; the message names the known views.</exception>
    /// <exception cref="InvalidOperationException">The design does not let the server choose the view, or a result was already sent.</exception>
    public ValueTask SetViewAsync(string view, CancellationToken cancellationToken = default) =>
        Call.ServerSetViewAsync(view, cancellationToken);

    /// <summary>Enumerates the client's messages until it stops sending.</summary>
    /// <param name="cancellationToken">Cancels the enumeration and aborts the call.</param>
    public IAsyncEnumerator<TIn> GetAsyncEnumerator(CancellationToken cancellationToken = default) =>
        ReadAllAsync(CancellationToken.None).GetAsyncEnumerator(cancellationToken);

    private async IAsyncEnumerable<TIn> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        while (true)
        {
            var (received, message) = await Call.ServerRecvAsync(cancellationToken).ConfigureAwait(false);
            if (!received)
            {
                yield break;
            }

            yield return message!;
        }
    }
}
