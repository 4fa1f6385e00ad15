// Licensed under the MIT license. See LICENSE in the project root.

using System.Diagnostics;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Serow.Streaming.Internal;
using Serow.Validation;

namespace Serow.Streaming;

/// <summary>
/// The server side of one streaming call, whatever the transport. This class holds every transport-neutral rule of a
/// stream; a transport derives from it and only moves frames (see docs/generated-code.md for the rules):
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>The stream opens at the handler's first send, receive or close (or when the transport must open it); the view
/// is fixed from then on. <c>SetViewAsync</c> before that chooses it.</item>
/// <item>Sends are serialized and wait while the client is slow; each result is projected to the view in effect.
/// After <c>CloseAsync</c> or <c>SendAndCloseAsync</c> no result can be sent.</item>
/// <item>One receive may be pending. Each received message is validated; an invalid one throws
/// <see cref="ValidationException"/>, is consumed, and the stream stays usable.</item>
/// <item><see cref="Token"/> fires when the call is aborted: the client went away or cancelled, an operation's own token
/// fired, the peer broke the protocol, or the server is stopping. Pending and later operations then throw
/// <see cref="OperationCanceledException"/>.</item>
/// <item>When the handler returns the call ends: normally, with the handler's <see cref="ServiceError"/> (an unexpected
/// exception becomes <see cref="ServiceError.Internal"/>, logged once with its id), or with
/// <see cref="ServerStoppingError"/> when the server stopped it. A failure after the handler closed its results
/// itself is logged, and the client sees the end of the results (or the result) it was given.</item>
/// </list>
/// </remarks>
/// <typeparam name="TIn">The type of the messages the client sends (<see cref="NoMessage"/> when none).</typeparam>
/// <typeparam name="TOut">The type of the results the server sends (<see cref="NoMessage"/> when none).</typeparam>
public abstract class ServerCall<TIn, TOut> : IPulledInbound<TIn>, ITrackedCall
{
    private readonly CallControl _control;
    private string _view;
    private bool _opened;
    private bool _closed;
    private bool _closedByHandler;
    private int _abortReason;
    private ServiceError? _peerFailure;
    private ITimer? _credentialsExpiry;
    private volatile bool _replying;
    private Activity? _activity;
    private long _telemetryStartedAt;
    private long _sent;
    private long _received;
    private ITrackedCall? _trackedPrevious;
    private ITrackedCall? _trackedNext;

    /// <summary>Creates the call; a transport that pushes the client's messages passes the capacity of its inbound queue.</summary>
    /// <param name="contract">The method's contract.</param>
    /// <param name="inboundCapacity">The capacity of <see cref="Inbound"/>; 0 when the transport pulls messages (<see cref="MoveNextAsync"/>).</param>
    /// <param name="wakeInline">Whether a pushed message resumes the handler on the producer's thread.</param>
    internal ServerCall(StreamContract<TIn, TOut> contract, int inboundCapacity, bool wakeInline)
    {
        _control = new CallControl(contract.DisplayName, static call => ((ServerCall<TIn, TOut>)call!).Abort(StreamAbortReason.Cancelled), this);
        Contract = contract;
        _view = contract.DefaultView;
        if (inboundCapacity > 0)
        {
            Inbound = new InboundQueue<TIn>(inboundCapacity, this, wakeInline);
        }
    }

    /// <summary>The method's contract.</summary>
    public StreamContract<TIn, TOut> Contract { get; }

    /// <summary>The view results are projected to; fixed once the stream has opened.</summary>
    public string View => Volatile.Read(ref _view);

    /// <summary>The token passed to the handler: fires when the call is aborted (see the class remarks).</summary>
    public CancellationToken Token => _control.Token;

    /// <summary>Why the call was aborted, or <see cref="StreamAbortReason.None"/>.</summary>
    public StreamAbortReason AbortReason => (StreamAbortReason)Volatile.Read(ref _abortReason);

    /// <summary>Where the client's messages are queued, for a transport that pushes them; null when it pulls them.</summary>
    internal InboundQueue<TIn>? Inbound { get; }

