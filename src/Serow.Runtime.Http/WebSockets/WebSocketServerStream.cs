// Licensed under the MIT license. See LICENSE in the project root.

using System.Runtime.CompilerServices;
using Serow.Streaming;

namespace Serow.Http.WebSockets;

/// <summary>
/// The handler's side of a streaming call over a WebSocket. Implements every server role, so generated per-method
/// stream classes derive from it and add only their interface. Same semantics as the in-process transport; the first
/// send, receive or close opens the WebSocket, so <see cref="SetViewAsync"/> must come before them.
/// </summary>
/// <typeparam name="TIn">The type of the messages the client sends.</typeparam>
/// <typeparam name="TOut">The type of the results the server sends.</typeparam>
public class WebSocketServerStream<TIn, TOut> :
    IStreamSender<TOut>, IStreamReceiver<TIn>, IClosableStream, ISendAndCloseStream<TOut>, IViewSettableStream
{
    /// <summary>Wraps the server side of <paramref name="call"/>.</summary>
    /// <param name="call">The call, as passed to the handler by <see cref="WebSocketServerCall{TIn, TOut}.RunAsync"/>.</param>
    public WebSocketServerStream(WebSocketServerCall<TIn, TOut> call)
    {
        ArgumentNullException.ThrowIfNull(call);
        Call = call;
    }

    /// <summary>The call this stream belongs to.</summary>
    protected WebSocketServerCall<TIn, TOut> Call { get; }

    /// <summary>The view results are projected to.</summary>
    public string View => Call.View;

    /// <summary>Sends one result, projected to the view in effect, as one JSON text frame. Waits while the client is slow.</summary>
    /// <param name="message">The result; never null.</param>
    /// <param name="cancellationToken">Cancels the wait and aborts the call.</param>
    /// <exception cref="InvalidOperationException">The stream was closed.</exception>
    /// <exception cref="OperationCanceledException">The call was aborted or the client is gone.</exception>
    public ValueTask SendAsync(TOut message, CancellationToken cancellationToken = default) => Call.SendAsync(message, cancellationToken);

    /// <summary>Receives the next client message, or <c>null</c> once the client has stopped sending.</summary>
    /// <param name="cancellationToken">Cancels the wait and aborts the call.</param>
    /// <exception cref="Validation.ValidationException">The message broke its rules; it is consumed and the stream stays usable.</exception>
    /// <exception cref="OperationCanceledException">The call was aborted or the client is gone.</exception>
    public ValueTask<TIn?> RecvAsync(CancellationToken cancellationToken = default) => Call.RecvAsync(cancellationToken);

    /// <summary>Ends the results with a normal close; the client sees end of stream.</summary>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public ValueTask CloseAsync(CancellationToken cancellationToken = default) => Call.CloseAsync(cancellationToken);

    /// <summary>Sends the final result of a client stream and ends the results.</summary>
    /// <param name="result">The result; never null.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public ValueTask SendAndCloseAsync(TOut result, CancellationToken cancellationToken = default) => Call.SendAndCloseAsync(result, cancellationToken);

    /// <summary>Chooses the view every result is projected to; sent to the client in the <c>Serow-View</c> header of the upgrade.</summary>
    /// <param name="view">One of the result type's views.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <exception cref="ArgumentException">The view is unknown.</exception>
    /// <exception cref="InvalidOperationException">The design pins the view, or the stream is already open.</exception>
    public ValueTask SetViewAsync(string view, CancellationToken cancellationToken = default) => Call.SetViewAsync(view, cancellationToken);

    /// <summary>Enumerates the client's messages until it stops sending.</summary>
    /// <param name="cancellationToken">Cancels the enumeration and aborts the call.</param>
    public IAsyncEnumerator<TIn> GetAsyncEnumerator(CancellationToken cancellationToken = default) =>
        ReadAllAsync(CancellationToken.None).GetAsyncEnumerator(cancellationToken);

    private async IAsyncEnumerable<TIn> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        while (true)
        {
            // Messages are never null (a null frame ends the input), so null is the end.
            if (await Call.RecvAsync(cancellationToken).ConfigureAwait(false) is not { } message)
            {
                yield break;
            }

            yield return message;
        }
    }
}
