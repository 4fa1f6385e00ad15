// Licensed under the MIT license. See LICENSE in the project root.

using System.Runtime.CompilerServices;
using Serow.Streaming;

namespace Serow.Grpc;

/// <summary>
/// The caller's side of a streaming gRPC call. Implements every client role, so generated per-method stream classes
/// derive from it and add only their interface. Semantics as <see cref="InProcess.InProcessClientStream{TIn, TOut}"/>.
/// </summary>
/// <typeparam name="TIn">The type of the client's messages.</typeparam>
/// <typeparam name="TOut">The type of the server's messages or final result.</typeparam>
public class GrpcClientStream<TIn, TOut> :
    IStreamSender<TIn>, IStreamReceiver<TOut>, IClosableStream, IHalfClosableStream, ICloseAndRecvStream<TOut>, IAsyncDisposable
{
    /// <summary>Wraps the client side of <paramref name="call"/>.</summary>
    /// <param name="call">The call started by <see cref="GrpcClientInvoker"/>.</param>
    public GrpcClientStream(GrpcClientCall<TIn, TOut> call)
    {
        ArgumentNullException.ThrowIfNull(call);
        Call = call;
    }

    /// <summary>The call this stream belongs to.</summary>
    protected GrpcClientCall<TIn, TOut> Call { get; }

    /// <summary>Sends one message; waits for HTTP/2 flow control. Safe to call from several tasks (sends are serialized).</summary>
    /// <param name="message">The message; never null.</param>
    /// <param name="cancellationToken">Cancels the wait and aborts the call.</param>
    /// <exception cref="InvalidOperationException">The client stopped sending, or the server finished without failing.</exception>
    /// <exception cref="ServiceError">The server failed; this is its typed error.</exception>
    /// <exception cref="OperationCanceledException">The call was cancelled.</exception>
    public ValueTask SendAsync(TIn message, CancellationToken cancellationToken = default) =>
        Call.SendAsync(message, cancellationToken);

    /// <summary>Receives the next result, or <c>null</c> once the server has finished sending.</summary>
    /// <param name="cancellationToken">Cancels the wait and aborts the call.</param>
    /// <exception cref="ServiceError">The server failed; this is its typed error, after every result sent before it.</exception>
    /// <exception cref="Validation.ValidationException">The result broke the rules of its view; it is consumed and the stream stays usable.</exception>
    /// <exception cref="OperationCanceledException">The call was cancelled.</exception>
    public ValueTask<TOut?> RecvAsync(CancellationToken cancellationToken = default) =>
        Call.RecvAsync(cancellationToken);

    /// <summary>Stops sending, then waits for the server to finish; throws its error if it failed.</summary>
    /// <param name="cancellationToken">Cancels the wait and aborts the call.</param>
    public ValueTask CloseAsync(CancellationToken cancellationToken = default) =>
        Call.CloseAsync(cancellationToken);

    /// <summary>Stops sending (half-close); results keep arriving. Idempotent.</summary>
    /// <param name="cancellationToken">Cancels the wait for pending sends and aborts the call.</param>
    public ValueTask CloseSendAsync(CancellationToken cancellationToken = default) =>
        Call.CloseSendAsync(cancellationToken);

    /// <summary>Stops sending and waits for the server's final result, validated against its view.</summary>
    /// <param name="cancellationToken">Cancels the wait and aborts the call.</param>
    public ValueTask<TOut> CloseAndRecvAsync(CancellationToken cancellationToken = default) =>
        Call.CloseAndRecvAsync(cancellationToken);

    /// <summary>Enumerates the results until the server finishes sending.</summary>
    /// <param name="cancellationToken">Cancels the enumeration and aborts the call.</param>
    public IAsyncEnumerator<TOut> GetAsyncEnumerator(CancellationToken cancellationToken = default) =>
        ReadAllAsync(CancellationToken.None).GetAsyncEnumerator(cancellationToken);

    /// <summary>Cancels the call if it is still running (the server's token fires) and releases it. Idempotent.</summary>
    public async ValueTask DisposeAsync()
    {
        await Call.DisposeAsync().ConfigureAwait(false);
        GC.SuppressFinalize(this);
    }

    private async IAsyncEnumerable<TOut> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        while (true)
        {
            // A received message is never null: null is the end of the stream.
            if (await Call.RecvAsync(cancellationToken).ConfigureAwait(false) is not { } message)
            {
                yield break;
            }

            yield return message;
        }
    }
}
