// Licensed under the MIT license. See LICENSE in the project root.

using System.Runtime.CompilerServices;
using Serow.Streaming;

namespace Serow.Http.ServerSentEvents;

/// <summary>
/// The caller's side of a server stream received as Server-Sent Events. Generated per-method stream classes derive from
/// it and add only their interface. Same semantics as the in-process transport; also exposes <see cref="LastEventId"/>
/// for resuming after a lost connection.
/// </summary>
/// <typeparam name="TOut">The type of the results the server sends.</typeparam>
public class SseClientStream<TOut> : IStreamReceiver<TOut>, IAsyncDisposable, IServerSentEventsStream
{
    /// <summary>Wraps the client side of <paramref name="call"/>.</summary>
    /// <param name="call">The call returned by <see cref="SseClientCall{TOut}.ConnectAsync"/>.</param>
    public SseClientStream(SseClientCall<TOut> call)
    {
        ArgumentNullException.ThrowIfNull(call);
        Call = call;
    }

    /// <summary>The call this stream belongs to.</summary>
    protected SseClientCall<TOut> Call { get; }

    /// <summary>The view the results are projected to, as the server announced it.</summary>
    public string View => Call.View;

    /// <inheritdoc/>
    public string LastEventId => Call.LastEventId;

    /// <inheritdoc/>
    public TimeSpan? ReconnectionInterval => Call.ReconnectionInterval;

    /// <summary>Receives the next result, or <c>null</c> once the server has finished sending.</summary>
    /// <param name="cancellationToken">Cancels the wait and aborts the call.</param>
    /// <exception cref="ServiceError">The server failed; this is its typed error, after every result sent before it.</exception>
    /// <exception cref="Validation.ValidationException">The result broke the rules of its view; it is consumed.</exception>
    /// <exception cref="OperationCanceledException">The call was aborted.</exception>
    public async ValueTask<TOut?> RecvAsync(CancellationToken cancellationToken = default) =>
        (await Call.RecvAsync(cancellationToken).ConfigureAwait(false)).Message;

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
            var (received, message) = await Call.RecvAsync(cancellationToken).ConfigureAwait(false);
            if (!received)
            {
                yield break;
            }

            yield return message!;
        }
    }
}

/// <summary>
/// What a client stream received as Server-Sent Events tells about resuming: cast a generated client stream to it
/// (<c>if (stream is IServerSentEventsStream sse)</c>) and put <see cref="LastEventId"/> in the payload's request-id attribute.
/// </summary>
public interface IServerSentEventsStream
{
    /// <summary>The id of the last event received; empty when none had an id.</summary>
    string LastEventId { get; }

    /// <summary>The reconnection time the server asked for with <c>retry:</c>, or null when it did not.</summary>
    TimeSpan? ReconnectionInterval { get; }
}