    /// <summary>Serializes the sends (and closes) of the handler; a transport that flushes in the background takes it too.</summary>
    internal AsyncGate SendGate => _control.SendGate;

    /// <summary>Writes the log entry of an unexpected handler failure.</summary>
    internal ILogger Logger { get; set; } = NullLogger.Instance;

    /// <summary>Whether the stream has opened (and the view is fixed).</summary>
    internal bool IsOpen => Volatile.Read(ref _opened);

    /// <summary>Whether no result can be sent any more.</summary>
    internal bool IsClosed => Volatile.Read(ref _closed);

    /// <summary>Whether the handler closed its results itself (<c>CloseAsync</c> or <c>SendAndCloseAsync</c>).</summary>
    internal bool ClosedByHandler => Volatile.Read(ref _closedByHandler);

    /// <summary>Whether <c>SendAndCloseAsync</c> delivered the final result.</summary>
    internal bool HasResult { get; private set; }

    /// <summary>The final result, projected, once <see cref="HasResult"/>.</summary>
    internal TOut? Result { get; private set; }

    private string Name => Contract.DisplayName;

    // ---- transport hooks ----

    /// <summary>Opens the stream (the WebSocket upgrade, the response headers…) with the view now fixed. Called once, under the send gate or before any send.</summary>
    internal abstract ValueTask OpenAsync(string view);

    /// <summary>Writes one projected result; called under the send gate. <paramref name="token"/> is <see cref="Token"/>.</summary>
    internal abstract ValueTask WriteAsync(TOut message, CancellationToken token);

    /// <summary>
    /// Tells the client the start position on a stream that opened before the handler set it, before any result; called
    /// under the send gate. False when the transport carries it only as it opens (the default).
    /// </summary>
    internal virtual ValueTask<bool> SendStartPositionAsync(string position, CancellationToken token) => new(false);

    /// <summary>Refuses a result the transport cannot carry, before the stream opens for it (throws <see cref="ArgumentException"/>).</summary>
    internal virtual void CheckResult(TOut message)
    {
    }

    /// <summary>The handler closed its results (<c>CloseAsync</c>); called under the send gate.</summary>
    internal virtual ValueTask CloseOutputAsync(CancellationToken token) => default;

    /// <summary>The handler sent its final result (<see cref="Result"/>); called under the send gate.</summary>
    internal virtual ValueTask WriteResultAsync(TOut result, CancellationToken token) => default;

    /// <summary>For a transport that pulls messages: reads the next one under <paramref name="token"/> (<see cref="Token"/>).</summary>
    /// <returns>False at the end of the client's messages.</returns>
    internal virtual ValueTask<bool> MoveNextAsync(CancellationToken token) => throw StreamErrors.NoMessages(Name);

    /// <summary>The message <see cref="MoveNextAsync"/> read.</summary>
    internal virtual TIn Current => throw StreamErrors.NoMessages(Name);

    /// <summary>The call was aborted (<see cref="Token"/> has fired): end pending transport work.</summary>
    internal abstract void OnAborted(StreamAbortReason reason);

    /// <summary>Whether a handler's exception is the transport's own error, sent as it is (a gRPC status thrown on purpose).</summary>
    internal virtual bool IsTransportFailure(Exception exception) => false;

    /// <summary>The transport's name in telemetry: <c>grpc</c>, <c>websocket</c>, <c>sse</c> or <c>inprocess</c>.</summary>
    internal virtual string TransportName => "inprocess";

    /// <summary>The caller's trace context sent with the call (request headers), when the server has no activity for the request.</summary>
    internal virtual ActivityContext RemoteParent() => default;

    /// <summary>After every send, once the send gate is free again (for a transport that flushes).</summary>
    internal virtual void AfterSend()
    {
    }

    // ---- operations of the handler ----

    /// <summary>Sends one result, projected to the view in effect; waits while the client is slow.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="message"/> is null.</exception>
    /// <exception cref="InvalidOperationException">The results were closed.</exception>
    /// <exception cref="OperationCanceledException">The call was aborted, or <paramref name="cancellationToken"/> fired (which aborts it).</exception>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    internal async ValueTask SendAsync(TOut message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        await _control.EnterSendAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ThrowIfAborted();
            if (_closed)
            {
                throw StreamErrors.ResultsClosed(Name);
            }

