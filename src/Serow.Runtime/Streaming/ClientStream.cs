// Licensed under the MIT license. See LICENSE in the project root.

using System.Runtime.CompilerServices;

namespace Serow.Streaming;

/// <summary>
/// The caller's side of a streaming call on any transport. Implements every client role over a
/// <see cref="ClientCall{TIn, TOut}"/>; the generated per-method stream classes (in <c>&lt;Service&gt;Contracts.g.cs</c>)
/// derive from it and add only their interface, so each method's stream is written once for every transport.
/// </summary>
/// <remarks>See <see cref="ClientCall{TIn, TOut}"/> for the rules every transport follows.</remarks>
/// <typeparam name="TIn">The type of the messages the client sends.</typeparam>
/// <typeparam name="TOut">The type of the results the server sends.</typeparam>
public class ClientStream<TIn, TOut> :
    IStreamSender<TIn>, IStreamReceiver<TOut>, IClosableStream, IHalfClosableStream, ICloseAndRecvStream<TOut>, IStreamPosition, IAsyncDisposable
{
    /// <summary>Wraps the client side of <paramref name="call"/>.</summary>
    /// <param name="call">The call a transport started.</param>
    public ClientStream(ClientCall<TIn, TOut> call)
    {
        ArgumentNullException.ThrowIfNull(call);
        Call = call;
    }

    /// <summary>The call this stream belongs to.</summary>
    protected ClientCall<TIn, TOut> Call { get; }

    /// <summary>The view the results are projected to, as the server announced it; final once the first result has arrived.</summary>
    public string View => Call.View;

    /// <inheritdoc/>
    public string LastPosition => Call.LastPosition;

    /// <inheritdoc/>
    public TimeSpan? ReconnectionInterval => Call.ReconnectionInterval;

    /// <summary>Sends one message to the server; waits while the server is slow. Safe to call from several tasks.</summary>
    /// <param name="message">The message; never null.</param>
    /// <param name="cancellationToken">Cancels the wait and aborts the call.</param>
    /// <exception cref="ArgumentNullException"><paramref name="message"/> is null.</exception>
    /// <exception cref="InvalidOperationException">The client stopped sending, or the server finished without failing (the message was not delivered).</exception>
    /// <exception cref="ServiceError">The server failed; this is its error.</exception>
    /// <exception cref="OperationCanceledException">The call was aborted.</exception>
    public ValueTask SendAsync(TIn message, CancellationToken cancellationToken = default) => Call.SendAsync(message, cancellationToken);

    /// <summary>Receives the next result, or <c>null</c> once the server has finished sending.</summary>
    /// <param name="cancellationToken">Cancels the wait and aborts the call.</param>
    /// <exception cref="ServiceError">The server failed; this is its error, after every result sent before it.</exception>
    /// <exception cref="Validation.ValidationException">The result broke the rules of its view; it is consumed and the stream stays usable.</exception>
    /// <exception cref="InvalidOperationException">Another receive is pending.</exception>
    /// <exception cref="OperationCanceledException">The call was aborted.</exception>
    public ValueTask<TOut?> RecvAsync(CancellationToken cancellationToken = default) => Call.RecvAsync(cancellationToken);

    /// <summary>Stops sending, then waits for the server to finish; throws its error if it failed.</summary>
    /// <param name="cancellationToken">Cancels the wait and aborts the call.</param>
    public ValueTask CloseAsync(CancellationToken cancellationToken = default) => Call.CloseAsync(cancellationToken);

    /// <summary>Stops sending (half-close); the server's receive then returns <c>null</c> while results keep arriving. Idempotent.</summary>
    /// <param name="cancellationToken">Cancels the wait for sends in flight and aborts the call.</param>
    public ValueTask CloseSendAsync(CancellationToken cancellationToken = default) => Call.CloseSendAsync(cancellationToken);

    /// <summary>Stops sending and waits for the server's final result, validated against <see cref="View"/>.</summary>
    /// <param name="cancellationToken">Cancels the wait and aborts the call.</param>
    /// <exception cref="ServiceError">The server failed (its error), or returned without a result (named
    /// <see cref="StreamErrors.MissingResultName"/>, a fault).</exception>
    /// <exception cref="OperationCanceledException">The call was aborted.</exception>
    public ValueTask<TOut> CloseAndRecvAsync(CancellationToken cancellationToken = default) => Call.CloseAndRecvAsync(cancellationToken);

    /// <summary>Enumerates the results until the server finishes sending.</summary>
    /// <param name="cancellationToken">Cancels the enumeration and aborts the call.</param>
    public IAsyncEnumerator<TOut> GetAsyncEnumerator(CancellationToken cancellationToken = default) =>
        ReadAllAsync(CancellationToken.None).GetAsyncEnumerator(cancellationToken);

    /// <summary>
    /// Aborts the call if it has not completed (the server's handler is cancelled), then releases the connection.
    /// Idempotent. After disposing an incomplete call, operations throw <see cref="OperationCanceledException"/>.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        await Call.DisposeAsync().ConfigureAwait(false);
        GC.SuppressFinalize(this);
    }

    private async IAsyncEnumerable<TOut> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        // Results are never null, so null is the end.
        while (await Call.RecvAsync(cancellationToken).ConfigureAwait(false) is { } result)
        {
            yield return result;
        }
    }
}
