// Licensed under the MIT license. See LICENSE in the project root.

using System.Runtime.CompilerServices;
using Serow.Streaming;

namespace Serow.Interception;

/// <summary>
/// The stream a generated client returns when the method has client interceptors: each message sent passes the
/// interceptors declared for the streaming payload, each result received (and a client stream's final result) those
/// declared for the streaming result (or the result), whatever the transport underneath.
/// </summary>
/// <typeparam name="TIn">The client's messages.</typeparam>
/// <typeparam name="TOut">The server's messages, or the final result of a client stream.</typeparam>
public class InterceptedClientStream<TIn, TOut> : InterceptedStream,
    IStreamSender<TIn>, IStreamReceiver<TOut>, IClosableStream, IHalfClosableStream, ICloseAndRecvStream<TOut>, IStreamPosition, IAsyncDisposable
{
    private TIn? _outgoing;
    private bool _final;
    private TOut? _incoming;

    /// <summary>Wraps the transport client's stream.</summary>
    /// <param name="inner">The stream the transport client opened.</param>
    /// <param name="set">The method's client interceptors for this call.</param>
    /// <param name="payload">The call's payload, or null.</param>
    protected InterceptedClientStream(object inner, InterceptorSet set, object? payload)
        : base(inner, set, payload)
    {
    }

    /// <inheritdoc/>
    public string LastPosition => InnerOrNull<IStreamPosition>()?.LastPosition ?? string.Empty;

    /// <inheritdoc/>
    public TimeSpan? ReconnectionInterval => InnerOrNull<IStreamPosition>()?.ReconnectionInterval;

    /// <inheritdoc/>
    public ValueTask SendAsync(TIn message, CancellationToken cancellationToken = default) =>
        SendChain is null ? Inner<IStreamSender<TIn>>().SendAsync(message, cancellationToken) : SendThroughAsync(message, cancellationToken);

    /// <inheritdoc/>
    public ValueTask<TOut?> RecvAsync(CancellationToken cancellationToken = default) =>
        ReceiveChain is null ? Inner<IStreamReceiver<TOut>>().RecvAsync(cancellationToken) : ReceiveAsync(final: false, cancellationToken);

    /// <inheritdoc/>
    public async ValueTask<TOut> CloseAndRecvAsync(CancellationToken cancellationToken = default) => ReceiveChain is null
        ? await Inner<ICloseAndRecvStream<TOut>>().CloseAndRecvAsync(cancellationToken).ConfigureAwait(false)
        : (await ReceiveAsync(final: true, cancellationToken).ConfigureAwait(false))!;

    // One message at a time per direction, whatever the number of tasks sending: the chain's info is shared.
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask SendThroughAsync(TIn message, CancellationToken cancellationToken)
    {
        await SendGate.EnterAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _outgoing = message;
            Sends.Sequence++;
            Sends.StreamingPayload = message;
            await SendChain!.RunAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            SendGate.Release();
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
        if (InnerOrNull<IAsyncDisposable>() is { } disposable)
        {
            await disposable.DisposeAsync().ConfigureAwait(false);
        }

        GC.SuppressFinalize(this);
    }


    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<TOut?> ReceiveAsync(bool final, CancellationToken cancellationToken)
    {
        await ReceiveGate.EnterAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _final = final;
            await ReceiveChain!.RunAsync(cancellationToken).ConfigureAwait(false);
            return _incoming;
        }
        finally
        {
            ReceiveGate.Release();
        }
    }

    private protected override ValueTask SendOperation(CancellationToken cancellationToken) => Inner<IStreamSender<TIn>>().SendAsync(_outgoing!, cancellationToken);

    private protected override async ValueTask ReceiveOperation(CancellationToken cancellationToken)
    {
        if (_final)
        {
            _incoming = await Inner<ICloseAndRecvStream<TOut>>().CloseAndRecvAsync(cancellationToken).ConfigureAwait(false);
            Receives.Sequence++;
            Receives.Result = _incoming;
            return;
        }

        _incoming = await Inner<IStreamReceiver<TOut>>().RecvAsync(cancellationToken).ConfigureAwait(false);
        if (_incoming is not null)
        {
            Receives.Sequence++;
        }

        Receives.StreamingResult = _incoming;
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
