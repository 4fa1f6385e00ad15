// Licensed under the MIT license. See LICENSE in the project root.

using System.Runtime.CompilerServices;
using Grpc.Core;
using Serow.Grpc.Internal;
using Serow.InProcess;
using Serow.Validation;

namespace Serow.Grpc;

/// <summary>
/// The server side of one streaming gRPC call, with the semantics of <see cref="InProcessCall{TIn, TOut}"/>: serialized
/// sends that wait for HTTP/2 flow control, one pending receive, validation of every received message, projection of
/// every result to the view in effect (sent first as the <c>serow-view</c> response header) and cancellation through
/// the call's token. Created by <see cref="GrpcServerInvoker.StreamAsync"/>; generated code wraps it in a
/// <see cref="GrpcServerStream{TIn, TOut}"/>.
/// </summary>
/// <remarks>
/// The results end when the method returns: <c>CloseAsync</c> refuses later sends, and the client sees end of stream
/// once the method has returned.
/// </remarks>
/// <typeparam name="TIn">The type of the client's messages.</typeparam>
/// <typeparam name="TOut">The type of the server's messages or final result.</typeparam>
public sealed class GrpcServerCall<TIn, TOut>
{
    private readonly Lock _gate = new();
    private readonly AsyncGate _send = new();
    private readonly ResponseFlusher? _flusher;
    private readonly ReceiveGuard _receive = new();
    private readonly GrpcMethodInfo _method;
    private readonly GrpcCallContext _context;
    private readonly Func<CancellationToken, Task<bool>>? _moveNext;
    private readonly Func<TIn>? _current;
    private readonly Func<TOut, CancellationToken, Task>? _write;
    private ValidationReport? _report;
    private string _view;
    private bool _viewLocked;
    private bool _closed;
    private bool _headersSent;

    internal GrpcServerCall(
        GrpcMethodInfo method,
        StreamContract<TIn, TOut> contract,
        GrpcCallContext context,
        Func<CancellationToken, Task<bool>>? moveNext,
        Func<TIn>? current,
        Func<TOut, CancellationToken, Task>? write,
        System.IO.Pipelines.PipeWriter? bufferedResponse = null)
    {
        _method = method;
        Contract = contract;
        _context = context;
        _moveNext = moveNext;
        _current = current;
        _write = write;
        _view = contract.DefaultView;
        if (bufferedResponse is not null && write is not null)
        {
            _flusher = new ResponseFlusher(bufferedResponse, _send);
        }
    }

    /// <summary>The method's contract: validation, projection and views.</summary>
    public StreamContract<TIn, TOut> Contract { get; }

    /// <summary>The view results are projected to.</summary>
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

    /// <summary>The call's token: fires when the client cancels, disconnects or the deadline passes.</summary>
    public CancellationToken CallToken => _context.Server.CancellationToken;

    internal bool ClosedByHandler { get; private set; }

    internal bool HasResult { get; private set; }

    internal TOut? Result { get; private set; }

