// Licensed under the MIT license. See LICENSE in the project root.

using System.Runtime.CompilerServices;

namespace Serow.Streaming;

/// <summary>
/// The handler's side of a streaming call on any transport. Implements every server role over a
/// <see cref="ServerCall{TIn, TOut}"/>; the generated per-method stream classes (in <c>&lt;Service&gt;Contracts.g.cs</c>)
/// derive from it and add only their interface, so each method's stream is written once for every transport.
/// </summary>
/// <remarks>See <see cref="ServerCall{TIn, TOut}"/> for the rules every transport follows.</remarks>
/// <typeparam name="TIn">The type of the messages the client sends.</typeparam>
/// <typeparam name="TOut">The type of the results the server sends.</typeparam>
public class ServerStream<TIn, TOut> :
    IStreamSender<TOut>, IStreamReceiver<TIn>, IClosableStream, ISendAndCloseStream<TOut>, IViewSettableStream, IResumableServerStream
{
    /// <summary>Wraps the server side of <paramref name="call"/>.</summary>
    /// <param name="call">The call a transport passed to the handler.</param>
    public ServerStream(ServerCall<TIn, TOut> call)
    {
        ArgumentNullException.ThrowIfNull(call);
        Call = call;
    }

    /// <summary>The call this stream belongs to.</summary>
    protected ServerCall<TIn, TOut> Call { get; }

    /// <summary>The view results are projected to.</summary>
    public string View => Call.View;

    /// <summary>Sends one result, projected to the view in effect; waits while the client is slow.</summary>
    /// <param name="message">The result; never null.</param>
    /// <param name="cancellationToken">Cancels the wait and aborts the call.</param>
    /// <exception cref="ArgumentNullException"><paramref name="message"/> is null.</exception>
    /// <exception cref="InvalidOperationException">The results were closed by <see cref="CloseAsync"/> or <see cref="SendAndCloseAsync"/>.</exception>
    /// <exception cref="OperationCanceledException">The call was aborted.</exception>
    public ValueTask SendAsync(TOut message, CancellationToken cancellationToken = default) => Call.SendAsync(message, cancellationToken);

    /// <summary>Receives the next client message, or <c>null</c> once the client has stopped sending.</summary>
    /// <param name="cancellationToken">Cancels the wait and aborts the call.</param>
    /// <exception cref="Validation.ValidationException">The message broke its rules; it is consumed and the stream stays usable.</exception>
    /// <exception cref="InvalidOperationException">Another receive is pending.</exception>
    /// <exception cref="OperationCanceledException">The call was aborted.</exception>
    public ValueTask<TIn?> RecvAsync(CancellationToken cancellationToken = default) => Call.RecvAsync(cancellationToken);

    /// <summary>Ends the results; the client sees end of stream. Waits for sends in flight. Closing twice does nothing.</summary>
    /// <param name="cancellationToken">Cancels the wait.</param>
    public ValueTask CloseAsync(CancellationToken cancellationToken = default) => Call.CloseAsync(cancellationToken);

    /// <summary>Sends the final result of a client stream, projected to the view in effect, and ends the results.</summary>
    /// <param name="result">The result; never null.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <exception cref="ArgumentNullException"><paramref name="result"/> is null.</exception>
    /// <exception cref="InvalidOperationException">The results are already closed.</exception>
    public ValueTask SendAndCloseAsync(TOut result, CancellationToken cancellationToken = default) => Call.SendAndCloseAsync(result, cancellationToken);

    /// <summary>Chooses the view every result is projected to; must come before the first send, receive or close.</summary>
    /// <param name="view">One of the result type's views.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <exception cref="ArgumentException">The view is unknown; the message names the known views.</exception>
    /// <exception cref="InvalidOperationException">The design pins the view, or the stream has opened.</exception>
    public ValueTask SetViewAsync(string view, CancellationToken cancellationToken = default) => Call.SetViewAsync(view, cancellationToken);

    /// <summary>
    /// Opens the stream now and tells the client that it starts after <paramref name="position"/>, so that a client that
    /// reconnects before the first result resumes there (see <see cref="IResumableServerStream"/>).
    /// </summary>
    /// <param name="position">The position the stream starts after, such as a topic's live end.</param>
    /// <param name="cancellationToken">Cancels the wait and aborts the call.</param>
    /// <exception cref="ArgumentException"><paramref name="position"/> is empty or holds a line break.</exception>
    /// <exception cref="InvalidOperationException">The stream has opened.</exception>
    public ValueTask StartAfterAsync(string position, CancellationToken cancellationToken = default) => Call.StartAfterAsync(position, cancellationToken);

    /// <summary>Enumerates the client's messages until it stops sending.</summary>
    /// <param name="cancellationToken">Cancels the enumeration and aborts the call.</param>
    public IAsyncEnumerator<TIn> GetAsyncEnumerator(CancellationToken cancellationToken = default) =>
        ReadAllAsync(CancellationToken.None).GetAsyncEnumerator(cancellationToken);

    private async IAsyncEnumerable<TIn> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        // Messages are never null, so null is the end.
        while (await Call.RecvAsync(cancellationToken).ConfigureAwait(false) is { } message)
        {
            yield return message;
        }
    }
}
