// Licensed under the MIT license. See LICENSE in the project root.

using System.Runtime.CompilerServices;
using Serow.Streaming;

namespace Serow.Interception;

/// <summary>
/// The stream a server handler receives when the method has server interceptors: each result it sends (and a client
/// stream's final result) passes the interceptors declared for streaming results (or the result), each message it
/// receives passes those declared for the streaming payload, whatever the transport underneath.
/// </summary>
/// <typeparam name="TIn">The client's messages.</typeparam>
/// <typeparam name="TOut">The server's messages, or the final result of a client stream.</typeparam>
public class InterceptedServerStream<TIn, TOut> : InterceptedStream, IStreamSender<TOut>, IStreamReceiver<TIn>, IClosableStream, ISendAndCloseStream<TOut>, IViewSettableStream, IResumableServerStream
{
    private TOut? _outgoing;
    private bool _final;
    private TIn? _incoming;

    /// <summary>Wraps the transport's stream.</summary>
    /// <param name="inner">The stream the transport handed to the handler.</param>
    /// <param name="set">The method's server interceptors for this call.</param>
    /// <param name="payload">The call's payload, or null.</param>
    protected InterceptedServerStream(object inner, InterceptorSet set, object? payload)
        : base(inner, set, payload)
    {
    }

    /// <inheritdoc/>
    public ValueTask SendAsync(TOut message, CancellationToken cancellationToken = default) =>
        SendChain is null ? Inner<IStreamSender<TOut>>().SendAsync(message, cancellationToken) : SendThroughAsync(message, final: false, cancellationToken);

    /// <inheritdoc/>
    public ValueTask SendAndCloseAsync(TOut result, CancellationToken cancellationToken = default) =>
        SendChain is null ? Inner<ISendAndCloseStream<TOut>>().SendAndCloseAsync(result, cancellationToken) : SendThroughAsync(result, final: true, cancellationToken);

    // Handlers may send from several tasks (one pending send at a time is the stream's rule): the chain and its
    // shared info run for one message at a time.
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask SendThroughAsync(TOut message, bool final, CancellationToken cancellationToken)
    {
        await SendGate.EnterAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _outgoing = message;
            _final = final;
            Sends.Sequence++;
            if (final)
            {
                Sends.Result = message;
            }
            else
            {
                Sends.StreamingResult = message;
            }

            await SendChain!.RunAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            SendGate.Release();
        }
    }

    /// <inheritdoc/>
    public ValueTask<TIn?> RecvAsync(CancellationToken cancellationToken = default) =>
        ReceiveChain is null ? Inner<IStreamReceiver<TIn>>().RecvAsync(cancellationToken) : ReceiveAsync(cancellationToken);

    /// <inheritdoc/>
    public ValueTask CloseAsync(CancellationToken cancellationToken = default) => Inner<IClosableStream>().CloseAsync(cancellationToken);

    /// <inheritdoc/>
    public ValueTask SetViewAsync(string view, CancellationToken cancellationToken = default) => Inner<IViewSettableStream>().SetViewAsync(view, cancellationToken);

    /// <inheritdoc/>
    public ValueTask StartAfterAsync(string position, CancellationToken cancellationToken = default) => Inner<IResumableServerStream>().StartAfterAsync(position, cancellationToken);

    /// <inheritdoc/>
    public IAsyncEnumerator<TIn> GetAsyncEnumerator(CancellationToken cancellationToken = default) =>
        ReadAllAsync(CancellationToken.None).GetAsyncEnumerator(cancellationToken);


    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<TIn?> ReceiveAsync(CancellationToken cancellationToken)
    {
        await ReceiveGate.EnterAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await ReceiveChain!.RunAsync(cancellationToken).ConfigureAwait(false);
            return _incoming;
        }
        finally
        {
            ReceiveGate.Release();
        }
    }

    private protected override ValueTask SendOperation(CancellationToken cancellationToken) => _final
        ? Inner<ISendAndCloseStream<TOut>>().SendAndCloseAsync(_outgoing!, cancellationToken)
        : Inner<IStreamSender<TOut>>().SendAsync(_outgoing!, cancellationToken);

    private protected override async ValueTask ReceiveOperation(CancellationToken cancellationToken)
    {
        _incoming = await Inner<IStreamReceiver<TIn>>().RecvAsync(cancellationToken).ConfigureAwait(false);
        if (_incoming is not null)
        {
            Receives.Sequence++;
        }

        Receives.StreamingPayload = _incoming;
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
