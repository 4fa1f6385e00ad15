// Licensed under the MIT license. See LICENSE in the project root.

using System.Net.WebSockets;
using System.Text.Json;
using Serow.Http.Internal;
using Serow.Validation;

using Serow.Streaming.Internal;

namespace Serow.Http.WebSockets;

/// <summary>
/// The client side of one streaming call over a WebSocket: a background loop reads results into a bounded buffer
/// (backpressure) and records the server's outcome (end of stream, typed error frame, close code), while sends go out
/// one JSON text frame at a time — or, under the <c>serow.v1.batch</c> subprotocol, gathered into bounded JSON array
/// frames written by a background flush. Generated code wraps it in a <see cref="WebSocketClientStream{TIn, TOut}"/>.
/// </summary>
/// <typeparam name="TIn">The type of the messages the client sends.</typeparam>
/// <typeparam name="TOut">The type of the results the server sends.</typeparam>
public sealed class WebSocketClientCall<TIn, TOut> : IAsyncDisposable, IInboundConsumer<TOut>
{
    private readonly ClientWebSocket _socket;
    private readonly WebSocketContract<TIn, TOut> _contract;
    private readonly ServiceErrorFactory _errors;
    private readonly SerowHttpClientOptions _options;
    private readonly InboundQueue<TOut> _results;
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly CancellationTokenSource _abort = new();
    private readonly Task _receiveLoop;
    private readonly bool _batch;
    private readonly Lock _batchLock = new();
    private readonly BatchFrames<TIn> _batches = new();
    private readonly int _batchLimit;
    private Task? _flushing;
    private bool _writingInline;
    private Exception? _flushFailure;
    private CancellationTokenRegistration _callerRegistration;
    private volatile bool _sendClosed;
    private volatile bool _serverFinished;
    private volatile bool _replying;
    private ServiceError? _error;
    private ValidationReport? _report;

    private WebSocketClientCall(ClientWebSocket socket, WebSocketContract<TIn, TOut> contract, ServiceErrorFactory errors, SerowHttpClientOptions options, string view)
    {
        _socket = socket;
        _contract = contract;
        _errors = errors;
        _options = options;
        View = view;
        _batch = socket.SubProtocol == WebSocketProtocol.BatchSubprotocol;
        _batchLimit = Math.Clamp(options.BatchSize, 1, options.MaxMessageSize);
        _results = new InboundQueue<TOut>(options.StreamCapacity, this);
        _receiveLoop = Task.Run(ReceiveLoopAsync, CancellationToken.None);

        // An aborted call ends a pending receive at once (one registration per call rather than one per message).
        _abort.Token.UnsafeRegister(static queue => ((InboundQueue<TOut>)queue!).Complete(), _results);
    }

    /// <summary>The view the results are projected to, from the <c>Serow-View</c> header of the upgrade.</summary>
    public string View { get; }

    /// <summary>Whether the call was aborted by cancellation or by disposing it before it completed.</summary>
    public bool IsAborted => _abort.IsCancellationRequested;

