// Licensed under the MIT license. See LICENSE in the project root.

using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using Serow.Streaming.Internal;
using Serow.Validation;

namespace Serow.Streaming;

/// <summary>
/// The client side of one streaming call, whatever the transport. This class holds every transport-neutral rule of a
/// stream; a transport derives from it and only moves frames:
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>Sends are serialized and wait while the server is slow. After <c>CloseSendAsync</c> (or <c>CloseAsync</c>,
/// <c>CloseAndRecvAsync</c>) no message can be sent; once the server has finished, a send throws its error, or
/// <see cref="InvalidOperationException"/> when it finished normally (the message was not delivered).</item>
/// <item>One receive may be pending. Each result is validated against <see cref="View"/>; an invalid one throws
/// <see cref="ValidationException"/>, is consumed, and the stream stays usable. The server's error arrives after every
/// result sent before it.</item>
/// <item>Cancelling the caller's token or any operation's token, or disposing before the call completed, aborts the
/// call: the server's handler is cancelled and pending and later operations throw <see cref="OperationCanceledException"/>.</item>
/// </list>
/// </remarks>
/// <typeparam name="TIn">The type of the messages the client sends (<see cref="NoMessage"/> when none).</typeparam>
/// <typeparam name="TOut">The type of the results the server sends (<see cref="NoMessage"/> when none).</typeparam>
public abstract class ClientCall<TIn, TOut> : IPulledInbound<TOut>
{
    private readonly CallControl _control;
    private readonly TaskCompletionSource _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private CancellationTokenRegistration _caller;
    private ServiceError? _error;
    private System.Diagnostics.Activity? _activity;
    private string _view;
    private volatile bool _sendClosed;
    private volatile bool _replying;
    private int _aborted;
    private int _disposed;

    /// <summary>Creates the call; a transport that pushes the server's results passes the capacity of its inbound queue.</summary>
    /// <param name="contract">The method's contract.</param>
    /// <param name="inboundCapacity">The capacity of <see cref="Inbound"/>; 0 when the transport pulls results (<see cref="MoveNextAsync"/>).</param>
    /// <param name="wakeInline">Whether a pushed result resumes the caller on the producer's thread.</param>
    internal ClientCall(StreamContract<TIn, TOut> contract, int inboundCapacity, bool wakeInline)
    {
        _control = new CallControl(contract.DisplayName, static call => ((ClientCall<TIn, TOut>)call!).Abort(), this);
        Contract = contract;
        _view = contract.DefaultView;
        if (inboundCapacity > 0)
        {
            Inbound = new InboundQueue<TOut>(inboundCapacity, this, wakeInline);
        }
    }

    /// <summary>The method's contract.</summary>
    public StreamContract<TIn, TOut> Contract { get; }

    /// <summary>The view the results are projected to, as the server announced it; final once the first result has arrived.</summary>
    public string View
    {
        get => Volatile.Read(ref _view);
        internal set => Volatile.Write(ref _view, value);
    }

    /// <summary>Whether the call was aborted by cancellation or by disposing it before it completed.</summary>
    public bool IsAborted => Volatile.Read(ref _aborted) != 0;

    /// <summary>Fires when the call is aborted; transports pass it to the operations they wait on.</summary>
    internal CancellationToken Token => _control.Token;

    /// <summary>Where the server's results are queued, for a transport that pushes them; null when it pulls them.</summary>
    internal InboundQueue<TOut>? Inbound { get; }

    /// <summary>Completes once the server's outcome is known (<see cref="Finish"/>), whatever it is.</summary>
    internal Task Finished => _finished.Task;

    /// <summary>Whether the server's outcome is known.</summary>
    internal bool IsFinished => _finished.Task.IsCompleted;

    /// <summary>The server's error, once it is known; null when it finished normally or has not finished.</summary>
    internal ServiceError? Error => Volatile.Read(ref _error);

    /// <summary>Whether the client has stopped sending.</summary>
    internal bool IsSendClosed => _sendClosed;

    private string Name => Contract.DisplayName;

    /// <summary>The position of the last result received; empty when the transport's results carry none.</summary>
    internal virtual string LastPosition => string.Empty;

    /// <summary>
    /// The position the server said the stream starts after (a resumable stream's handler that starts at a position of
    /// its own), or null; a reconnect before any result resumes there.
    /// </summary>
    internal virtual string? StartPosition => null;

    /// <summary>The reconnection time the server asked for, or null.</summary>
    internal virtual TimeSpan? ReconnectionInterval => null;

    // ---- transport hooks ----

    /// <summary>Writes one message; called under the send gate. <paramref name="token"/> is <see cref="Token"/>.</summary>
    internal abstract ValueTask WriteAsync(TIn message, CancellationToken token);

    /// <summary>Tells the server no more messages will be sent; called once, under the send gate. Failures are ignored.</summary>
    internal abstract ValueTask CompleteOutputAsync(CancellationToken token);

    /// <summary>For a transport that pulls results: reads the next one under <paramref name="token"/> (<see cref="Token"/>).</summary>
    /// <returns>False at the end of the results (the transport has called <see cref="Finish"/>).</returns>
    internal virtual ValueTask<bool> MoveNextAsync(CancellationToken token) => throw StreamErrors.NoResults(Name);

    /// <summary>The result <see cref="MoveNextAsync"/> read.</summary>
    internal virtual TOut Current => throw StreamErrors.NoResults(Name);

    /// <summary>
    /// Waits for the final result of a client stream; null when the server finished without one. By default the result
    /// travels like a streamed result: the next one received.
    /// </summary>
    internal virtual async ValueTask<TOut?> ReceiveResultAsync(CancellationToken cancellationToken) =>
        await RecvAsync(cancellationToken).ConfigureAwait(false);

    /// <summary>Waits until the server's outcome is known; by default until <see cref="Finish"/> is called.</summary>
    internal virtual Task WaitFinishedAsync(CancellationToken token) => Finished.WaitAsync(token);

    /// <summary>The call was aborted: end the transport's call (the server's handler is cancelled) without waiting.</summary>
    internal abstract void OnAborted();

    /// <summary>Releases the transport's resources once the call is over or aborted.</summary>
    internal abstract ValueTask DisposeCoreAsync();

    // ---- what the transport reports ----

    /// <summary>Aborts the call when <paramref name="cancellationToken"/> fires, for the call's whole life.</summary>
    internal void AbortWhen(CancellationToken cancellationToken)
    {
        if (cancellationToken.CanBeCanceled)
        {
            _caller = cancellationToken.UnsafeRegister(static call => ((ClientCall<TIn, TOut>)call!).Abort(), this);
        }
    }

    /// <summary>The client activity of this call, ended once with its outcome.</summary>
    internal void Observe(System.Diagnostics.Activity? activity) => _activity = activity;

    private void EndActivity(Exception? error)
    {
        if (_activity is not null && Interlocked.Exchange(ref _activity, null) is { } activity)
        {
            SerowTelemetry.EndClientCall(activity, error);
        }
    }

    /// <summary>The server's outcome is known: normal (<paramref name="error"/> null) or its error. The first report wins.</summary>
    internal void Finish(ServiceError? error)
    {
        if (_finished.Task.IsCompleted)
        {
            return;
        }

        if (error is not null)
        {
            Interlocked.CompareExchange(ref _error, error, null);
        }

        EndActivity(error);
        _finished.TrySetResult();
        Inbound?.Complete();
    }

    /// <summary>Aborts the call unless the server has finished it: pending operations end, later ones throw cancellation.</summary>
    internal void Abort()
    {
        if (IsFinished || Interlocked.Exchange(ref _aborted, 1) != 0)
        {
            return;
        }

        _control.Cancel();
        EndActivity(new OperationCanceledException());

        // After the token: a receiver woken inline by the completion must already see the call as aborted.
        Inbound?.Complete();

        OnAborted();
    }

    /// <summary>Takes the "a result was just received" mark: the next send is a reply a server may be waiting for.</summary>
    internal bool TakeReplying()
    {
        if (!_replying)
        {
            return false;
        }

        _replying = false;
        return true;
    }

    /// <summary>
    /// What a send that failed on the wire throws: cancellation once aborted, the server's error once it has finished
    /// with one, otherwise "not delivered".
    /// </summary>
    internal Exception SendFailure(Exception? inner)
    {
        if (IsAborted)
        {
            return StreamErrors.Cancelled(Name, Token, inner);
        }

        return Error ?? (Exception)StreamErrors.NotDelivered(Name, inner);
    }

    // ---- operations of the caller ----

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    internal async ValueTask SendAsync(TIn message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        await _control.EnterSendAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ThrowIfCannotSend();

            // The operation's token matters only while the write waits: a write that completes at once registers nothing.
            var writing = WriteAsync(message, Token);
            if (writing.IsCompleted)
            {
                writing.GetAwaiter().GetResult();
            }
            else
            {
                using var scope = _control.AbortOn(cancellationToken);
                await writing.ConfigureAwait(false);
            }
        }
        catch (Exception e) when (_control.Translate(e, cancellationToken) is { } translated)
        {
            throw translated;
        }
        finally
        {
            _control.SendGate.Release();
        }
    }

    internal ValueTask<TOut?> RecvAsync(CancellationToken cancellationToken)
    {
        if (Inbound is { } queue)
        {
            // The queue's read as it is: a result resumes the caller with no async method in between. The queue aborts
            // the call (through Cancel) when a token of the caller's fires.
            return queue.ReadAsync(cancellationToken);
        }

        return PullAsync(cancellationToken);
    }

    private ValueTask<TOut?> PullAsync(CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            Abort();
            return ValueTask.FromCanceled<TOut?>(cancellationToken);
        }

        return IsAborted ? ValueTask.FromException<TOut?>(StreamErrors.Cancelled(Name, Token)) : _control.PullAsync<ClientCall<TIn, TOut>, TOut>(this, cancellationToken);
    }

    internal async ValueTask CloseSendAsync(CancellationToken cancellationToken)
    {
        // Taking the send gate lets every send that started before the half-close go out first.
        await _control.EnterSendAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ThrowIfAborted();
            if (_sendClosed)
            {
                return;
            }

            _sendClosed = true;
            if (!IsFinished)
            {
                using var scope = _control.AbortOn(cancellationToken);
                await CompleteOutputAsync(Token).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (_control.Translate(e, cancellationToken) is { } translated)
        {
            throw translated;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The server is gone or finished: what it said is reported by the operations that read the outcome.
        }
        finally
        {
            _control.SendGate.Release();
        }
    }

    internal async ValueTask CloseAsync(CancellationToken cancellationToken)
    {
        ThrowIfAborted();
        await CloseSendAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var scope = _control.AbortOn(cancellationToken);
            await WaitFinishedAsync(Token).ConfigureAwait(false);
        }
        catch (Exception e) when (_control.Translate(e, cancellationToken) is { } translated)
        {
            throw translated;
        }

        ThrowIfAborted();
        if (Error is { } error)
        {
            ExceptionDispatchInfo.Throw(error);
        }
    }

    internal async ValueTask<TOut> CloseAndRecvAsync(CancellationToken cancellationToken)
    {
        ThrowIfAborted();
        await CloseSendAsync(cancellationToken).ConfigureAwait(false);
        TOut? result;
        try
        {
            result = await ReceiveResultAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (_control.Translate(e, cancellationToken) is { } translated)
        {
            throw translated;
        }

        if (result is not null)
        {
            // The final result is the call's successful end, even if the transport reports its close later.
            EndActivity(null);
            return result;
        }

        ThrowIfAborted();
        if (Error is { } error)
        {
            ExceptionDispatchInfo.Throw(error);
        }

        throw StreamErrors.MissingResult(Name);
    }

    /// <summary>Validates a final result the transport received outside the stream of results.</summary>
    internal TOut AcceptResult(TOut result) => ((IInboundConsumer<TOut>)this).Accept(result);

    internal async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        Abort();
        await _caller.DisposeAsync().ConfigureAwait(false);
        await DisposeCoreAsync().ConfigureAwait(false);
    }

    internal void ThrowIfAborted()
    {
        if (IsAborted)
        {
            throw StreamErrors.Cancelled(Name, Token);
        }
    }

    // ---- received results ----

    /// <inheritdoc/>
    TOut IInboundConsumer<TOut>.Accept(TOut message)
    {
        ThrowIfAborted();
        if (Contract.ValidateOutgoing is { } validate)
        {
            _control.Validate(message, View, validate);
        }

        _replying = true;
        return message;
    }

    /// <inheritdoc/>
    void IInboundConsumer<TOut>.End()
    {
        ThrowIfAborted();
        if (Error is { } error)
        {
            ExceptionDispatchInfo.Throw(error);
        }
    }

    /// <inheritdoc/>
    void IInboundConsumer<TOut>.Cancel() => Abort();

    /// <inheritdoc/>
    ValueTask<bool> IPulledInbound<TOut>.PullAsync(CancellationToken token) => MoveNextAsync(token);

    /// <inheritdoc/>
    TOut IPulledInbound<TOut>.Pulled => Current;

    // ---- helpers ----

    private void ThrowIfCannotSend()
    {
        ThrowIfAborted();
        if (_sendClosed)
        {
            throw StreamErrors.SendClosed(Name);
        }

        if (IsFinished)
        {
            throw SendFailure(null);
        }
    }
}
