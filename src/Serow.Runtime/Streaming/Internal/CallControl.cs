// Licensed under the MIT license. See LICENSE in the project root.

using System.Runtime.CompilerServices;
using Serow.Validation;

namespace Serow.Streaming.Internal;

/// <summary>A side of a call whose transport pulls the peer's messages one at a time (gRPC, Server-Sent Events).</summary>
internal interface IPulledInbound<T> : IInboundConsumer<T>
{
    /// <summary>Reads the next message under <paramref name="token"/> (the call's token); false at the end.</summary>
    ValueTask<bool> PullAsync(CancellationToken token);

    /// <summary>The message <see cref="PullAsync"/> read.</summary>
    T Pulled { get; }
}

/// <summary>
/// The cancellation and the send gate of one side of a call, shared by the server and client cores: an operation's
/// own token that fires aborts the whole call, sends and closes are serialized, and whatever a transport operation
/// throws once the call is aborted surfaces as <see cref="OperationCanceledException"/>.
/// </summary>
internal sealed class CallControl(string method, Action<object?> abort, object owner) : AsyncGate
{
    private readonly CancellationTokenSource _abort = new();

    // 1 while a PullAsync is pending: one receive at a time.
    private int _receiving;

    /// <summary>Fires when the call is aborted.</summary>
    public CancellationToken Token => _abort.Token;

    /// <summary>Whether the call is aborted.</summary>
    public bool IsAborted => _abort.IsCancellationRequested;

    /// <summary>Serializes the sends and closes of this side.</summary>
    public AsyncGate SendGate => this;

    /// <summary>Fires <see cref="Token"/>.</summary>
    public void Cancel()
    {
        try
        {
            _abort.Cancel();
        }
        catch (AggregateException)
        {
            // A callback registered by user code on the call's token failed; the call is aborted regardless.
        }
    }

    /// <summary>Takes the send gate; an operation token that has fired (or fires while waiting) aborts the call.</summary>
    public ValueTask EnterSendAsync(CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested && cancellationToken != Token)
        {
            abort(owner);
            return ValueTask.FromCanceled(cancellationToken);
        }

        return SendGate.TryEnter() ? default : EnterSendSlowAsync(cancellationToken);
    }

    /// <summary>While an operation runs, its own token aborts the call when it fires (nothing to register for the call's token).</summary>
    public CancellationTokenRegistration AbortOn(CancellationToken cancellationToken) =>
        cancellationToken.CanBeCanceled && cancellationToken != Token ? cancellationToken.UnsafeRegister(abort, owner) : default;

    /// <summary>What a failed operation surfaces as: cancellation once the call (or the operation) was cancelled; null to let it through.</summary>
    public Exception? Translate(Exception exception, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested && cancellationToken != Token)
        {
            return exception is OperationCanceledException oce && oce.CancellationToken == cancellationToken
                ? null
                : new OperationCanceledException($"The call to {method} was cancelled.", exception, cancellationToken);
        }

        if (IsAborted)
        {
            return exception is OperationCanceledException oce && oce.CancellationToken == Token ? null : Cancelled(exception);
        }

        return null;
    }

    /// <summary>
    /// Receives from a transport that pulls messages: one receive at a time, an operation's own token aborts the call,
    /// and each message is checked by the side's consumer as it is taken.
    /// </summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<T?> PullAsync<TSource, T>(TSource source, CancellationToken cancellationToken)
        where TSource : IPulledInbound<T>
    {
        if (Interlocked.CompareExchange(ref _receiving, 1, 0) != 0)
        {
            throw new InvalidOperationException("Another RecvAsync is already pending on this stream; receive one message at a time.");
        }

        try
        {
            bool received;
            try
            {
                // The operation's token matters only while the pull waits: a message at hand registers nothing.
                var pulling = source.PullAsync(Token);
                if (pulling.IsCompleted)
                {
                    received = pulling.Result;
                }
                else
                {
                    using var scope = AbortOn(cancellationToken);
                    received = await pulling.ConfigureAwait(false);
                }
            }
            catch (Exception e) when (Translate(e, cancellationToken) is { } translated)
            {
                throw translated;
            }

            if (!received)
            {
                source.End();
                return default;
            }

            return source.Accept(source.Pulled);
        }
        finally
        {
            Volatile.Write(ref _receiving, 0);
        }
    }

    /// <summary>Validates a received message (with the thread's spare report: a valid message costs no allocation).</summary>
    public void Validate<T, TState>(T message, TState state, Action<T, TState, ValidationReport> validate) =>
        ValidationReport.Check(message, state, validate);

    /// <summary>The exception of an operation on an aborted call.</summary>
    public OperationCanceledException Cancelled(Exception? inner = null) => StreamErrors.Cancelled(method, Token, inner);

    private async ValueTask EnterSendSlowAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var scope = AbortOn(cancellationToken);
            await SendGate.EnterAsync(Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException e)
        {
            throw cancellationToken.IsCancellationRequested ? new OperationCanceledException(e.Message, e, cancellationToken) : Cancelled(e);
        }
    }
}
