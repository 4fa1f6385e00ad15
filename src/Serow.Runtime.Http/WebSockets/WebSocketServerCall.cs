// Licensed under the MIT license. See LICENSE in the project root.

using System.Net.WebSockets;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebSockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Serow.Http.Internal;
using Serow.Validation;

using Serow.Streaming.Internal;

namespace Serow.Http.WebSockets;

/// <summary>
/// The server side of one streaming call over a WebSocket. The upgrade is lazy: the handler runs first, and the
/// connection is upgraded at its first send, receive or close (or when it returns), so a failure before that is an
/// ordinary HTTP error response. Generated code wraps the call in a <see cref="WebSocketServerStream{TIn, TOut}"/>.
/// </summary>
/// <typeparam name="TIn">The type of the messages the client sends.</typeparam>
/// <typeparam name="TOut">The type of the results the server sends.</typeparam>
public sealed class WebSocketServerCall<TIn, TOut> : IInboundConsumer<TIn>
{
    private readonly Lock _gate = new();
    private readonly HttpServerCall _http;
    private readonly WebSocketContract<TIn, TOut> _contract;
    private readonly CancellationTokenSource _abort;
    private readonly InboundQueue<TIn> _incoming;
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly TaskCompletionSource _inputDone = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _batchLock = new();
    private BatchFrames<TOut>? _batches;
    private bool _flushScheduled;
    private volatile bool _replying;
    private ValidationReport? _report;
    private Task<WebSocket>? _upgrade;
    private volatile WebSocket? _socket;
    private Task? _receiveLoop;
    private string _view;
    private bool _batch;
    private volatile bool _resultsClosed;
    private volatile bool _outputClosed;
    private int _sending;

    private WebSocketServerCall(HttpServerCall http, WebSocketContract<TIn, TOut> contract)
    {
        _http = http;
        _contract = contract;
        _view = contract.Stream.DefaultView;
        _abort = CancellationTokenSource.CreateLinkedTokenSource(http.Context.RequestAborted);
        _incoming = new InboundQueue<TIn>(http.Options.StreamCapacity, this);

        // One registration per call rather than one per message: an abort ends a pending receive, and a write in flight.
        _abort.Token.UnsafeRegister(static call => ((WebSocketServerCall<TIn, TOut>)call!).OnAborted(), this);
    }

    /// <summary>The token passed to the handler: fires when the client disconnects, abandons the call or breaks the protocol.</summary>
    public CancellationToken Token => _abort.Token;

    /// <summary>The view the results are projected to.</summary>
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

    /// <summary>
    /// Runs a streaming handler for a WebSocket request: refuses requests that are not upgrades (426) or come from an
    /// origin that is not allowed (403), runs the handler, then ends the stream for it: close 1000 on success, an error
    /// frame and close code 4000 + status on failure, or an HTTP error response when the failure came before the upgrade.
    /// </summary>
    /// <param name="http">The decoded request.</param>
    /// <param name="contract">The method's contract.</param>
    /// <param name="handler">Runs the service method with this call and the handler's token.</param>
    public static Task RunAsync(HttpServerCall http, WebSocketContract<TIn, TOut> contract, Func<WebSocketServerCall<TIn, TOut>, CancellationToken, Task> handler)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(contract);
        ArgumentNullException.ThrowIfNull(handler);
        var context = http.Context;
        if (context.Features.Get<IHttpWebSocketFeature>() is not null || context.Features.Get<IHttpUpgradeFeature>() is null)
        {
            return new WebSocketServerCall<TIn, TOut>(http, contract).RunCoreAsync(handler);
        }