    /// <summary>
    /// Opens the stream: a WebSocket upgrade of <paramref name="request"/> (payload in path, query and headers). A refused
    /// upgrade (the payload was invalid, the handler failed before streaming) throws the typed error the server sent.
    /// </summary>
    /// <param name="client">The HTTP client whose base address is the server.</param>
    /// <param name="request">The upgrade request.</param>
    /// <param name="contract">The method's contract.</param>
    /// <param name="errors">Rebuilds designed errors (the generated <c>&lt;Service&gt;Errors.Create</c>).</param>
    /// <param name="options">WebSocket settings.</param>
    /// <param name="cancellationToken">Aborts the call when cancelled, for its whole life.</param>
    /// <exception cref="ServiceError">The server refused the stream: its typed error.</exception>
    public static async Task<WebSocketClientCall<TIn, TOut>> ConnectAsync(
        HttpClient client,
        HttpRequestBuilder request,
        WebSocketContract<TIn, TOut> contract,
        ServiceErrorFactory errors,
        SerowHttpClientOptions options,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(contract);
        ArgumentNullException.ThrowIfNull(options);
        var baseAddress = client.BaseAddress ?? throw new InvalidOperationException("The HttpClient of a Serow client needs a BaseAddress: the server's address.");
        var address = new UriBuilder(request.Resolve(baseAddress));
        address.Scheme = address.Scheme == Uri.UriSchemeHttps ? "wss" : "ws";

        var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        socket.Options.KeepAliveInterval = options.KeepAliveInterval;
        foreach (var (name, value) in request.Headers)
        {
            socket.Options.SetRequestHeader(name, value);
        }

        if (options.Batching)
        {
            socket.Options.AddSubProtocol(WebSocketProtocol.BatchSubprotocol);
        }

        options.ConfigureWebSocket?.Invoke(socket.Options);
        try
        {
            await socket.ConnectAsync(address.Uri, cancellationToken).ConfigureAwait(false);
        }
        catch (WebSocketException) when (socket.HttpStatusCode is not 0 and not System.Net.HttpStatusCode.SwitchingProtocols)
        {
            var status = (int)socket.HttpStatusCode;
            var header = socket.HttpResponseHeaders?.TryGetValue(HttpErrors.HeaderName, out var values) == true ? values.FirstOrDefault() : null;
            socket.Dispose();
            throw header is not null && HttpErrors.TryParse(Uri.UnescapeDataString(header)) is { } body
                ? HttpErrors.FromBody(body, errors)
                : HttpErrors.FromStatus(status, null);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        var view = socket.HttpResponseHeaders?.TryGetValue(WebSocketProtocol.ViewHeader, out var views) == true && views.FirstOrDefault() is { Length: > 0 } v
            ? v
            : contract.Stream.DefaultView;
        socket.HttpResponseHeaders = null;
        var call = new WebSocketClientCall<TIn, TOut>(socket, contract, errors, options, view);
        if (cancellationToken.CanBeCanceled)
        {
            call._callerRegistration = cancellationToken.UnsafeRegister(static state => ((WebSocketClientCall<TIn, TOut>)state!).Abort(), call);
        }

        return call;
    }

    // ---- operations ----

    internal async ValueTask SendAsync(TIn message, CancellationToken cancellationToken)
    {
        if (message is null)
        {
            throw new ArgumentNullException(nameof(message));
        }

        var type = _contract.InWriter ?? throw new InvalidOperationException($"{_contract.DisplayName} takes no messages from the client.");
        if (_batch)
        {
            await EnqueueAsync(message, type, cancellationToken).ConfigureAwait(false);
            return;
        }

        await AcquireAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ThrowIfCannotSend();
            await WriteAsync(JsonSerializer.SerializeToUtf8Bytes(message, type), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>
    /// Batching: appends the message to the frame being gathered and returns; a background flush writes the gathered
    /// messages as one JSON array frame while later messages gather for the next one. The gathered bytes are bounded
    /// (<see cref="SerowHttpClientOptions.BatchSize"/>): a sender waits for the flush when the frame is full. The first
    /// message after a received result is written at once instead, on the sender's thread: a request/reply exchange
    /// then costs no extra thread switch.
    /// </summary>
    private async ValueTask EnqueueAsync(TIn message, System.Text.Json.Serialization.Metadata.JsonTypeInfo<TIn> type, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task flushing;
            var inline = false;
            lock (_batchLock)
            {
                ThrowIfCannotSend();
                ThrowIfFlushFailed();
                if (_batches.TryAppend(message, type, _batchLimit))
                {
                    var replying = _replying;
                    _replying = false;
                    if (_writingInline || _flushing is not null)
                    {
                        // A write in progress takes the message.
                        return;
                    }

                    if (!replying)
                    {
                        _flushing = Task.Run(() => FlushLoopAsync(inline: false), CancellationToken.None);
                        return;
                    }

                    // The first message after a received result answers it, and the server may be waiting for it:
                    // write it on this thread (messages sent meanwhile gather, and this write takes them too).
                    _writingInline = inline = true;
                    flushing = Task.CompletedTask;
                }
                else
                {
                    flushing = _flushing ??= Task.Run(() => FlushLoopAsync(inline: false), CancellationToken.None);
                }
            }

            if (inline)
            {
                await FlushLoopAsync(inline: true).ConfigureAwait(false);
                ThrowIfFlushFailed();
                return;
            }

            // The frame is full: wait for the flush to take it, then gather again.
            await WaitAsync(static (task, t) => UntilDoneAsync(task, t), flushing, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Writes the gathered frames one after the other until nothing is gathered: in the background (<c>_flushing</c>),
    /// or on the sender's thread (<c>_writingInline</c>). A failed write is kept for the next operation to report.
    /// </summary>
    private async Task FlushLoopAsync(bool inline)
    {
        await _sendLock.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            while (true)
            {
                ReadOnlyMemory<byte> frame;
                lock (_batchLock)
                {
                    frame = _batches.TakeFrame();
                    if (frame.IsEmpty)
                    {
                        EndFlush(inline);
                        return;
                    }
                }

                // No token: Abort() aborts the socket, which ends the write; a cancellable token would also send
                // ManagedWebSocket down its slower locking path on every frame.
                await _socket.SendAsync(frame, WebSocketMessageType.Text, true, CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (Exception e)
        {
            lock (_batchLock)
            {
                _flushFailure = e;
                _batches.Clear();
                EndFlush(inline);
            }
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>Marks the flush as done (the caller holds the batch lock).</summary>
    private void EndFlush(bool inline)
    {
        if (inline)
        {
            _writingInline = false;
        }
        else
        {
            _flushing = null;
        }
    }

    /// <summary>Writes what is still gathered (the caller holds the send lock, so no flush is writing).</summary>
    private async ValueTask FlushRemainingAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            ReadOnlyMemory<byte> frame;
            lock (_batchLock)
            {
                frame = _batches.TakeFrame();
            }

            if (frame.IsEmpty)
            {
                return;
            }

            await _socket.SendAsync(frame, WebSocketMessageType.Text, true, cancellationToken).ConfigureAwait(false);
        }
    }

    private void ThrowIfFlushFailed()
    {
        if (_flushFailure is not { } failure)
        {
            return;
        }

        ThrowIfAborted();
        if (_error is { } error)
        {
            throw error;
        }

        throw new InvalidOperationException($"Messages to {_contract.DisplayName} were not delivered: the connection is closing.", failure);
    }

    /// <summary>
    /// Receives the next result, or the default value at the end of the results. Without a token this is the queue's
    /// read itself: the result wakes the caller with no async method in between. A token aborts the call when it fires.
    /// </summary>
    internal ValueTask<TOut?> RecvAsync(CancellationToken cancellationToken) => _results.ReadAsync(cancellationToken);

    /// <summary>Checks a result as the caller takes it: a broken result throws, is consumed, and the stream stays usable.</summary>
    TOut IInboundConsumer<TOut>.Accept(TOut message)
    {
        ThrowIfAborted();
        ValidateResult(message);
        _replying = true;
        return message;
    }

    /// <summary>The caller's receive was cancelled by its token: the call is over.</summary>
    void IInboundConsumer<TOut>.Cancel() => Abort();

    /// <summary>The results ended: cleanly, or with the server's typed error, or by an abort.</summary>
    void IInboundConsumer<TOut>.End()
    {
        ThrowIfAborted();
        if (_error is { } error)
        {
            throw error;
        }
    }

    internal async ValueTask CloseSendAsync(CancellationToken cancellationToken)
    {
        // Taking the send lock lets every send that started before the half-close go out first.
        await AcquireAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_sendClosed)
            {
                return;
            }

            lock (_batchLock)
            {
                // Under the batch lock: no message gathers after the last flush below.
                _sendClosed = true;
            }

            if (_socket.State == WebSocketState.Open)
            {
                using var timeout = new CancellationTokenSource(_options.CloseTimeout);
                if (_batch)
                {
                    await FlushRemainingAsync(timeout.Token).ConfigureAwait(false);
                }

                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "end of input", timeout.Token).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is WebSocketException or IOException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            // The server is gone or finished: what it said is reported by the operations that read the outcome.
        }
        finally
        {
            _sendLock.Release();
        }
    }

    internal async ValueTask CloseAsync(CancellationToken cancellationToken)
    {
        ThrowIfAborted();
        await CloseSendAsync(cancellationToken).ConfigureAwait(false);
        await WaitAsync(static (task, t) => UntilDoneAsync(task, t), _receiveLoop, cancellationToken).ConfigureAwait(false);
        ThrowIfAborted();
        if (_error is { } error)
        {
            throw error;
        }
    }

    internal async ValueTask<TOut> CloseAndRecvAsync(CancellationToken cancellationToken)
    {
        ThrowIfAborted();
        await CloseSendAsync(cancellationToken).ConfigureAwait(false);
        if (await RecvAsync(cancellationToken).ConfigureAwait(false) is { } result)
        {
            return result;
        }

        throw new ServiceError("missing_result", $"{_contract.DisplayName} finished without sending its result.", fault: true);
    }

    /// <summary>Aborts the call if it is still running (the server's handler is cancelled), then releases the socket. Idempotent.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_receiveLoop.IsCompleted)
        {
            Abort();
        }

        await ((Task)_receiveLoop).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await _callerRegistration.DisposeAsync().ConfigureAwait(false);
        _socket.Dispose();
    }

    // ---- the receive loop ----

    private async Task ReceiveLoopAsync()
    {
        using var reader = new MessageReader(_socket, _options.MaxMessageSize);
        var batch = new List<TOut>();
        HttpErrorBody? errorFrame = null;
        try
        {
            while (true)
            {
                // No token: Abort() aborts the socket, which ends the read.
                var kind = reader.Complete(await reader.ReceiveAsync(CancellationToken.None).ConfigureAwait(false));
                if (kind == FrameKind.Partial)
                {
                    continue;
                }

                if (kind == FrameKind.Close)
                {
                    _serverFinished = true;
                    var status = _socket.CloseStatus;
                    if (status != WebSocketCloseStatus.NormalClosure)
                    {
                        _error = ErrorOf(status, _socket.CloseStatusDescription, errorFrame);
                    }

                    await AnswerCloseAsync().ConfigureAwait(false);
                    return;
                }

                if (kind != FrameKind.Text)
                {
                    var (status, reason) = kind == FrameKind.TooLarge
                        ? (WebSocketCloseStatus.MessageTooBig, $"a result is larger than the limit of {_options.MaxMessageSize} bytes")
                        : (WebSocketCloseStatus.InvalidMessageType, "binary frames are not supported: results are JSON text frames");
                    await FailAsync(status, reason).ConfigureAwait(false);
                    return;
                }

                var frame = reader.Message;
                if (WebSocketProtocol.IsErrorFrame(frame.Span))
                {
                    errorFrame = WebSocketProtocol.ParseErrorFrame(frame.Span);
                    continue;
                }

                TOut? single = default;
                try
                {
                    var type = _contract.Out ?? throw new JsonException($"{_contract.DisplayName} sends no results");
                    if (_batch)
                    {
                        batch.Clear();
                        BatchFrames<TOut>.Read(frame.Span, type, batch);
                    }
                    else
                    {
                        single = JsonSerializer.Deserialize(frame.Span, type) ?? throw new JsonException("a result frame holds null where a result is expected");
                    }
                }
                catch (JsonException e)
                {
                    await FailAsync(WebSocketCloseStatus.InvalidPayloadData, "invalid JSON result: " + e.Message).ConfigureAwait(false);
                    return;
                }

                if (!_batch)
                {
                    await _results.AddAsync(single!, _abort.Token).ConfigureAwait(false);
                }
                else
                {
                    foreach (var message in batch)
                    {
                        await _results.AddAsync(message, _abort.Token).ConfigureAwait(false);
                    }
                }

                // One wake-up for the whole frame.
                _results.Publish();
            }
        }
        catch (Exception) when (_abort.IsCancellationRequested)
        {
            // Aborted by the caller: operations report cancellation.
        }
        catch (Exception e)
        {
            _serverFinished = true;
            _error ??= new ServiceError("connection_lost", $"The connection of {_contract.DisplayName} was lost before the server finished: {e.Message}", temporary: true, innerException: e);
        }
        finally
        {
            _results.Complete();
        }
    }

    private ServiceError ErrorOf(WebSocketCloseStatus? status, string? reason, HttpErrorBody? frame)
    {
        if (frame is not null)
        {
            return HttpErrors.FromBody(frame, _errors);
        }

        var code = (int?)status ?? 1005;
        if (WebSocketProtocol.IsServiceError(status))
        {
            var http = code - WebSocketProtocol.ServiceErrorCloseBase;
            return _errors(string.IsNullOrEmpty(reason) ? "error" : reason, $"{_contract.DisplayName} failed (close code {code}).", http is 503 or 504, http is 408 or 504, http >= 500);
        }

        return new ServiceError("protocol_error", $"The server closed the stream of {_contract.DisplayName} with code {code}: {reason}", fault: code == 1011);
    }

    /// <summary>Completes the close handshake the server started, unless the client already sent its close frame.</summary>
    private async Task AnswerCloseAsync()
    {
        await _sendLock.WaitAsync(_options.CloseTimeout).ConfigureAwait(false);
        try
        {
            if (_socket.State == WebSocketState.CloseReceived)
            {
                using var timeout = new CancellationTokenSource(_options.CloseTimeout);
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "closed", timeout.Token).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is WebSocketException or IOException or OperationCanceledException or ObjectDisposedException)
        {
        }
        finally
        {
            _sendLock.Release();
        }
    }

    private async Task FailAsync(WebSocketCloseStatus status, string reason)
    {
        _serverFinished = true;
        _error ??= new ServiceError("protocol_error", $"The stream of {_contract.DisplayName} broke the protocol: {reason}", fault: true);
        try
        {
            using var timeout = new CancellationTokenSource(_options.CloseTimeout);
            await _socket.CloseOutputAsync(status, WebSocketProtocol.Reason(reason), timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is WebSocketException or IOException or OperationCanceledException or ObjectDisposedException)
        {
        }

        _socket.Abort();
    }

    // ---- helpers ----

    private async ValueTask WriteAsync(byte[] bytes, CancellationToken cancellationToken)
    {
        try
        {
            // The caller's token aborts the call (and so the socket and this write); the socket needs no token of its own.
            using var registration = cancellationToken.CanBeCanceled
                ? cancellationToken.UnsafeRegister(static call => ((WebSocketClientCall<TIn, TOut>)call!).Abort(), this)
                : default;
            ThrowIfAborted();
            await _socket.SendAsync(bytes, WebSocketMessageType.Text, true, CancellationToken.None).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Abort();
            throw;
        }
        catch (Exception e) when (e is WebSocketException or IOException or OperationCanceledException or ObjectDisposedException)
        {
            ThrowIfAborted();
            await ((Task)_receiveLoop.WaitAsync(_options.CloseTimeout, CancellationToken.None)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            ThrowIfCannotSend();
            throw new InvalidOperationException($"The message to {_contract.DisplayName} was not delivered: the connection is closing.", e);
        }
    }

    private void ThrowIfCannotSend()
    {
        ThrowIfAborted();
        if (_sendClosed)
        {
            throw new InvalidOperationException($"The client stream of {_contract.DisplayName} is closed; no more messages can be sent.");
        }

        if (_serverFinished || _socket.State != WebSocketState.Open)
        {
            if (_error is { } error)
            {
                throw error;
            }

            throw new InvalidOperationException($"The server has finished {_contract.DisplayName}; the message was not delivered.");
        }
    }

    private void ValidateResult(TOut message)
    {
        if (_contract.Stream.ValidateOutgoing is { } validate)
        {
            // A report that found nothing serves the next result too (one receive runs at a time).
            var report = _report ?? new ValidationReport();
            _report = null;
            validate(message, View, report);
            report.ThrowIfInvalid();
            _report = report;
        }
    }

    private async ValueTask AcquireAsync(CancellationToken cancellationToken) =>
        await WaitAsync(static async (gate, token) =>
        {
            await gate.WaitAsync(token).ConfigureAwait(false);
            return true;
        }, _sendLock, cancellationToken).ConfigureAwait(false);

    /// <summary>Waits under the operation's token and the call's abort token; a cancelled operation aborts the whole call.</summary>
    private async ValueTask<bool> WaitAsync<TState>(Func<TState, CancellationToken, ValueTask<bool>> wait, TState state, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            Abort();
            cancellationToken.ThrowIfCancellationRequested();
        }

        // Most callers pass no token: then the call's own token is enough and no linked source is made per wait.
        using var linked = cancellationToken.CanBeCanceled ? CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _abort.Token) : null;
        try
        {
            return await wait(state, linked?.Token ?? _abort.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Abort();
            throw;
        }
        catch (OperationCanceledException) when (_abort.IsCancellationRequested)
        {
            ThrowIfAborted();
            throw;
        }
    }

    private static async ValueTask<bool> UntilDoneAsync(Task task, CancellationToken cancellationToken)
    {
        await ((Task)task.WaitAsync(cancellationToken)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        cancellationToken.ThrowIfCancellationRequested();
        return true;
    }

    private void Abort()
    {
        if (_receiveLoop is { IsCompleted: true } && _serverFinished)
        {
            return;
        }

        _abort.Cancel();
        _socket.Abort();
    }

    private void ThrowIfAborted()
    {
        if (_abort.IsCancellationRequested)
        {
            throw new OperationCanceledException($"The call to {_contract.DisplayName} was cancelled.", _abort.Token);
        }
    }
}
