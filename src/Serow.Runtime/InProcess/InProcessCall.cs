// Licensed under the MIT license. See LICENSE in the project root.

using System.Threading.Channels;
using Serow.InProcess.Internal;
using Serow.Validation;

namespace Serow.InProcess;

/// <summary>
/// The shared state of one in-process streaming call: a bounded buffer per direction, the view in effect, the final
/// result of a client stream, the handler's outcome and the cancellation of the call.
/// Created by <see cref="InProcessInvoker.Start{TIn, TOut}"/>; generated code wraps it in an
/// <see cref="InProcessServerStream{TIn, TOut}"/> for the handler and an <see cref="InProcessClientStream{TIn, TOut}"/> for the caller.
/// </summary>
/// <remarks>
/// <para>The contract every Serow transport follows, as implemented here:</para>
/// <list type="bullet">
/// <item>Messages arrive in the order they were sent. Each direction buffers at most
/// <see cref="InProcessOptions.StreamCapacity"/> messages; a sender waits while the buffer is full, so a slow reader bounds memory.</item>
/// <item>End of stream is not an error: <c>RecvAsync</c> returns <c>null</c> (<c>default</c>) and <c>await foreach</c> ends.</item>
/// <item>When the handler returns, the server-to-client direction is closed if the handler did not close it. If the handler
/// throws a <see cref="ServiceError"/> the client receives that same exception, after the messages sent before it; any other
/// exception reaches the client as <see cref="ServiceError.Internal"/>. A failure after the handler closed the results itself
/// (<c>CloseAsync</c>, <c>SendAndCloseAsync</c>) does not change what the client's receive sees, which is end of stream or
/// the result; the client's <c>CloseAsync</c> still reports it. A client stream with a result whose handler returns without
/// <c>SendAndCloseAsync</c> makes <c>CloseAndRecvAsync</c> throw a fault named <see cref="MissingResultName"/>.</item>
/// <item>Sending after the peer finished fails: the client gets the server's error, or <see cref="InvalidOperationException"/>
/// when the server finished normally (the message was not delivered). Concurrent sends are serialized; a second concurrent
/// receive on the same side throws <see cref="InvalidOperationException"/>.</item>
/// <item>Cancelling the caller's token or any operation's token, or disposing the client stream before the call completed,
/// aborts the call: <see cref="ServerToken"/> fires and pending and later operations on both sides throw
/// <see cref="OperationCanceledException"/>. A call aborted before its handler started never runs the handler.</item>
/// </list>
/// </remarks>
/// <typeparam name="TIn">The type of the messages the client sends.</typeparam>
/// <typeparam name="TOut">The type of the results the server sends.</typeparam>
public sealed class InProcessCall<TIn, TOut>
{
    /// <summary>The name of the error a client stream with a result receives when the handler returned without sending it.</summary>
    public const string MissingResultName = "missing_result";

    private readonly Lock _gate = new();
    private readonly Channel<TIn> _toServer;
    private readonly Channel<TOut> _toClient;
    private readonly CancellationTokenSource _abort = new();
    private readonly CancellationToken _serverToken;
    private readonly TaskCompletionSource<TOut> _result = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private CancellationTokenRegistration _callerRegistration;
    private string _view;
    private bool _viewLocked;
    private bool _serverClosed;
    private bool _closedByHandler;
    private bool _clientSendClosed;
    private bool _finished;
    private bool _aborted;
    private ServiceError? _error;

    internal InProcessCall(StreamContract<TIn, TOut> contract, InProcessOptions options)
    {
        Contract = contract;
        var channelOptions = new BoundedChannelOptions(options.StreamCapacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = false,
            SingleWriter = false,
            AllowSynchronousContinuations = false,
        };
        _toServer = Channel.CreateBounded<TIn>(channelOptions);
        _toClient = Channel.CreateBounded<TOut>(channelOptions);
        _serverToken = _abort.Token;
        _view = contract.DefaultView;
        ServerSend = new SendGate();
        ClientSend = new SendGate();
        ServerReceive = new ReceiveGuard();
        ClientReceive = new ReceiveGuard();
    }

    /// <summary>The method's contract: validation, projection and views.</summary>
    public StreamContract<TIn, TOut> Contract { get; }