    // Per-message operations reuse their state machines (pooling builder) instead of allocating one per await.
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    internal async ValueTask<TIn?> RecvAsync(CancellationToken cancellationToken)
    {
        using var receiving = _receive.Enter();
        if (_moveNext is null || _current is null)
        {
            throw new InvalidOperationException($"The client of {_method.DisplayName} sends no messages.");
        }

        _flusher?.FlushBeforeReceive();
        using var linked = new LinkedToken(cancellationToken, CallToken);
        bool received;
        try
        {
            received = await _moveNext(linked.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (CallToken.IsCancellationRequested && e is not OperationCanceledException)
        {
            throw Cancelled();
        }

        if (!received)
        {
            // A broken request stream reads as its end; the call's token tells the two apart.
            if (CallToken.IsCancellationRequested)
            {
                throw Cancelled();
            }

            return default;
        }

        _flusher?.Received();
        var message = _current();
        if (Contract.ValidateIncoming is { } validate)
        {
            // One pending receive at a time, so an empty report can serve the next message too.
            var report = _report ?? new ValidationReport();
            _report = null;
            validate(message, report);
            report.ThrowIfInvalid();
            _report = report;
        }

        return message;
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    internal async ValueTask SendAsync(TOut message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (_write is null)
        {
            throw new InvalidOperationException($"{_method.DisplayName} sends one final result; use SendAndCloseAsync.");
        }

        using var linked = new LinkedToken(cancellationToken, CallToken);
        await _send.EnterAsync(linked.Token).ConfigureAwait(false);
        try
        {
            string view;
            lock (_gate)
            {
                ThrowIfCancelled();
                if (_closed)
                {
                    throw new InvalidOperationException($"The server stream of {_method.DisplayName} is closed; no more results can be sent.");
                }

                _viewLocked = true;
                view = _view;
            }

            await SendHeadersAsync(view).ConfigureAwait(false);
            var projected = Contract.Project is { } project ? project(message, view) : message;
            try
            {
                if (_flusher is { } before)
                {
                    await before.BeforeWriteAsync(linked.Token).ConfigureAwait(false);
                }

                await _write(projected, linked.Token).ConfigureAwait(false);
                if (_flusher is { } after)
                {
                    await after.AfterWriteAsync(linked.Token).ConfigureAwait(false);
                }
            }
            catch (Exception e) when (CallToken.IsCancellationRequested && e is not OperationCanceledException)
            {
                throw Cancelled();
            }
        }
        finally
        {
            _send.Release();
            _flusher?.AfterRelease();
        }
    }

    internal async ValueTask CloseAsync(CancellationToken cancellationToken)
    {
        using var linked = new LinkedToken(cancellationToken, CallToken);
        await _send.EnterAsync(linked.Token).ConfigureAwait(false);
        try
        {
            lock (_gate)
            {
                ClosedByHandler |= !_closed;
                _closed = true;
                _viewLocked = true;
            }
        }
        finally
        {
            _send.Release();
        }
    }

    internal async ValueTask SendAndCloseAsync(TOut result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(result);
        using var linked = new LinkedToken(cancellationToken, CallToken);
        await _send.EnterAsync(linked.Token).ConfigureAwait(false);
        try
        {
            string view;
            lock (_gate)
            {
                ThrowIfCancelled();
                if (_closed)
                {
                    throw new InvalidOperationException($"The server stream of {_method.DisplayName} is closed; the result cannot be sent.");
                }

                _closed = true;
                ClosedByHandler = true;
                _viewLocked = true;
                view = _view;
            }

            await SendHeadersAsync(view).ConfigureAwait(false);
            Result = Contract.Project is { } project ? project(result, view) : result;
            HasResult = true;
        }
        finally
        {
            _send.Release();
        }
    }

    internal ValueTask SetViewAsync(string view, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(view);
        cancellationToken.ThrowIfCancellationRequested();
        if (!Contract.CanSetView)
        {
            throw new InvalidOperationException($"The view of the results of {_method.DisplayName} is fixed by the design and cannot be set.");
        }

        if (!Contract.Views.Contains(view))
        {
            var known = Contract.Views.Count == 0 ? "none" : string.Join(", ", Contract.Views.Select(v => "\"" + v + "\""));
            throw new ArgumentException($"Unknown view \"{view}\" for the results of {_method.DisplayName}; known views: {known}.", nameof(view));
        }

        lock (_gate)
        {
            ThrowIfCancelled();
            if (_viewLocked)
            {
                throw new InvalidOperationException($"The view of {_method.DisplayName} must be set before the first result is sent.");
            }

            _view = view;
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>After the method returned normally: sends the response headers if nothing did yet, and refuses later sends.</summary>
    internal async ValueTask FinishAsync()
    {
        await _send.EnterAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            string view;
            lock (_gate)
            {
                _closed = true;
                _viewLocked = true;
                view = _view;
            }

            if (_context.ResponseHeaders.Count > 0)
            {
                await SendHeadersAsync(view).ConfigureAwait(false);
            }

            if (_flusher?.Finish() is { } pending)
            {
                // grpc-dotnet flushes the buffered messages with the status; a flush held back by flow control goes first.
                try
                {
                    await pending.WaitAsync(CallToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is OperationCanceledException || CallToken.IsCancellationRequested)
                {
                    // The call was aborted: nothing more reaches the client.
                }
            }
        }
        finally
        {
            _send.Release();
        }
    }

    /// <summary>After the method failed: refuses later sends.</summary>
    internal void Finish()
    {
        _flusher?.Abandon();
        lock (_gate)
        {
            _closed = true;
            _viewLocked = true;
        }
    }

    // Called under the send gate, so headers go out once and before the first message.
    private async ValueTask SendHeadersAsync(string view)
    {
        if (_headersSent)
        {
            return;
        }

        _headersSent = true;
        var headers = new Metadata();
        foreach (var entry in _context.ResponseHeaders)
        {
            headers.Add(entry);
        }

        if (Contract.Views.Count > 0)
        {
            headers.Add(GrpcHeaders.View, view);
        }

        if (headers.Count > 0)
        {
            await _context.Server.WriteResponseHeadersAsync(headers).ConfigureAwait(false);
        }
    }

    private void ThrowIfCancelled()
    {
        if (CallToken.IsCancellationRequested)
        {
            throw Cancelled();
        }
    }

    private OperationCanceledException Cancelled() =>
        new($"The call to {_method.DisplayName} was cancelled.", CallToken);
}
