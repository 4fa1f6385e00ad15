// Licensed under the MIT license. See LICENSE in the project root.

using System.Runtime.CompilerServices;
using Serow.Streaming;
using Serow.Streaming.Internal;

namespace Serow.Interception;

/// <summary>
/// The stream a generated client returns when the method has client interceptors: each message sent passes the
/// interceptors declared for the streaming payload, each result received (and a client stream's final result) those
/// declared for the streaming result (or the result), whatever the transport underneath.
/// </summary>
/// <typeparam name="TIn">The client's messages.</typeparam>
/// <typeparam name="TOut">The server's messages, or the final result of a client stream.</typeparam>
public class InterceptedClientStream<TIn, TOut> :
    IStreamSender<TIn>, IStreamReceiver<TOut>, IClosableStream, IHalfClosableStream, ICloseAndRecvStream<TOut>, IStreamPosition, IAsyncDisposable
{
    private readonly object _inner;
    private readonly InterceptedCall _sends;
    private readonly InterceptedCall _receives;
    private readonly InterceptorPipeline? _send;
    private readonly InterceptorPipeline? _receive;
    private readonly AsyncGate _sendGate = new();
    private readonly AsyncGate _receiveGate = new();
    private TIn? _outgoing;
    private bool _final;
    private TOut? _incoming;

    /// <summary>Wraps the transport client's stream.</summary>
    /// <param name="inner">The stream the transport client opened.</param>
    /// <param name="set">The method's client interceptors for this call.</param>
    /// <param name="payload">The call's payload, or null.</param>
    protected InterceptedClientStream(object inner, InterceptorSet set, object? payload)
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
    public string LastPosition => (_inner as IStreamPosition)?.LastPosition ?? string.Empty;

    /// <inheritdoc/>
    public TimeSpan? ReconnectionInterval => (_inner as IStreamPosition)?.ReconnectionInterval;

    /// <inheritdoc/>
    public ValueTask SendAsync(TIn message, CancellationToken cancellationToken = default) =>
        _send is null ? Inner<IStreamSender<TIn>>().SendAsync(message, cancellationToken) : SendThroughAsync(message, cancellationToken);

    /// <inheritdoc/>
    public ValueTask<TOut?> RecvAsync(CancellationToken cancellationToken = default) =>
        _receive is null ? Inner<IStreamReceiver<TOut>>().RecvAsync(cancellationToken) : ReceiveAsync(final: false, cancellationToken);

    /// <inheritdoc/>
    public async ValueTask<TOut> CloseAndRecvAsync(CancellationToken cancellationToken = default) => _receive is null
        ? await Inner<ICloseAndRecvStream<TOut>>().CloseAndRecvAsync(cancellationToken).ConfigureAwait(false)
        : (await ReceiveAsync(final: true, cancellationToken).ConfigureAwait(false))!;

    // One message at a time per direction, whatever the number of tasks sending: the chain's info is shared.
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask SendThroughAsync(TIn message, CancellationToken cancellationToken)
    {
        await _sendGate.EnterAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _outgoing = message;
            _sends.Sequence++;
            _sends.StreamingPayload = message;
            await _send!.RunAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _sendGate.Release();
        }
    }

    /// <inheritdoc/>
    public ValueTask CloseSendAsync(CancellationToken cancellationToken = default) => Inner<IHalfClosableStream>().CloseSendAsync(cancellationToken);

    /// <inheritdoc/>
    public ValueTask CloseAsync(CancellationToken cancellationToken = default) => Inner<IClosableStream>().CloseAsync(cancellationToken);

    /// <inheritdoc/>
    public IAsyncEnumerator<TOut> GetAsyncEnumerator(CancellationToken cancellationToken = default) =>
        ReadAllAsync(CancellationToken.None).GetAsyncEnumerator(cancellationToken);

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (_inner is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync().ConfigureAwait(false);
        }

        GC.SuppressFinalize(this);
    }

    private T Inner<T>()
        where T : class =>
        _inner as T ?? throw new NotSupportedException($"{_sends.Label}: the stream does not support {typeof(T).Name}.");

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<TOut?> ReceiveAsync(bool final, CancellationToken cancellationToken)
    {
        await _receiveGate.EnterAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _final = final;
            await _receive!.RunAsync(cancellationToken).ConfigureAwait(false);
            return _incoming;
        }
        finally
        {
            _receiveGate.Release();
        }
    }

    private ValueTask SendOperation(CancellationToken cancellationToken) => Inner<IStreamSender<TIn>>().SendAsync(_outgoing!, cancellationToken);

    private async ValueTask ReceiveOperation(CancellationToken cancellationToken)
    {
        if (_final)
        {
            _incoming = await Inner<ICloseAndRecvStream<TOut>>().CloseAndRecvAsync(cancellationToken).ConfigureAwait(false);
            _receives.Sequence++;
            _receives.Result = _incoming;
            return;
        }

        _incoming = await Inner<IStreamReceiver<TOut>>().RecvAsync(cancellationToken).ConfigureAwait(false);
        if (_incoming is not null)
        {
            _receives.Sequence++;
        }

        _receives.StreamingResult = _incoming;
    }

    private async IAsyncEnumerable<TOut> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        // Results are never null, so null is the end.
        while (await RecvAsync(cancellationToken).ConfigureAwait(false) is { } result)
        {
            yield return result;
        }
    }
}
