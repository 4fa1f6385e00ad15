// Licensed under the MIT license. See LICENSE in the project root.

using System.Runtime.CompilerServices;
using Serow.Streaming;
using Serow.Streaming.Internal;

namespace Serow.Interception;

/// <summary>
/// The stream a server handler receives when the method has server interceptors: each result it sends (and a client
/// stream's final result) passes the interceptors declared for streaming results (or the result), each message it
/// receives passes those declared for the streaming payload, whatever the transport underneath.
/// </summary>
/// <typeparam name="TIn">The client's messages.</typeparam>
/// <typeparam name="TOut">The server's messages, or the final result of a client stream.</typeparam>
public class InterceptedServerStream<TIn, TOut> : IStreamSender<TOut>, IStreamReceiver<TIn>, IClosableStream, ISendAndCloseStream<TOut>, IViewSettableStream
{
    private readonly object _inner;
    private readonly InterceptedCall _sends;
    private readonly InterceptedCall _receives;
    private readonly InterceptorPipeline? _send;
    private readonly InterceptorPipeline? _receive;
    private readonly AsyncGate _sendGate = new();
    private readonly AsyncGate _receiveGate = new();
    private TOut? _outgoing;
    private bool _final;
    private TIn? _incoming;

    /// <summary>Wraps the transport's stream.</summary>
    /// <param name="inner">The stream the transport handed to the handler.</param>
    /// <param name="set">The method's server interceptors for this call.</param>
    /// <param name="payload">The call's payload, or null.</param>
    protected InterceptedServerStream(object inner, InterceptorSet set, object? payload)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(set);
        _inner = inner;
        _sends = set.NewCall(InterceptedOperation.Send, payload);
        _receives = set.NewCall(InterceptedOperation.Receive, payload);
        _send = set.Pipeline(_sends, SendOperation);
        _receive = set.Pipeline(_receives, ReceiveOperation);
    }

    /// <inheritdoc/>
    public ValueTask SendAsync(TOut message, CancellationToken cancellationToken = default) =>
        _send is null ? Inner<IStreamSender<TOut>>().SendAsync(message, cancellationToken) : SendThroughAsync(message, final: false, cancellationToken);

    /// <inheritdoc/>
    public ValueTask SendAndCloseAsync(TOut result, CancellationToken cancellationToken = default) =>
        _send is null ? Inner<ISendAndCloseStream<TOut>>().SendAndCloseAsync(result, cancellationToken) : SendThroughAsync(result, final: true, cancellationToken);

    // Handlers may send from several tasks (one pending send at a time is the stream's rule): the chain and its
    // shared info run for one message at a time.
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask SendThroughAsync(TOut message, bool final, CancellationToken cancellationToken)
    {
        await _sendGate.EnterAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _outgoing = message;
            _final = final;
            _sends.Sequence++;
            if (final)
            {
                _sends.Result = message;
            }
            else
            {
                _sends.StreamingResult = message;
            }

            await _send!.RunAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _sendGate.Release();
        }
    }

    /// <inheritdoc/>
    public ValueTask<TIn?> RecvAsync(CancellationToken cancellationToken = default) =>
        _receive is null ? Inner<IStreamReceiver<TIn>>().RecvAsync(cancellationToken) : ReceiveAsync(cancellationToken);

    /// <inheritdoc/>
    public ValueTask CloseAsync(CancellationToken cancellationToken = default) => Inner<IClosableStream>().CloseAsync(cancellationToken);

    /// <inheritdoc/>
    public ValueTask SetViewAsync(string view, CancellationToken cancellationToken = default) => Inner<IViewSettableStream>().SetViewAsync(view, cancellationToken);

    /// <inheritdoc/>
    public IAsyncEnumerator<TIn> GetAsyncEnumerator(CancellationToken cancellationToken = default) =>
        ReadAllAsync(CancellationToken.None).GetAsyncEnumerator(cancellationToken);

    private T Inner<T>()
        where T : class =>
        _inner as T ?? throw new NotSupportedException($"{_sends.Label}: the stream does not support {typeof(T).Name}.");

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<TIn?> ReceiveAsync(CancellationToken cancellationToken)
    {
        await _receiveGate.EnterAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _receive!.RunAsync(cancellationToken).ConfigureAwait(false);
            return _incoming;
        }
        finally
        {
            _receiveGate.Release();
        }
    }

    private ValueTask SendOperation(CancellationToken cancellationToken) => _final
        ? Inner<ISendAndCloseStream<TOut>>().SendAndCloseAsync(_outgoing!, cancellationToken)
        : Inner<IStreamSender<TOut>>().SendAsync(_outgoing!, cancellationToken);

    private async ValueTask ReceiveOperation(CancellationToken cancellationToken)
    {
        _incoming = await Inner<IStreamReceiver<TIn>>().RecvAsync(cancellationToken).ConfigureAwait(false);
        if (_incoming is not null)
        {
            _receives.Sequence++;
        }

        _receives.StreamingPayload = _incoming;
    }

    private async IAsyncEnumerable<TIn> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        // Messages are never null, so null is the end.
        while (await RecvAsync(cancellationToken).ConfigureAwait(false) is { } message)
        {
            yield return message;
        }
    }
}
