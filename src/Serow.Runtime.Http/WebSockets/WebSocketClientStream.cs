// Licensed under the MIT license. See LICENSE in the project root.

using System.Runtime.CompilerServices;
using Serow.Streaming;

namespace Serow.Http.WebSockets;

/// <summary>
/// The caller's side of a streaming call over a WebSocket. Implements every client role, so generated per-method
/// stream classes derive from it and add only their interface. Same semantics as the in-process transport.
/// </summary>
/// <typeparam name="TIn">The type of the messages the client sends.</typeparam>
/// <typeparam name="TOut">The type of the results the server sends.</typeparam>
public class WebSocketClientStream<TIn, TOut> :
    IStreamSender<TIn>, IStreamReceiver<TOut>, IClosableStream, IHalfClosableStream, ICloseAndRecvStream<TOut>, IAsyncDisposable
{
    /// <summary>Wraps the client side of <paramref name="call"/>.</summary>
    /// <param name="call">The call returned by <see cref="WebSocketClientCall{TIn, TOut}.ConnectAsync"/>.</param>
    public WebSocketClientStream(WebSocketClientCall<TIn, TOut> call)
    {
        ArgumentNullException.ThrowIfNull(call);
        Call = call;
    }

    /// <summary>The call this stream belongs to.</summary>
    protected WebSocketClientCall<TIn, TOut> Call { get; }

    /// <summary>The view the results are projected to, as the server announced it when the stream opened.</summary>
    public string View => Call.View;

    /// <summary>Sends one message as a JSON text frame. Safe to call from several tasks; sends are serialized.</summary>
    /// <param name="message">The message; never null.</param>
    /// <param name="cancellationToken">Cancels the wait and aborts the call.</param>
    /// <exception cref="InvalidOperationException">The client stopped sending, or the server finished without failing.</exception>
    /// <exception cref="ServiceError">The server failed; this is its typed error.</exception>
    /// <exception cref="OperationCanceledException">The call was aborted.</exception>
    public ValueTask SendAsync(TIn message, CancellationToken cancellationToken = default) => Call.SendAsync(message, cancellationToken);

    /// <summary>Receives the next result, or <c>null</c> once the server has finished sending.</summary>
    /// <param name="cancellationToken">Cancels the wait and aborts the call.</param>
    /// <exception cref="ServiceError">The server failed; this is its typed error, after every result sent before it.</exception>
    /// <exception cref="Validation.ValidationException">The result broke the rules of its view; it is consumed.</exception>
    /// <exception cref="OperationCanceledException">The call was aborted.</exception>
    public ValueTask<TOut?> RecvAsync(CancellationToken cancellationToken = default) => Call.RecvAsync(cancellationToken);

    /// <summary>Stops sending (the close handshake's first half), then waits for the server to finish; throws its error if it failed.</summary>
    /// <param name="cancellationToken">Cancels the wait and aborts the call.</param>
    public ValueTask CloseAsync(CancellationToken cancellationToken = default) => Call.CloseAsync(cancellationToken);

    /// <summary>Stops sending (half-close): the client's close frame goes out while results keep arriving. Idempotent.</summary>
    /// <param name="cancellationToken">Cancels the wait for pending sends and aborts the call.</param>
    public ValueTask CloseSendAsync(CancellationToken cancellationToken = default) => Call.CloseSendAsync(cancellationToken);

    /// <summary>Stops sending and waits for the server's final result.</summary>
    /// <param name="cancellationToken">Cancels the wait and aborts the call.</param>
    /// <exception cref="ServiceError">The server failed, or finished without a result (<c>missing_result</c>).</exception>
    public ValueTask<TOut> CloseAndRecvAsync(CancellationToken cancellationToken = default) => Call.CloseAndRecvAsync(cancellationToken);

    /// <summary>Enumerates the results until the server finishes sending.</summary>
    /// <param name="cancellationToken">Cancels the enumeration and aborts the call.</param>
    public IAsyncEnumerator<TOut> GetAsyncEnumerator(CancellationToken cancellationToken = default) =>
        ReadAllAsync(CancellationToken.None).GetAsyncEnumerator(cancellationToken);

    /// <summary>Aborts the call if it is still running (the handler's token fires), and releases the connection. Idempotent.</summary>
    public async ValueTask DisposeAsync()
    {
        await Call.DisposeAsync().ConfigureAwait(false);
        GC.SuppressFinalize(this);
    }

    private async IAsyncEnumerable<TOut> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        while (true)
        {
            // Results are never null (a null frame is refused), so null is the end.
            if (await Call.RecvAsync(cancellationToken).ConfigureAwait(false) is not { } message)
            {
                yield break;
            }

            yield return message;
        }
    }
}
