// Licensed under the MIT license. See LICENSE in the project root.

using Serow.Streaming;

namespace Serow.Http.ServerSentEvents;

/// <summary>
/// The handler's side of a server stream served as Server-Sent Events. Generated per-method stream classes derive from
/// it and add only their interface. Same semantics as the in-process transport.
/// </summary>
/// <typeparam name="TOut">The type of the results the server sends.</typeparam>
public class SseServerStream<TOut> : IStreamSender<TOut>, IClosableStream, IViewSettableStream
{
    /// <summary>Wraps the server side of <paramref name="call"/>.</summary>
    /// <param name="call">The call, as passed to the handler by <see cref="SseServerCall{TOut}.RunAsync"/>.</param>
    public SseServerStream(SseServerCall<TOut> call)
    {
        ArgumentNullException.ThrowIfNull(call);
        Call = call;
    }

    /// <summary>The call this stream belongs to.</summary>
    protected SseServerCall<TOut> Call { get; }

    /// <summary>The view results are projected to.</summary>
    public string View => Call.View;

    /// <summary>Sends one result as one event. Waits while the client is slow.</summary>
    /// <param name="message">The result; never null.</param>
    /// <param name="cancellationToken">Cancels the wait and aborts the call.</param>
    /// <exception cref="InvalidOperationException">The stream was closed.</exception>
    /// <exception cref="OperationCanceledException">The call was aborted or the client is gone.</exception>
    public ValueTask SendAsync(TOut message, CancellationToken cancellationToken = default) => Call.SendAsync(message, cancellationToken);

    /// <summary>Ends the event stream; the client sees end of stream.</summary>
    /// <param name="cancellationToken">Cancels the wait.</param>
    public ValueTask CloseAsync(CancellationToken cancellationToken = default) => Call.CloseAsync(cancellationToken);

    /// <summary>Chooses the view every result is projected to, before the first result.</summary>
    /// <param name="view">One of the result type's views.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    public ValueTask SetViewAsync(string view, CancellationToken cancellationToken = default) => Call.SetViewAsync(view, cancellationToken);
}