    /// <summary>
    /// The view results are projected to. The server can change it with <c>SetViewAsync</c> before its first send, so the
    /// client sees the final value once it has received the first result.
    /// </summary>
    public string View
    {
        get
        {
            lock (_gate)
            {
                return _view;
            }
        }
    }

    /// <summary>The token passed to the handler; fires when the call is aborted from either side.</summary>
    public CancellationToken ServerToken => _serverToken;

    /// <summary>
    /// Completes (never faults) once the handler has finished and its outcome is known to the client side.
    /// </summary>
    public Task Completion => _completion.Task;

    /// <summary>Whether the call was aborted by cancellation or by disposing the client stream before it completed.</summary>
    public bool IsAborted
    {
        get
        {
            lock (_gate)
            {
                return _aborted;
            }
        }
    }

    internal SendGate ServerSend { get; }

    internal SendGate ClientSend { get; }

    internal ReceiveGuard ServerReceive { get; }

    internal ReceiveGuard ClientReceive { get; }

    internal void Run(Func<InProcessCall<TIn, TOut>, CancellationToken, Task> handler, CancellationToken cancellationToken)
    {
        if (cancellationToken.CanBeCanceled)
        {
            _callerRegistration = cancellationToken.UnsafeRegister(static state => ((InProcessCall<TIn, TOut>)state!).Abort(), this);
        }

        _ = Task.Run(() => RunAsync(handler), CancellationToken.None);
    }

    private async Task RunAsync(Func<InProcessCall<TIn, TOut>, CancellationToken, Task> handler)
    {
        ServiceError? error = null;
        try
        {
            if (!_serverToken.IsCancellationRequested)
            {
                await handler(this, _serverToken).ConfigureAwait(false);
            }
        }
        catch (ServiceError e)
        {
            error = e;
        }
        catch (OperationCanceledException) when (_serverToken.IsCancellationRequested)
        {
            // The call was aborted; the client already sees it as cancelled.
        }
        catch (Exception e)
        {
            error = ServiceError.Internal(e);
        }

        lock (_gate)
        {
            _finished = true;
            _error = error;
            _serverClosed = true;
            _viewLocked = true;
        }

        _toClient.Writer.TryComplete();
        _toServer.Writer.TryComplete();
        await _callerRegistration.DisposeAsync().ConfigureAwait(false);
        _completion.TrySetResult();
    }

    /// <summary>Aborts the call unless it has already finished: the server token fires and every pending wait ends.</summary>
    internal void Abort()
    {
        lock (_gate)
        {
            if (_finished || _aborted)
            {
                return;
            }

            _aborted = true;
        }

        _toClient.Writer.TryComplete();
        _toServer.Writer.TryComplete();
        _abort.Cancel();
    }

    // ---- server side ----

    internal async ValueTask<(bool Received, TIn? Message)> ServerRecvAsync(CancellationToken cancellationToken)
    {
        using var receiving = ServerReceive.Enter();
        var reader = _toServer.Reader;
        while (true)
        {
            ThrowIfAborted();
            if (reader.TryRead(out var message))
            {
                ValidateIncoming(message);
                return (true, message);
            }

            if (!await WaitAsync(static (r, t) => r.WaitToReadAsync(t), reader, cancellationToken).ConfigureAwait(false))
            {
                ThrowIfAborted();
                return (false, default);
            }
        }
    }

