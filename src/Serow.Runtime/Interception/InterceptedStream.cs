// Licensed under the MIT license. See LICENSE in the project root.

using Serow.Streaming.Internal;

namespace Serow.Interception;

/// <summary>
/// What the intercepted server and client streams share: the transport's stream underneath, and per direction the
/// interceptor chain (built once, reused for every message) with its gate, so that one message passes at a time.
/// </summary>
public abstract class InterceptedStream
{
    private readonly object _inner;

    /// <summary>Wraps the transport's stream and builds the chains of both directions.</summary>
    /// <param name="inner">The transport's stream.</param>
    /// <param name="set">The method's interceptors for this call.</param>
    /// <param name="payload">The call's payload, or null.</param>
    protected InterceptedStream(object inner, InterceptorSet set, object? payload)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(set);
        _inner = inner;
        Sends = set.NewCall(InterceptedOperation.Send, payload);
        Receives = set.NewCall(InterceptedOperation.Receive, payload);
        SendChain = set.Pipeline(Sends, SendOperation);
        ReceiveChain = set.Pipeline(Receives, ReceiveOperation);
    }

    private protected InterceptedCall Sends { get; }

    private protected InterceptedCall Receives { get; }

    private protected InterceptorPipeline? SendChain { get; }

    private protected InterceptorPipeline? ReceiveChain { get; }

    private protected AsyncGate SendGate { get; } = new();

    private protected AsyncGate ReceiveGate { get; } = new();

    /// <summary>The operation the send chain runs around: writes the message being sent.</summary>
    private protected abstract ValueTask SendOperation(CancellationToken cancellationToken);

    /// <summary>The operation the receive chain runs around: reads the next message.</summary>
    private protected abstract ValueTask ReceiveOperation(CancellationToken cancellationToken);

    private protected T Inner<T>()
        where T : class =>
        _inner as T ?? throw new NotSupportedException($"{Sends.Label}: the stream does not support {typeof(T).Name}.");

    private protected T? InnerOrNull<T>()
        where T : class => _inner as T;
}
