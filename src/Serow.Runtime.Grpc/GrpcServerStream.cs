// Licensed under the MIT license. See LICENSE in the project root.

using System.Runtime.CompilerServices;
using Serow.Streaming;

namespace Serow.Grpc;

/// <summary>
/// The method's side of a streaming gRPC call. Implements every server role, so generated per-method stream classes
/// derive from it and add only their interface. Semantics as <see cref="InProcess.InProcessServerStream{TIn, TOut}"/>.
/// </summary>
/// <typeparam name="TIn">The type of the client's messages.</typeparam>
/// <typeparam name="TOut">The type of the server's messages or final result.</typeparam>
public class GrpcServerStream<TIn, TOut> :
    IStreamSender<TOut>, IStreamReceiver<TIn>, IClosableStream, ISendAndCloseStream<TOut>, IViewSettableStream
{
    /// <summary>Wraps the server side of <paramref name="call"/>.</summary>
    /// <param name="call">The call, as passed to the method by <see cref="GrpcServerInvoker.StreamAsync"/>.</param>
    public GrpcServerStream(GrpcServerCall<TIn, TOut> call)
    {
        ArgumentNullException.ThrowIfNull(call);
        Call = call;
    }

    /// <summary>The call this stream belongs to.</summary>
    protected GrpcServerCall<TIn, TOut> Call { get; }

    /// <summary>The view results are projected to.</summary>
    public string View => Call.View;

    /// <summary>Sends one result, projected to the view in effect; waits for HTTP/2 flow control (backpressure).</summary>
    /// <param name="message">The result; never null.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <exception cref="ArgumentNullException"><paramref name="message"/> is null.</exception>
    /// <exception cref="InvalidOperationException">The stream was closed.</exception>
    /// <exception cref="OperationCanceledException">The call was cancelled.</exception>
    public ValueTask SendAsync(TOut message, CancellationToken cancellationToken = default) =>
        Call.SendAsync(message, cancellationToken);

    /// <summary>Receives the next client message, or <c>null</c> once the client has stopped sending.</summary>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <exception cref="Validation.ValidationException">The message broke its rules; it is consumed and the stream stays usable.</exception>
    /// <exception cref="InvalidOperationException">Another receive is pending.</exception>
    /// <exception cref="OperationCanceledException">The call was cancelled.</exception>
    public ValueTask<TIn?> RecvAsync(CancellationToken cancellationToken = default) =>
        Call.RecvAsync(cancellationToken);

    /// <summary>Ends the results: later sends fail; the client sees end of stream once the method returns.</summary>
    /// <param name="cancellationToken">Cancels the wait for pending sends.</param>
    public ValueTask CloseAsync(CancellationToken cancellationToken = default) =>
        Call.CloseAsync(cancellationToken);

    /// <summary>Sets the final result of a client stream, projected to the view in effect; it is sent when the method returns.</summary>
    /// <param name="result">The result; never null.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <exception cref="InvalidOperationException">The stream is already closed.</exception>
    public ValueTask SendAndCloseAsync(TOut result, CancellationToken cancellationToken = default) =>
        Call.SendAndCloseAsync(result, cancellationToken);

    /// <summary>Chooses the view every result is projected to; must be called before the first result is sent.</summary>
    /// <param name="view">One of the result type's views.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <exception cref="ArgumentException">The view is unknown; the message names the known views.</exception>
    /// <exception cref="InvalidOperationException">The design pins the view, or a result was already sent.</exception>
    public ValueTask SetViewAsync(string view, CancellationToken cancellationToken = default) =>
        Call.SetViewAsync(view, cancellationToken);

    /// <summary>Enumerates the client's messages until it stops sending.</summary>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    public IAsyncEnumerator<TIn> GetAsyncEnumerator(CancellationToken cancellationToken = default) =>
        ReadAllAsync(CancellationToken.None).GetAsyncEnumerator(cancellationToken);

    private async IAsyncEnumerable<TIn> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
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