        // The application did not call UseWebSockets: install the WebSocket feature for this request only.
        var loggers = context.RequestServices?.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance;
        var middleware = new WebSocketMiddleware(
            _ => new WebSocketServerCall<TIn, TOut>(http, contract).RunCoreAsync(handler),
            Microsoft.Extensions.Options.Options.Create(new WebSocketOptions()),
            loggers);
        return middleware.Invoke(context);
    }

    private async Task RunCoreAsync(Func<WebSocketServerCall<TIn, TOut>, CancellationToken, Task> handler)
    {
        var context = _http.Context;
        if (!context.WebSockets.IsWebSocketRequest)
        {
            await HttpServerCall.WriteErrorAsync(context, StatusCodes.Status426UpgradeRequired, new HttpErrorBody
            {
                Name = "websocket_required",
                Message = $"{_contract.DisplayName} streams over a WebSocket: open it with a GET WebSocket upgrade request.",
            }).ConfigureAwait(false);
            return;
        }

        if (!OriginPolicy.IsAllowed(context, _http.Options.AllowedOrigins))
        {
            HttpServerCall.Logger(context).OriginRefused(context.Request.Headers.Origin.ToString());
            await HttpServerCall.WriteErrorAsync(context, StatusCodes.Status403Forbidden, new HttpErrorBody
            {
                Name = "forbidden_origin",
                Message = $"WebSocket streams may not be opened from the origin \"{context.Request.Headers.Origin}\"; the server allows its own origin and those configured in SerowHttpOptions.AllowedOrigins.",
            }).ConfigureAwait(false);
            return;
        }

        Exception? failure = null;
        try
        {
            var running = handler(this, _abort.Token);
            await OpenWhenIdleAsync(running).ConfigureAwait(false);
            await running.ConfigureAwait(false);
        }
        catch (Exception e)
        {
            failure = e;
        }

        await FinishAsync(failure).ConfigureAwait(false);
    }

    /// <summary>
    /// Opens the WebSocket when the handler has not touched the stream within <see cref="SerowHttpOptions.UpgradeTimeout"/>
    /// (a subscription waiting for its first event must not keep the client's connect waiting).
    /// </summary>
    private async Task OpenWhenIdleAsync(Task running)
    {
        var timeout = _http.Options.UpgradeTimeout;
        if (running.IsCompleted || timeout == Timeout.InfiniteTimeSpan)
        {
            return;
        }

        using var delay = new CancellationTokenSource();
        var winner = await Task.WhenAny(running, Task.Delay(timeout, delay.Token)).ConfigureAwait(false);
        await delay.CancelAsync().ConfigureAwait(false);
        if (winner != running && !_abort.IsCancellationRequested)
        {
            try
            {
                await EnsureUpgradedAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is WebSocketException or IOException or InvalidOperationException)
            {
                Abort();
            }
        }
    }

    private async Task FinishAsync(Exception? failure)
    {
        var aborted = _abort.IsCancellationRequested;
        Task<WebSocket>? upgrade;
        lock (_gate)
        {
            upgrade = _upgrade;
        }

        if (upgrade is null)
        {
            if (aborted && failure is OperationCanceledException)
            {
                return;
            }

            if (failure is not null)
            {
                await HttpServerCall.WriteErrorAsync(_http.Context, failure, _http.ErrorStatus).ConfigureAwait(false);
                return;
            }

            // The handler returned without touching the stream: open it so that the client sees a normal end.
            upgrade = EnsureUpgradedAsync();
        }

        WebSocket socket;
        try
        {
            socket = await upgrade.ConfigureAwait(false);
        }
        catch (Exception) when (_upgrade is not null)
        {
            return;
        }

        if (aborted || failure is OperationCanceledException && _abort.IsCancellationRequested)
        {
            if (_outputClosed && _receiveLoop is { } draining)
            {
                // The server refused a broken stream with a close frame: let the client read it before the connection goes.
                await ((Task)draining.WaitAsync(_http.Options.CloseTimeout, CancellationToken.None)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }

            socket.Abort();
            return;
        }

        if (failure is null)
        {
            await CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "end of results", null).ConfigureAwait(false);
        }
        else
        {
            var error = HttpErrors.AsServiceError(failure);
            if (error.Name == ServiceError.InternalName)
            {
                HttpServerCall.Logger(_http.Context).HandlerFailed(error.Id, failure);
            }

            var status = HttpErrors.StatusOf(error, _http.ErrorStatus);
            await CloseOutputAsync(WebSocketProtocol.CloseStatusOf(status), WebSocketProtocol.Reason(error.Name), HttpErrors.ToBody(error)).ConfigureAwait(false);
        }

        // Wait for the client's close frame, which completes the close handshake, then let Kestrel end the connection.
        if (_receiveLoop is { } loop)
        {
            await ((Task)loop.WaitAsync(_http.Options.CloseTimeout, CancellationToken.None)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        if (socket.State != WebSocketState.Closed)
        {
            socket.Abort();
        }
    }

    // ---- stream operations ----

    internal async ValueTask SendAsync(TOut message, CancellationToken cancellationToken)
    {
        if (message is null)
        {
            throw new ArgumentNullException(nameof(message));
        }

        ThrowIfAborted();
        if (_resultsClosed)
        {
            throw new InvalidOperationException($"The server stream of {_contract.DisplayName} is closed; no more results can be sent.");
        }

        // Once open, the socket is at hand without the upgrade's lock and task, and the view can no longer change.
        var socket = _socket ?? await EnsureUpgradedAsync().ConfigureAwait(false);
        var view = _view;
        var projected = _contract.Stream.Project is { } project ? project(message, view) : message;
        if (_batches is { } batches)
        {
            await GatherAsync(socket, batches, projected, cancellationToken).ConfigureAwait(false);
            return;
        }

        var bytes = JsonSerializer.SerializeToUtf8Bytes(projected, Out);
        await SendFrameAsync(socket, bytes, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Under the batch subprotocol: appends the result to the frame being gathered and returns. The frame is written
    /// when the handler next yields the thread (a work item queued on it), so a handler that sends many results in a
    /// row fills frames, and one that sends and then waits sends at once. A sender that finds the frame full writes it
    /// itself, which bounds what is gathered to <see cref="SerowHttpOptions.BatchSize"/> bytes. The first result after a
    /// received message is written at once, on the handler's thread: a request/reply exchange costs no thread switch.
    /// </summary>
    private async ValueTask GatherAsync(WebSocket socket, BatchFrames<TOut> batches, TOut message, CancellationToken cancellationToken)
    {
        var type = Out;
        var limit = Math.Clamp(_http.Options.BatchSize, 1, _http.Options.MaxMessageSize);
        while (true)
        {
            lock (_batchLock)
            {
                ThrowIfAborted();
                if (_outputClosed)
                {
                    throw new InvalidOperationException($"The stream of {_contract.DisplayName} is closed; no more results can be sent.");
                }

                if (batches.TryAppend(message, type, limit))
                {
                    if (_replying && !_flushScheduled && batches.Count == 1)
                    {
                        // The first result after a received message is a reply a client may be waiting for: write it now.
                        _replying = false;
                        break;
                    }

                    if (!_flushScheduled)
                    {
                        _flushScheduled = true;
                        ThreadPool.UnsafeQueueUserWorkItem(static call => _ = call.FlushAsync(), this, preferLocal: true);
                    }

                    return;
                }
            }

            // The frame is full: write it now, then gather again.
            await SendFrameAsync(socket, default, cancellationToken).ConfigureAwait(false);
        }

        await SendFrameAsync(socket, default, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The queued flush: writes what is gathered. A failed write aborts the call, as a failed send does.</summary>
    private async Task FlushAsync()
    {
        lock (_batchLock)
        {
            _flushScheduled = false;
        }

        var socket = _socket;
        if (socket is null)
        {
            return;
        }

        try
        {
            await SendFrameAsync(socket, default, _abort.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or InvalidOperationException)
        {
            // The call is over (aborted or closed): the handler's next send reports it.
        }
    }

    /// <summary>Takes the gathered frame, if any (the caller holds the send lock).</summary>
    private ReadOnlyMemory<byte> TakeFrame()
    {
        lock (_batchLock)
        {
            return _batches?.TakeFrame() ?? ReadOnlyMemory<byte>.Empty;
        }
    }

    internal async ValueTask SendAndCloseAsync(TOut result, CancellationToken cancellationToken)
    {
        if (result is null)
        {
            throw new ArgumentNullException(nameof(result));
        }

        await SendAsync(result, cancellationToken).ConfigureAwait(false);
        await CloseAsync(cancellationToken).ConfigureAwait(false);
    }

    internal async ValueTask CloseAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            _resultsClosed = true;
        }

        await EnsureUpgradedAsync().ConfigureAwait(false);
        await CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "end of results", null).ConfigureAwait(false);
    }

    /// <summary>
    /// Receives the next message, or the default value once the client has stopped sending. On an open stream, with the
    /// call's own token or none, this is the queue's read itself: the message wakes the handler with no async method in
    /// between. A token of the caller's aborts the call when it fires.
    /// </summary>
    internal ValueTask<TIn?> RecvAsync(CancellationToken cancellationToken)
    {
        // The call's own token needs no registration: an abort completes the queue already.
        var token = cancellationToken == _abort.Token ? CancellationToken.None : cancellationToken;
        return _socket is not null ? _incoming.ReadAsync(token) : RecvOpeningAsync(token);
    }

    /// <summary>The first receive: opens the stream, then reads.</summary>
    private async ValueTask<TIn?> RecvOpeningAsync(CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            Abort();
            cancellationToken.ThrowIfCancellationRequested();
        }

        ThrowIfAborted();
        await EnsureUpgradedAsync().ConfigureAwait(false);
        return await _incoming.ReadAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Checks a message as the handler takes it: a broken message throws, is consumed, and the stream stays usable.</summary>
    TIn IInboundConsumer<TIn>.Accept(TIn message)
    {
        ThrowIfAborted();
        if (_contract.Stream.ValidateIncoming is { } validate)
        {
            // A report that found nothing serves the next message too.
            var report = _report ?? new ValidationReport();
            _report = null;
            validate(message, report);
            report.ThrowIfInvalid();
            _report = report;
        }

        _replying = true;
        return message;
    }

    /// <summary>The client stopped sending: a clean end, unless the call was aborted.</summary>
    void IInboundConsumer<TIn>.End() => ThrowIfAborted();

    /// <summary>The handler's receive was cancelled by its own token: the call is over.</summary>
    void IInboundConsumer<TIn>.Cancel() => Abort();

    internal ValueTask SetViewAsync(string view, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(view);
        cancellationToken.ThrowIfCancellationRequested();
        var stream = _contract.Stream;
        if (!stream.CanSetView)
        {
            throw new InvalidOperationException($"The view of the results of {_contract.DisplayName} is fixed by the design and cannot be set.");
        }

        if (!stream.Views.Contains(view))
        {
            var known = string.Join(", ", stream.Views.Select(v => "\"" + v + "\""));
            throw new ArgumentException($"Unknown view \"{view}\" for the results of {_contract.DisplayName}; known views: {known}.", nameof(view));
        }

        lock (_gate)
        {
            ThrowIfAborted();
            if (_upgrade is not null)
            {
                throw new InvalidOperationException($"The view of {_contract.DisplayName} must be set before the stream opens: before the first send, receive or close.");
            }

            _view = view;
        }

        return ValueTask.CompletedTask;
    }

    // ---- connection ----

    private Task<WebSocket> EnsureUpgradedAsync()
    {
        lock (_gate)
        {
            return _upgrade ??= UpgradeAsync(_view);
        }
    }

    private async Task<WebSocket> UpgradeAsync(string view)
    {
        var context = _http.Context;
        var options = _http.Options;
        if (_contract.Stream.Views.Count > 0)
        {
            context.Response.Headers[WebSocketProtocol.ViewHeader] = view;
        }

        _batch = context.WebSockets.WebSocketRequestedProtocols.Contains(WebSocketProtocol.BatchSubprotocol);
        if (_batch && _contract.Out is not null)
        {
            _batches = new BatchFrames<TOut>();
        }

        var accept = new WebSocketAcceptContext
        {
            SubProtocol = _batch ? WebSocketProtocol.BatchSubprotocol : null,
            KeepAliveInterval = options.KeepAliveInterval,
            KeepAliveTimeout = options.KeepAliveTimeout,
        };
        var socket = await context.WebSockets.AcceptWebSocketAsync(accept).ConfigureAwait(false);
        _socket = socket;
        _receiveLoop = Task.Run(() => ReceiveLoopAsync(socket), CancellationToken.None);
        return socket;
    }

    private async Task ReceiveLoopAsync(WebSocket socket)
    {
        using var reader = new MessageReader(socket, _http.Options.MaxMessageSize);
        var batch = new List<TIn>();
        try
        {
            while (true)
            {
                // No token: an abort ends the read by aborting the socket (OnAborted), without a registration per read.
                var kind = reader.Complete(await reader.ReceiveAsync(CancellationToken.None).ConfigureAwait(false));
                switch (kind)
                {
                    case FrameKind.Partial:
                        continue;
                    case FrameKind.Close when socket.CloseStatus == WebSocketCloseStatus.NormalClosure || _outputClosed:
                        // End of input (half-close), or the client's answer to the server's close.
                        return;
                    case FrameKind.Close:
                        // Anything but a normal close means the client abandoned the call.
                        Abort();
                        return;
                    case FrameKind.TooLarge:
                        await RefuseAsync(reader, WebSocketCloseStatus.MessageTooBig, $"a message is larger than the limit of {_http.Options.MaxMessageSize} bytes").ConfigureAwait(false);
                        return;
                    case FrameKind.Binary:
                        await RefuseAsync(reader, WebSocketCloseStatus.InvalidMessageType, "binary frames are not supported: send each message as a JSON text frame").ConfigureAwait(false);
                        return;
                }

                if (_outputClosed || _inputDone.Task.IsCompleted)
                {
                    // The server already ended the call, or the client already signalled the end of its input: discard.
                    continue;
                }

                if (_contract.In is not { } type)
                {
                    await RefuseAsync(reader, WebSocketCloseStatus.PolicyViolation, $"{_contract.DisplayName} takes no messages from the client").ConfigureAwait(false);
                    return;
                }

                if (WebSocketProtocol.IsNull(reader.Message.Span))
                {
                    // A JSON null frame ends the input, as Goa clients send it.
                    _incoming.Complete();
                    _inputDone.TrySetResult();
                    continue;
                }

                TIn? single = default;
                try
                {
                    if (_batch)
                    {
                        batch.Clear();
                        BatchFrames<TIn>.Read(reader.Message.Span, type, batch);
                    }
                    else
                    {
                        single = JsonSerializer.Deserialize(reader.Message.Span, type) ?? throw new JsonException("a message frame holds null where a message is expected");
                    }
                }
                catch (JsonException e)
                {
                    await RefuseAsync(reader, WebSocketCloseStatus.InvalidPayloadData, "invalid JSON message: " + e.Message).ConfigureAwait(false);
                    return;
                }

                if (!_batch)
                {
                    await _incoming.AddAsync(single!, _abort.Token).ConfigureAwait(false);
                }
                else
                {
                    foreach (var message in batch)
                    {
                        await _incoming.AddAsync(message, _abort.Token).ConfigureAwait(false);
                    }
                }

                // One wake-up for the whole frame.
                _incoming.Publish();
            }
        }
        catch (Exception) when (!_outputClosed)
        {
            // The connection broke (or the call was aborted): the handler's token fires.
            Abort();
        }
        catch (Exception)
        {
            // The connection broke after the server ended the call: nothing is waiting for it.
        }
        finally
        {
            _incoming.Complete();
            _inputDone.TrySetResult();
        }
    }

    /// <summary>
    /// Closes the stream because the client broke the protocol, cancels the handler, then reads (and drops) frames until
    /// the client's close frame so that the client sees the close code instead of a reset connection.
    /// </summary>
    private async Task RefuseAsync(MessageReader reader, WebSocketCloseStatus status, string reason)
    {
        HttpServerCall.Logger(_http.Context).StreamRefused((int)status, reason);
        var body = new HttpErrorBody { Name = "protocol_error", Message = reason };
        await CloseOutputAsync(status, WebSocketProtocol.Reason(reason), body, TimeSpan.FromSeconds(1)).ConfigureAwait(false);
        Abort();
        using var timeout = new CancellationTokenSource(_http.Options.CloseTimeout);
        try
        {
            while (await reader.ReadAsync(timeout.Token).ConfigureAwait(false) != FrameKind.Close)
            {
            }
        }
        catch (Exception e) when (e is WebSocketException or IOException or OperationCanceledException or ObjectDisposedException)
        {
        }
    }

    private async Task CloseOutputAsync(WebSocketCloseStatus status, string reason, HttpErrorBody? error, TimeSpan? lockTimeout = null)
    {
        var socket = _socket;
        if (socket is null)
        {
            return;
        }

        if (!await _sendLock.WaitAsync(lockTimeout ?? _http.Options.CloseTimeout).ConfigureAwait(false))
        {
            socket.Abort();
            return;
        }

        try
        {
            if (_outputClosed || socket.State is not (WebSocketState.Open or WebSocketState.CloseReceived))
            {
                return;
            }

            lock (_batchLock)
            {
                // Under the batch lock: no result gathers after the frames written below.
                _outputClosed = true;
            }

            using var timeout = new CancellationTokenSource(_http.Options.CloseTimeout);
            while (TakeFrame() is { IsEmpty: false } frame)
            {
                // The results gathered before the end (or the error) go first.
                await socket.SendAsync(frame, WebSocketMessageType.Text, true, timeout.Token).ConfigureAwait(false);
            }

            if (error is not null)
            {
                await socket.SendAsync(WebSocketProtocol.ErrorFrame(error), WebSocketMessageType.Text, true, timeout.Token).ConfigureAwait(false);
            }

            await socket.CloseOutputAsync(status, reason, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException or ObjectDisposedException)
        {
            socket.Abort();
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>
    /// Writes one frame under the send lock: <paramref name="bytes"/>, or, when it is null, every frame gathered under the
    /// batch subprotocol.
    /// </summary>
    private async ValueTask SendFrameAsync(WebSocket socket, byte[]? bytes, CancellationToken cancellationToken)
    {
        // The handler usually passes the call's own token: then no linked source is needed per message.
        using var linked = OwnOrLinked(cancellationToken);
        var token = linked?.Token ?? _abort.Token;
        try
        {
            await _sendLock.WaitAsync(token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested && !_abort.IsCancellationRequested)
        {
            Abort();
            throw;
        }

        // Under the call's own token the socket gets none: an abort ends the write by aborting the socket (OnAborted),
        // which is what cancelling a WebSocket write does anyway, and a write without a token skips ManagedWebSocket's
        // slower cancellable path. A full fence, so that either OnAborted sees the flag or this sees the abort.
        var writeToken = linked is null ? CancellationToken.None : token;
        Interlocked.Exchange(ref _sending, 1);
        try
        {
            ThrowIfAborted();
            if (_outputClosed)
            {
                throw new InvalidOperationException($"The stream of {_contract.DisplayName} is closed; no more results can be sent.");
            }

            try
            {
                if (bytes is not null)
                {
                    await socket.SendAsync(bytes, WebSocketMessageType.Text, true, writeToken).ConfigureAwait(false);
                }
                else
                {
                    while (TakeFrame() is { IsEmpty: false } frame)
                    {
                        await socket.SendAsync(frame, WebSocketMessageType.Text, true, writeToken).ConfigureAwait(false);
                    }
                }
            }
            catch (Exception e) when (e is WebSocketException or IOException or OperationCanceledException or ObjectDisposedException)
            {
                // A failed send leaves the socket unusable: the call is over for both sides.
                Abort();
                throw new OperationCanceledException($"The call to {_contract.DisplayName} was cancelled: the connection is gone.", e, _abort.Token);
            }
        }
        finally
        {
            Volatile.Write(ref _sending, 0);
            _sendLock.Release();
        }
    }

    /// <summary>
    /// The call was aborted: a pending receive ends, and the socket is aborted, which ends the receive loop's read and a
    /// write in flight. Only a call that refused a broken stream keeps its socket a little longer, so that the client
    /// can read the close frame already sent (unless a write is in flight: then the socket is unusable anyway).
    /// </summary>
    private void OnAborted()
    {
        _incoming.Complete();
        if (!_outputClosed || Volatile.Read(ref _sending) != 0)
        {
            _socket?.Abort();
        }
    }

    /// <summary>A source linking <paramref name="cancellationToken"/> to the call's, or null when it adds nothing to the call's own token.</summary>
    private CancellationTokenSource? OwnOrLinked(CancellationToken cancellationToken) =>
        cancellationToken == _abort.Token || !cancellationToken.CanBeCanceled
            ? null
            : CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _abort.Token);

    /// <summary>The metadata results are written with.</summary>
    private System.Text.Json.Serialization.Metadata.JsonTypeInfo<TOut> Out =>
        _contract.OutWriter ?? throw new InvalidOperationException($"{_contract.DisplayName} sends no results.");

    private void Abort()
    {
        try
        {
            _abort.Cancel();
        }
        catch (ObjectDisposedException)
        {
        }
    }

    private void ThrowIfAborted()
    {
        if (_abort.IsCancellationRequested)
        {
            throw new OperationCanceledException($"The call to {_contract.DisplayName} was cancelled.", _abort.Token);
        }
    }
}