    internal async ValueTask ServerSendAsync(TOut message, CancellationToken cancellationToken)
    {
        if (message is null)
        {
            throw new ArgumentNullException(nameof(message));
        }

        await AcquireAsync(ServerSend, cancellationToken).ConfigureAwait(false);
        try
        {
            string view;
            lock (_gate)
            {
                ThrowIfAbortedLocked();
                if (_serverClosed)
                {
                    throw new InvalidOperationException($"The server stream of {Contract.DisplayName} is closed; no more results can be sent.");
                }

                _viewLocked = true;
                view = _view;
            }

            var projected = Contract.Project is { } project ? project(message, view) : message;
            await WriteAsync(_toClient.Writer, projected, ServerWriteRejected, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            ServerSend.Release();
        }
    }

    internal async ValueTask ServerCloseAsync(CancellationToken cancellationToken)
    {
        await AcquireAsync(ServerSend, cancellationToken).ConfigureAwait(false);
        try
        {
            lock (_gate)
            {
                _closedByHandler |= !_serverClosed;
                _serverClosed = true;
                _viewLocked = true;
            }

            _toClient.Writer.TryComplete();
        }
        finally
        {
            ServerSend.Release();
        }
    }

    internal async ValueTask ServerSendAndCloseAsync(TOut result, CancellationToken cancellationToken)
    {
        if (result is null)
        {
            throw new ArgumentNullException(nameof(result));
        }

        await AcquireAsync(ServerSend, cancellationToken).ConfigureAwait(false);
        try
        {
            string view;
            lock (_gate)
            {
                ThrowIfAbortedLocked();
                if (_serverClosed)
                {
                    throw new InvalidOperationException($"The server stream of {Contract.DisplayName} is closed; the result cannot be sent.");
                }

                _serverClosed = true;
                _closedByHandler = true;
                _viewLocked = true;
                view = _view;
            }

            var projected = Contract.Project is { } project ? project(result, view) : result;
            _result.TrySetResult(projected);
            _toClient.Writer.TryComplete();
        }
        finally
        {
            ServerSend.Release();
        }
    }

    internal ValueTask ServerSetViewAsync(string view, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(view);
        cancellationToken.ThrowIfCancellationRequested();
        if (!Contract.CanSetView)
        {
            throw new InvalidOperationException($"The view of the results of {Contract.DisplayName} is fixed by the design and cannot be set.");
        }

        if (!Contract.Views.Contains(view))
        {
            var known = Contract.Views.Count == 0 ? "none" : string.Join(", ", Contract.Views.Select(v => "\"" + v + "\""));
            throw new ArgumentException($"Unknown view \"{view}\" for the results of {Contract.DisplayName}; known views: {known}.", nameof(view));
        }

        lock (_gate)
        {
            ThrowIfAbortedLocked();
            if (_viewLocked)
            {
                throw new InvalidOperationException($"The view of {Contract.DisplayName} must be set before the first result is sent.");
            }

            _view = view;
        }

        return ValueTask.CompletedTask;
    }

    // ---- client side ----

    internal async ValueTask<(bool Received, TOut? Message)> ClientRecvAsync(CancellationToken cancellationToken)
    {
        using var receiving = ClientReceive.Enter();
        var reader = _toClient.Reader;
        while (true)
        {
            ThrowIfAborted();
            if (reader.TryRead(out var message))
            {
                ValidateOutgoing(message);
                return (true, message);
            }

            if (!await WaitAsync(static (r, t) => r.WaitToReadAsync(t), reader, cancellationToken).ConfigureAwait(false))
            {
                ThrowIfStreamFailed();
                return (false, default);
            }
        }
    }

    internal async ValueTask ClientSendAsync(TIn message, CancellationToken cancellationToken)
    {
        if (message is null)
        {
            throw new ArgumentNullException(nameof(message));
        }

        await AcquireAsync(ClientSend, cancellationToken).ConfigureAwait(false);
        try
        {
            ThrowIfClientCannotSend();
            await WriteAsync(_toServer.Writer, message, ThrowIfClientCannotSend, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            ClientSend.Release();
        }
    }

    internal async ValueTask ClientCloseSendAsync(CancellationToken cancellationToken)
    {
        // Taking the send gate lets every send that started before the half-close be delivered first.
        await AcquireAsync(ClientSend, cancellationToken).ConfigureAwait(false);
        try
        {
            lock (_gate)
            {
                _clientSendClosed = true;
            }

            _toServer.Writer.TryComplete();
        }
        finally
        {
            ClientSend.Release();
        }
    }

    internal async ValueTask ClientCloseAsync(CancellationToken cancellationToken)
    {
        ThrowIfAborted();
        await ClientCloseSendAsync(cancellationToken).ConfigureAwait(false);
        await WaitAsync(static (task, t) => TaskWaits.UntilDoneAsync(task, t), Completion, cancellationToken).ConfigureAwait(false);
        ThrowIfFailed();
    }

    internal async ValueTask<TOut> ClientCloseAndRecvAsync(CancellationToken cancellationToken)
    {
        ThrowIfAborted();
        await ClientCloseSendAsync(cancellationToken).ConfigureAwait(false);
        var settled = Task.WhenAny(_result.Task, Completion);
        await WaitAsync(static (task, t) => TaskWaits.UntilDoneAsync(task, t), settled, cancellationToken).ConfigureAwait(false);
        ThrowIfAborted();
        if (_result.Task.IsCompletedSuccessfully)
        {
            var result = _result.Task.Result;
            ValidateOutgoing(result);
            return result;
        }

        ThrowIfFailed();
        throw new ServiceError(MissingResultName, $"{Contract.DisplayName} finished without sending its result.", fault: true);
    }

    internal async ValueTask DisposeClientAsync()
    {
        Abort();
        await Completion.ConfigureAwait(false);
    }

    // ---- helpers ----

    private void ValidateIncoming(TIn message)
    {
        if (Contract.ValidateIncoming is { } validate)
        {
            var report = new ValidationReport();
            validate(message, report);
            report.ThrowIfInvalid();
        }
    }

    private void ValidateOutgoing(TOut message)
    {
        if (Contract.ValidateOutgoing is { } validate)
        {
            var report = new ValidationReport();
            validate(message, View, report);
            report.ThrowIfInvalid();
        }
    }

    private void ServerWriteRejected()
    {
        ThrowIfAborted();
        throw new InvalidOperationException($"The server stream of {Contract.DisplayName} was closed while the result was being sent.");
    }

    private void ThrowIfClientCannotSend()
    {
        lock (_gate)
        {
            ThrowIfAbortedLocked();
            if (_clientSendClosed)
            {
                throw new InvalidOperationException($"The client stream of {Contract.DisplayName} is closed; no more messages can be sent.");
            }

            if (_finished)
            {
                _error?.Rethrow();
                throw new InvalidOperationException($"The server has finished {Contract.DisplayName}; the message was not delivered.");
            }
        }
    }

    private void ThrowIfAborted()
    {
        lock (_gate)
        {
            ThrowIfAbortedLocked();
        }
    }

    private void ThrowIfAbortedLocked()
    {
        if (_aborted)
        {
            throw new OperationCanceledException($"The call to {Contract.DisplayName} was cancelled.", _serverToken);
        }
    }

    /// <summary>
    /// At the end of the results: throws cancellation, or the handler's error unless the handler had closed the results
    /// itself. Without that exception a failure after an explicit close would race with the reader.
    /// </summary>
    private void ThrowIfStreamFailed()
    {
        lock (_gate)
        {
            ThrowIfAbortedLocked();
            if (!_closedByHandler)
            {
                _error?.Rethrow();
            }
        }
    }

    /// <summary>Throws the outcome of a call that ended badly: cancellation or the handler's error.</summary>
    private void ThrowIfFailed()
    {
        lock (_gate)
        {
            ThrowIfAbortedLocked();
            _error?.Rethrow();
        }
    }

    private async ValueTask AcquireAsync(SendGate gate, CancellationToken cancellationToken)
    {
        await WaitAsync(static (g, t) => g.WaitAsync(t), gate, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask WriteAsync<T>(ChannelWriter<T> writer, T message, Action rejected, CancellationToken cancellationToken)
    {
        while (!writer.TryWrite(message))
        {
            if (!await WaitAsync(static (w, t) => w.WaitToWriteAsync(t), writer, cancellationToken).ConfigureAwait(false))
            {
                rejected();
                throw new InvalidOperationException("The stream is closed.");
            }
        }
    }

    /// <summary>
    /// Waits for <paramref name="wait"/> under the operation's token and the call's abort token; an operation token
    /// cancelled while waiting aborts the whole call, as the stream interfaces promise.
    /// </summary>
    private async ValueTask<bool> WaitAsync<TState>(Func<TState, CancellationToken, ValueTask<bool>> wait, TState state, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            Abort();
            cancellationToken.ThrowIfCancellationRequested();
        }

        if (!cancellationToken.CanBeCanceled)
        {
            try
            {
                return await wait(state, _serverToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (_serverToken.IsCancellationRequested)
            {
                ThrowIfAborted();
                throw;
            }
        }

        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _serverToken);
        try
        {
            return await wait(state, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Abort();
            throw;
        }
        catch (OperationCanceledException) when (_serverToken.IsCancellationRequested)
        {
            ThrowIfAborted();
            throw;
        }
    }
}
