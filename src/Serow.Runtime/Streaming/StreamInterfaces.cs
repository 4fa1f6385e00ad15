// Licensed under the MIT license. See LICENSE in the project root.

namespace Serow.Streaming;

// The generated per-method stream interfaces combine these roles, so every transport implements a role once.
// A stream allows one pending receive and one pending send at a time; concurrent sends are serialized by
// the transport, concurrent receives are rejected with InvalidOperationException.

/// <summary>The sending side of a stream.</summary>
/// <typeparam name="T">The message type.</typeparam>
public interface IStreamSender<in T>
{
    /// <summary>Sends one message. Waits while the peer is slow (backpressure).</summary>
    /// <param name="message">The message; never null.</param>
    /// <param name="cancellationToken">Cancels the wait; the stream is then aborted.</param>
    ValueTask SendAsync(T message, CancellationToken cancellationToken = default);
}

/// <summary>The receiving side of a stream; also consumable with <c>await foreach</c>.</summary>
/// <typeparam name="T">The message type.</typeparam>
public interface IStreamReceiver<T> : IAsyncEnumerable<T>
{
    /// <summary>
    /// Receives the next message, or <c>null</c> once the peer has finished sending. A failure of the peer throws
    /// its typed <see cref="ServiceError"/>; an invalid message throws <see cref="Validation.ValidationException"/>.
    /// </summary>
    /// <param name="cancellationToken">Cancels the wait.</param>
    ValueTask<T?> RecvAsync(CancellationToken cancellationToken = default);
}

/// <summary>A stream its owner can end.</summary>
public interface IClosableStream
{
    /// <summary>Ends the stream normally; the peer sees end of stream.</summary>
    /// <param name="cancellationToken">Cancels the wait.</param>
    ValueTask CloseAsync(CancellationToken cancellationToken = default);
}

/// <summary>The server side of a client stream with a final result.</summary>
/// <typeparam name="TResult">The final result type.</typeparam>
public interface ISendAndCloseStream<in TResult>
{
    /// <summary>Sends the final result and ends the call.</summary>
    /// <param name="result">The result.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    ValueTask SendAndCloseAsync(TResult result, CancellationToken cancellationToken = default);
}

/// <summary>The client side of a client stream with a final result.</summary>
/// <typeparam name="TResult">The final result type.</typeparam>
public interface ICloseAndRecvStream<TResult>
{
    /// <summary>Stops sending and waits for the server's final result; a server failure throws its typed error.</summary>
    /// <param name="cancellationToken">Cancels the wait and the call.</param>
    ValueTask<TResult> CloseAndRecvAsync(CancellationToken cancellationToken = default);
}

/// <summary>The client side of a bidirectional stream, which can stop sending and keep receiving.</summary>
public interface IHalfClosableStream
{
    /// <summary>Tells the server no more messages will be sent (half-close); results can still be received.</summary>
    /// <param name="cancellationToken">Cancels the wait.</param>
    ValueTask CloseSendAsync(CancellationToken cancellationToken = default);
}

/// <summary>A server stream whose result type has several views and whose design does not pin one.</summary>
public interface IViewSettableStream
{
    /// <summary>
    /// Chooses the view used to project every result sent on the stream. Must be called before the first message is
    /// sent; an unknown view name throws <see cref="ArgumentException"/>, a late call <see cref="InvalidOperationException"/>.
    /// </summary>
    /// <param name="view">The view's designed name.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    ValueTask SetViewAsync(string view, CancellationToken cancellationToken = default);
}

/// <summary>
/// The server side of a resumable server stream (<c>Resumable</c> in the design). Each result carries its position; a
/// handler that starts somewhere of its own (a topic's live end, when the client asked for no resume position) says so
/// before the first result, so that a client that loses the connection before any result resumes there and misses
/// nothing published meanwhile.
/// </summary>
public interface IResumableServerStream
{
    /// <summary>
    /// Opens the stream now and tells the client that it starts after <paramref name="position"/>: the SSE event stream
    /// begins with an <c>id:</c> of its own, a WebSocket with a <c>{"$serow.position": …}</c> frame, a gRPC call with the
    /// <c>serow-position</c> response header. Must come before the first send or close (and after any view is chosen).
    /// </summary>
    /// <param name="position">The position the stream starts after, in the format of the results' positions.</param>
    /// <param name="cancellationToken">Cancels the wait; the stream is then aborted.</param>
    ValueTask StartAfterAsync(string position, CancellationToken cancellationToken = default);
}