            CheckResult(message);
            if (!_opened)
            {
                await OpenOnceAsync().ConfigureAwait(false);
            }

            var projected = Contract.Project is { } project ? project(message, _view) : message;
            using var scope = _control.AbortOn(cancellationToken);
            await WriteAsync(projected, Token).ConfigureAwait(false);
            OnMessageSent();
        }
        catch (Exception e) when (_control.Translate(e, cancellationToken) is { } translated)
        {
            throw translated;
        }
        finally
        {
            _control.SendGate.Release();
            AfterSend();
        }
    }

    /// <summary>Receives the next client message, or the default value once the client has stopped sending.</summary>
    internal ValueTask<TIn?> RecvAsync(CancellationToken cancellationToken)
    {
        if (Inbound is not { } queue || !_opened)
        {
            return RecvSlowAsync(cancellationToken);
        }

        // The handler's own token needs no registration: an abort completes the queue already. The queue's read is
        // returned as it is, so a message resumes the handler with no async method in between.
        return queue.ReadAsync(cancellationToken == Token ? CancellationToken.None : cancellationToken);
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<TIn?> RecvSlowAsync(CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested && cancellationToken != Token)
        {
            Abort(StreamAbortReason.Cancelled);
            cancellationToken.ThrowIfCancellationRequested();
        }

        ThrowIfAborted();
        if (!_opened)
        {
            await OpenForReceiveAsync().ConfigureAwait(false);
        }

        if (Inbound is { } queue)
        {
            return await queue.ReadAsync(cancellationToken == Token ? CancellationToken.None : cancellationToken).ConfigureAwait(false);
        }

        return await _control.PullAsync<ServerCall<TIn, TOut>, TIn>(this, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Ends the results; the client sees end of stream. Waits for sends in flight. Closing twice does nothing.</summary>
    internal async ValueTask CloseAsync(CancellationToken cancellationToken)
    {
        await _control.EnterSendAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_closed)
            {
                return;
            }

            ThrowIfAborted();
            if (!_opened)
            {
                await OpenOnceAsync().ConfigureAwait(false);
            }

            Volatile.Write(ref _closedByHandler, true);
            Volatile.Write(ref _closed, true);
            using var scope = _control.AbortOn(cancellationToken);
            await CloseOutputAsync(Token).ConfigureAwait(false);
        }
        catch (Exception e) when (_control.Translate(e, cancellationToken) is { } translated)
        {
            throw translated;
        }
        finally
        {
            _control.SendGate.Release();
            AfterSend();
        }
    }

    /// <summary>Sends the final result of a client stream, projected to the view in effect, and ends the results.</summary>
    internal async ValueTask SendAndCloseAsync(TOut result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(result);
        await _control.EnterSendAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ThrowIfAborted();
            if (_closed)
            {
                throw StreamErrors.ResultClosed(Name);
            }

            if (!_opened)
            {
                await OpenOnceAsync().ConfigureAwait(false);
            }

            var projected = Contract.Project is { } project ? project(result, _view) : result;
            Result = projected;
            HasResult = true;
            Volatile.Write(ref _closedByHandler, true);
            Volatile.Write(ref _closed, true);
            using var scope = _control.AbortOn(cancellationToken);
            await WriteResultAsync(projected, Token).ConfigureAwait(false);
            OnMessageSent();
        }
        catch (Exception e) when (_control.Translate(e, cancellationToken) is { } translated)
        {
            throw translated;
        }
        finally
        {
            _control.SendGate.Release();
            AfterSend();
        }
    }

    /// <summary>Chooses the view every result is projected to; must come before the stream opens.</summary>
    internal ValueTask SetViewAsync(string view, CancellationToken cancellationToken)
    {
        Contract.CheckSettableView(view);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_control)
        {
            ThrowIfAborted();
            if (_opened)
            {
                throw new InvalidOperationException($"The view of {Name} must be set before the stream opens: before the first send, receive or close.");
            }

            Volatile.Write(ref _view, view);
        }

        return default;
    }

    /// <summary>
    /// Opens the stream now, telling the client that it starts after <paramref name="position"/> (a resumable stream whose
    /// handler starts at a position of its own, such as a topic's live end): a client that reconnects before the first
    /// result resumes there instead of starting over. Must come before the first result, after any <c>SetViewAsync</c>.
    /// A stream the transport opened while the handler was still finding its position (a WebSocket or an event stream
    /// opens after <c>UpgradeTimeout</c>) is told in-band; over gRPC, whose response headers carry it, it must come
    /// before the stream opens.
    /// </summary>
    internal async ValueTask StartAfterAsync(string position, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(position);
        if (position.AsSpan().ContainsAny('\r', '\n') || position.Contains('\0'))
        {
            throw new ArgumentException($"The start position of {Name} contains a line break or NUL, which no transport can carry.", nameof(position));
        }

        await _control.EnterSendAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ThrowIfAborted();
            using var scope = _control.AbortOn(cancellationToken);
            if (_opened)
            {
                // Late, but still before any result: the transports that can say so in-band do.
                if (_sent > 0 || StartPosition is not null || _closed || !await SendStartPositionAsync(position, Token).ConfigureAwait(false))
                {
                    throw new InvalidOperationException($"The start position of {Name} must be set before the stream opens: before the first send, receive or close.");
                }

                StartPosition = position;
                return;
            }

            StartPosition = position;
            await OpenOnceAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (_control.Translate(e, cancellationToken) is { } translated)
        {
            throw translated;
        }
        finally
        {
            _control.SendGate.Release();
            AfterSend();
        }
    }

    /// <summary>The position the handler said the stream starts after (<see cref="StartAfterAsync"/>), sent by the transport as it opens.</summary>
    internal string? StartPosition { get; private set; }

    // ---- the call's life ----

    /// <summary>
    /// Runs the handler and returns how the call ended (see the class remarks). Afterwards no result can be sent; the
    /// transport then ends the call on the wire.
    /// </summary>
    internal Task<ServerCallOutcome> RunAsync(Func<ServerCall<TIn, TOut>, CancellationToken, Task> handler) =>
        RunAsync(handler, static (handler, call, token) => handler(call, token));

    /// <summary>Runs the handler with a state of the caller's (so that a transport needs no closure per call); see <see cref="RunAsync(Func{ServerCall{TIn, TOut}, CancellationToken, Task})"/>.</summary>
    internal async Task<ServerCallOutcome> RunAsync<TState>(TState state, Func<TState, ServerCall<TIn, TOut>, CancellationToken, Task> handler)
    {
        BeginTelemetry();
        WatchCredentials();
        Exception? failure = null;
        try
        {
            if (!Token.IsCancellationRequested)
            {
                await handler(state, this, Token).ConfigureAwait(false);
            }
        }
        catch (Exception e)
        {
            failure = e;
        }

        return Complete(failure);
    }

    /// <summary>
    /// Serves the call for a transport whose client waits for the stream to open (the WebSocket upgrade, the first bytes
    /// of an event stream): counts it as active with <paramref name="tracker"/>, runs the handler, opens the stream when
    /// the handler has not done so within <paramref name="openAfter"/> (a handler may wait for its first event), then
    /// lets the transport end the call on the wire (<see cref="FinishAsync"/>).
    /// </summary>
    internal async Task ServeOpeningWhenIdleAsync<TState>(
        TState state, Func<TState, ServerCall<TIn, TOut>, CancellationToken, Task> handler, TimeSpan openAfter, ServerCallTracker tracker)
    {
        // RunAsync's work inlined: an open stream holds every async method it waits in, so this is the only one. As an
        // async method it also leaves its caller's execution context as it found it (the call's activity stays here).
        tracker.Add(this);
        try
        {
            WatchCredentials();
            Exception? failure = null;
            try
            {
                if (!Token.IsCancellationRequested)
                {
                    var running = handler(state, this, Token);
                    if (!running.IsCompleted && !IsOpen)
                    {
                        // The handler waits before its first operation (most open the stream at once).
                        OnWaitingToOpen();
                        if (openAfter != Timeout.InfiniteTimeSpan)
                        {
                            await OpenUnlessDoneAsync(running, openAfter).ConfigureAwait(false);
                        }
                    }

                    await running.ConfigureAwait(false);
                }
            }
            catch (Exception e)
            {
                failure = e;
            }

            await FinishAsync(Complete(failure)).ConfigureAwait(false);
        }
        finally
        {
            tracker.Untrack(this);
        }
    }

    /// <summary>
    /// The handler is waiting and has not opened the stream: a transport that learns of the peer's departure only from
    /// the open stream watches the connection meanwhile.
    /// </summary>
    internal virtual void OnWaitingToOpen()
    {
    }

    /// <summary>Ends the call on the wire for its outcome, once the handler has returned (see <see cref="ServeOpeningWhenIdleAsync"/>).</summary>
    internal virtual Task FinishAsync(ServerCallOutcome outcome) => Task.CompletedTask;

    /// <summary>Opens the stream unless the handler did, or finished, within <paramref name="openAfter"/>; never throws.</summary>
    private async Task OpenUnlessDoneAsync(Task running, TimeSpan openAfter)
    {
        using var delay = new CancellationTokenSource();
        var winner = await Task.WhenAny(running, Task.Delay(openAfter, delay.Token)).ConfigureAwait(false);
        await delay.CancelAsync().ConfigureAwait(false);
        if (winner != running && !Token.IsCancellationRequested)
        {
            try
            {
                await OpenNowAsync().ConfigureAwait(false);
            }
            catch (Exception)
            {
                // The connection broke while opening: the peer is gone.
                Abort(StreamAbortReason.Cancelled);
            }
        }
    }

    /// <summary>
    /// Starts the call's activity (a child of the request's, or of the caller's trace context) and counts it as an open
    /// stream; once per call, ended by <see cref="Complete"/>. The handler then runs with the activity as current.
    /// </summary>
    internal void BeginTelemetry()
    {
        if (_telemetryStartedAt != 0)
        {
            return;
        }

        _telemetryStartedAt = Stopwatch.GetTimestamp();
        var parent = Activity.Current is null && SerowTelemetry.Source.HasListeners() ? RemoteParent() : default;
        _activity = SerowTelemetry.StartServerCall(Contract.Service, Contract.Method, TransportName, parent);
    }

    /// <summary>How the call ended, once the handler returned (normally when <paramref name="failure"/> is null); ends its telemetry.</summary>
    internal ServerCallOutcome Complete(Exception? failure)
    {
        _credentialsExpiry?.Dispose();
        var outcome = Outcome(failure);
        var startedAt = Interlocked.Exchange(ref _telemetryStartedAt, -1);
        if (startedAt > 0)
        {
            RecordMessages(sent: true);
            RecordMessages(sent: false);
            // A call the handler closed itself succeeded for its client, which may abort it right after (disposing its
            // stream once it has the final result): the server's record says the same as the client's.
            var recorded = ClosedByHandler && Volatile.Read(ref _peerFailure) is null ? ServerCallOutcome.Completed : outcome;
            SerowTelemetry.EndServerCall(_activity, startedAt, Contract.Service, Contract.Method, TransportName, recorded);
            _activity = null;
        }

        return outcome;
    }

    private ServerCallOutcome Outcome(Exception? failure)
    {
        lock (_control)
        {
            // No result is sent after the handler has returned (a send still in flight finishes first: it holds the gate).
            Volatile.Write(ref _closed, true);
            Volatile.Write(ref _opened, true);
        }

        var reason = AbortReason;
        if (Volatile.Read(ref _peerFailure) is { } peerFailure)
        {
            return ServerCallOutcome.Failed(peerFailure);
        }

        if (ClosedByHandler)
        {
            // The client already has the end of the results (or the result): what happens later does not change it.
            if (failure is not null and not OperationCanceledException)
            {
                ServerErrors.ToServiceError(failure, Logger, Name);
            }

            return reason == StreamAbortReason.None ? ServerCallOutcome.Completed : ServerCallOutcome.Aborted(reason);
        }

        if (reason == StreamAbortReason.Stopping)
        {
            return ServerCallOutcome.Failed(new ServerStoppingError(Name));
        }

        if (reason != StreamAbortReason.None)
        {
            return ServerCallOutcome.Aborted(reason);
        }

        if (failure is null)
        {
            return Contract.HasFinalResult && !HasResult ? ServerCallOutcome.Failed(StreamErrors.MissingResult(Name)) : ServerCallOutcome.Completed;
        }

        return IsTransportFailure(failure)
            ? ServerCallOutcome.Transport(failure)
            : ServerCallOutcome.Failed(ServerErrors.ToServiceError(failure, Logger, Name));
    }

    ITrackedCall? ITrackedCall.Previous { get => _trackedPrevious; set => _trackedPrevious = value; }

    ITrackedCall? ITrackedCall.Next { get => _trackedNext; set => _trackedNext = value; }

    void ITrackedCall.Stop() => Abort(StreamAbortReason.Stopping);

    /// <summary>Aborts the call (the first reason wins): <see cref="Token"/> fires and pending operations end.</summary>
    internal void Abort(StreamAbortReason reason)
    {
        if (Interlocked.CompareExchange(ref _abortReason, (int)reason, (int)StreamAbortReason.None) != (int)StreamAbortReason.None)
        {
            return;
        }

        _control.Cancel();

        // After the token: a receiver woken inline by the completion must already see the call as aborted.
        Inbound?.Complete();

        OnAborted(reason);
    }

    /// <summary>
    /// The peer broke the wire protocol in a way the transport reports with an error (an undecodable gRPC message): the
    /// call is aborted, and it ends with <paramref name="error"/> whatever the handler does.
    /// </summary>
    /// <returns><paramref name="error"/>, to throw.</returns>
    internal ServiceError FailByPeer(ServiceError error)
    {
        Interlocked.CompareExchange(ref _peerFailure, error, null);
        Abort(StreamAbortReason.ProtocolError);
        return error;
    }

    /// <summary>The error imposed on the call from outside its handler (a protocol violation, expired credentials), if any.</summary>
    internal ServiceError? ImposedFailure => Volatile.Read(ref _peerFailure);

    /// <summary>
    /// Ends the call with <paramref name="error"/> whatever the handler does (the handler's token fires; the client
    /// receives the error).
    /// </summary>
    internal void EndWith(ServiceError error)
    {
        Interlocked.CompareExchange(ref _peerFailure, error, null);
        Abort(StreamAbortReason.Cancelled);
    }

    /// <summary>
    /// A secured call whose credentials expire (as the server's authorizer reported them) is ended with an
    /// <see cref="Security.UnauthenticatedError"/> at that moment, on every transport.
    /// </summary>
    private void WatchCredentials()
    {
        if (Contract.Security is not { } security
            || Security.SerowCallContext.Current is not { ExpiresAt: { } expiresAt } context
            || !ReferenceEquals(context.Security, security))
        {
            return;
        }

        var due = expiresAt - DateTimeOffset.UtcNow;
        _credentialsExpiry = TimeProvider.System.CreateTimer(
            static state =>
            {
                var call = (ServerCall<TIn, TOut>)state!;
                call.EndWith(new Security.UnauthenticatedError($"The credentials of the call to {call.Name} expired; the stream was ended."));
            },
            this,
            due < TimeSpan.Zero ? TimeSpan.Zero : due,
            Timeout.InfiniteTimeSpan);
    }

    /// <summary>Opens the stream for a transport that must open it before the handler's first operation (an idle upgrade).</summary>
    internal async ValueTask OpenNowAsync()
    {
        await _control.EnterSendAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            if (!_opened && !Token.IsCancellationRequested)
            {
                await OpenOnceAsync().ConfigureAwait(false);
            }
        }
        finally
        {
            _control.SendGate.Release();
        }
    }

    /// <summary>Takes the "a message was just received" mark: the next send is a reply a client may be waiting for.</summary>
    internal bool TakeReplying()
    {
        if (!_replying)
        {
            return false;
        }

        _replying = false;
        return true;
    }

    /// <summary>Throws <see cref="OperationCanceledException"/> once the call is aborted.</summary>
    internal void ThrowIfAborted()
    {
        if (_control.IsAborted)
        {
            throw StreamErrors.Cancelled(Name, Token);
        }
    }

    // ---- received messages ----

    /// <inheritdoc/>
    TIn IInboundConsumer<TIn>.Accept(TIn message)
    {
        ThrowIfAborted();
        if (Contract.ValidateIncoming is { } validate)
        {
            _control.Validate(message, validate, static (message, validate, report) => validate(message, report));
        }

        _replying = true;
        OnMessage(sent: false, ref _received);
        return message;
    }

    /// <summary>Whether the transport should report the encoded size of each message (someone listens to the byte counter).</summary>
    internal static bool CountsBytes => SerowTelemetry.ServerMessageBytes.Enabled;

    // Metrics are recorded every MetricBatch messages of a direction and when the call ends, not per message: a counter
    // increment with its tags costs about as much as sending a small message.
    private const int MetricBatch = 64;
    private int _unrecordedSent;
    private int _unrecordedReceived;
    private long _unrecordedSentBytes;
    private long _unrecordedReceivedBytes;

    /// <summary>Counts the encoded bytes of one message the transport sent or received (recorded with the message counts).</summary>
    internal void CountBytes(bool sent, long bytes)
    {
        if (sent)
        {
            Interlocked.Add(ref _unrecordedSentBytes, bytes);
        }
        else
        {
            Interlocked.Add(ref _unrecordedReceivedBytes, bytes);
        }
    }

    /// <summary>Counts a sent message for telemetry (what every transport's send runs per message).</summary>
    internal void OnMessageSent() => OnMessage(sent: true, ref _sent);

    /// <summary>Counts a message for telemetry; costs a flag test per message while nobody listens.</summary>
    private void OnMessage(bool sent, ref long count)
    {
        var sequence = ++count;
        if (SerowTelemetry.RecordMessageEvents && _activity is not null)
        {
            SerowTelemetry.MessageEvent(_activity, sent ? "sent" : "received", sequence);
        }

        if ((SerowTelemetry.ServerMessages.Enabled || SerowTelemetry.ServerMessageBytes.Enabled) && ++(sent ? ref _unrecordedSent : ref _unrecordedReceived) >= MetricBatch)
        {
            RecordMessages(sent);
        }
    }

    /// <summary>Records the messages and bytes of a direction counted since the last record.</summary>
    private void RecordMessages(bool sent)
    {
        var direction = sent ? "sent" : "received";
        var messages = Interlocked.Exchange(ref sent ? ref _unrecordedSent : ref _unrecordedReceived, 0);
        var bytes = Interlocked.Exchange(ref sent ? ref _unrecordedSentBytes : ref _unrecordedReceivedBytes, 0);
        SerowTelemetry.Messages(Contract.Service, Contract.Method, TransportName, direction, messages, bytes);
    }

    /// <inheritdoc/>
    void IInboundConsumer<TIn>.End() => ThrowIfAborted();

    /// <inheritdoc/>
    ValueTask<bool> IPulledInbound<TIn>.PullAsync(CancellationToken token) => MoveNextAsync(token);

    /// <inheritdoc/>
    TIn IPulledInbound<TIn>.Pulled => Current;

    /// <inheritdoc/>
    void IInboundConsumer<TIn>.Cancel() => Abort(StreamAbortReason.Cancelled);

    // ---- helpers ----

    private async ValueTask OpenOnceAsync()
    {
        string view;
        lock (_control)
        {
            _opened = true;
            view = _view;
        }

        await OpenAsync(view).ConfigureAwait(false);
    }

    private async ValueTask OpenForReceiveAsync()
    {
        await _control.EnterSendAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            ThrowIfAborted();
            if (!_opened)
            {
                await OpenOnceAsync().ConfigureAwait(false);
            }
        }
        finally
        {
            _control.SendGate.Release();
        }
    }
}
