// Licensed under the MIT license. See LICENSE in the project root.

using System.Net.WebSockets;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;
using Serow.Http.Internal;
using Serow.Streaming;
using Serow.Streaming.Internal;

namespace Serow.Http.WebSockets.Internal;

/// <summary>
/// The server side of one streaming call over a WebSocket: the stream rules are the core's; this class upgrades the
/// connection when the stream opens, runs the receive loop and the frame writer, and ends the WebSocket for the
/// outcome of the call (see docs/protocol-websocket.md).
/// </summary>
internal sealed class WebSocketServerCall<TIn, TOut> : HttpStreamServerCall<TIn, TOut>, IReceiveHost<TIn>, IWriteFailureSink
{
    private readonly WebSocketContract<TIn, TOut> _contract;
    private CancellationTokenRegistration _requestAborted;
    private WebSocket? _socket;

    // The connection as this server upgraded it itself; null for a WebSocket ASP.NET Core accepted (HTTP/2).
    private UpgradedConnectionStream? _connection;
    private FrameWriter<TOut>? _writer;
    private Task _receiveLoop = Task.CompletedTask;
    private volatile bool _peerClosed;
    private volatile bool _refused;

    internal override string TransportName => "websocket";

    public WebSocketServerCall(HttpServerCall http, WebSocketContract<TIn, TOut> contract)
        : base(http, contract.Stream, contract.In is null ? 0 : http.Options.StreamCapacity, wakeInline: true)
    {
        _contract = contract;
    }

    private SerowHttpOptions Options => Http.Options;

    internal override void OnWaitingToOpen()
    {
        // Until the upgrade the request's abort is the only sign that the client left; once the stream is open the
        // receive loop sees it (so a call that opens at once registers nothing).
        _requestAborted = Http.Context.RequestAborted.UnsafeRegister(
            static call => ((WebSocketServerCall<TIn, TOut>)call!).Abort(StreamAbortReason.Cancelled), this);
    }

    void IWriteFailureSink.OnWriteFailed(Exception exception) => Abort(StreamAbortReason.Cancelled);

    /// <inheritdoc/>
    void IWriteFailureSink.OnDataFrameWritten(int bytes)
    {
        if (CountsBytes)
        {
            CountBytes(sent: true, bytes);
        }
    }

    /// <inheritdoc/>
    void IFrameSink.OnDataFrameReceived(int bytes, bool waited)
    {
        if (waited)
        {
            // The handler's next result likely answers this message: it leaves at once, not with the next gathered write.
            _connection?.ReplyNext();
        }

        if (CountsBytes)
        {
            CountBytes(sent: false, bytes);
        }
    }

    // ---- what the receive loop reads ----

    WebSocket IReceiveHost<TIn>.Socket => _socket!;

    int IReceiveHost<TIn>.MaxMessageSize => Options.MaxMessageSize;

    JsonTypeInfo<TIn>? IReceiveHost<TIn>.Incoming => _contract.In;

    StreamRole IReceiveHost<TIn>.Role => StreamRole.Server;

    InboundQueue<TIn>? IReceiveHost<TIn>.Queue => Inbound;

    string IReceiveHost<TIn>.Method => _contract.DisplayName;

    // ---- transport hooks ----

    internal override async ValueTask OpenAsync(string view)
    {
        var context = Http.Context;
        if (_contract.Stream.Views.Count > 0)
        {
            context.Response.Headers[WebSocketProtocol.ViewHeader] = view;
        }

        var requested = context.WebSockets.WebSocketRequestedProtocols;
        var batch = requested.Contains(WebSocketProtocol.BatchSubprotocol);
        var accept = new WebSocketAcceptContext
        {
            // Never a credentials subprotocol (serow.bearer.…): only the protocol's own names are selected.
            SubProtocol = batch ? WebSocketProtocol.BatchSubprotocol : requested.Contains(WebSocketProtocol.Subprotocol) ? WebSocketProtocol.Subprotocol : null,
            KeepAliveInterval = Options.KeepAliveInterval,
            KeepAliveTimeout = Options.KeepAliveTimeout,
        };
        var upgraded = await WebSocketUpgrade.AcceptAsync(context, accept, Options.BufferWrites).ConfigureAwait(false);
        _connection = upgraded?.Connection;
        var socket = upgraded?.Socket ?? await context.WebSockets.AcceptWebSocketAsync(accept).ConfigureAwait(false);
        _writer = new FrameWriter<TOut>(socket, _contract.OutWriter, batch, Math.Clamp(Options.BatchSize, 1, Options.MaxMessageSize),
            this, _connection);
        _socket = socket;
        if (StartPosition is { } position)
        {
            await WritePositionFrameAsync(position).ConfigureAwait(false);
        }

        _receiveLoop = ReceiveLoop.RunAsync(this);
    }

    internal override async ValueTask<bool> SendStartPositionAsync(string position, CancellationToken token)
    {
        await WritePositionFrameAsync(position).ConfigureAwait(false);
        return true;
    }

    private async ValueTask WritePositionFrameAsync(string position)
    {
        if (!await _writer!.WriteFrameAsync(WebSocketProtocol.PositionFrame(position), Options.CloseTimeout).ConfigureAwait(false))
        {
            throw new IOException($"The position frame of {_contract.DisplayName} could not be written: the connection is broken.");
        }
    }

    internal override async ValueTask WriteAsync(TOut message, CancellationToken token)
    {
        try
        {
            await _writer!.SendAsync(message, TakeReplying()).ConfigureAwait(false);
        }
        catch (Exception e) when (e is WebSocketException or IOException or ObjectDisposedException)
        {
            // A failed write leaves the socket unusable: the call is over for both sides.
            Abort(StreamAbortReason.Cancelled);
            throw;
        }
    }

    internal override async ValueTask CloseOutputAsync(CancellationToken token) =>
        await _writer!.EndAsync(null, WebSocketCloseStatus.NormalClosure, "end of results", Options.CloseTimeout).ConfigureAwait(false);

    internal override async ValueTask WriteResultAsync(TOut result, CancellationToken token)
    {
        await WriteAsync(result, token).ConfigureAwait(false);
        await CloseOutputAsync(token).ConfigureAwait(false);
    }

    internal override void OnAborted(StreamAbortReason reason)
    {
        // A write in flight (a slow reader) ends only by aborting the socket; otherwise the call closes it properly when
        // the handler returns.
        if (_writer?.IsWriting == true)
        {
            _socket?.Abort();
        }
    }

    // ---- frames from the client ----

    void IFrameSink.OnEndOfInput()
    {
    }

    void IFrameSink.OnErrorFrame(HttpErrorBody? body)
    {
    }

    async Task IFrameSink.OnCloseAsync(WebSocketCloseStatus? status, string? description)
    {
        if (_writer!.IsClosed)
        {
            // The client's answer to the server's close: the handshake is complete.
            return;
        }

        // Any close from the client stops the call (end of input is the in-band null frame). RFC 6455 §5.5.1: answer at
        // once, with the client's code.
        _peerClosed = true;
        Abort(StreamAbortReason.Cancelled);
        var answer = status is null or WebSocketCloseStatus.Empty ? WebSocketCloseStatus.NormalClosure : status.Value;
        if (!await _writer.EndAsync(null, answer, "closed", TimeSpan.FromSeconds(1)).ConfigureAwait(false))
        {
            _socket!.Abort();
        }
    }

    async Task IFrameSink.OnViolationAsync(WebSocketCloseStatus status, string reason)
    {
        Http.Logger().StreamRefused((int)status, reason);
        _refused = true;
        var body = new HttpErrorBody { Name = StreamErrors.ProtocolErrorName, Message = reason, Fault = true };
        var closed = await _writer!.EndAsync(WebSocketProtocol.ErrorFrame(body), status, WebSocketProtocol.Reason(reason), TimeSpan.FromSeconds(1)).ConfigureAwait(false);
        Abort(StreamAbortReason.ProtocolError);
        if (closed)
        {
            // Read (and drop) what the client still sends until its close frame, so that it sees the close code, not a reset.
            await WebSocketDrain.UntilCloseAsync(_socket!, Options.CloseTimeout).ConfigureAwait(false);
        }
    }

    void IFrameSink.OnConnectionLost(Exception exception) => Abort(StreamAbortReason.Cancelled);

    // ---- the call's life ----

    private protected override ValueTask ReleaseAsync() => _requestAborted.DisposeAsync();

    /// <summary>Ends the call on the wire for its outcome, then lets the connection go once the close handshake is done (or timed out).</summary>
    private protected override async Task EndAsync(ServerCallOutcome outcome)
    {
        if (_socket is null)
        {
            if (outcome.IsFailed)
            {
                // Before the upgrade a failure is an ordinary HTTP error response.
                await HttpServerCall.WriteErrorAsync(Http.Context, HttpErrors.StatusOf(outcome.Error!, Http.ErrorStatus), HttpErrors.ToBody(outcome.Error!)).ConfigureAwait(false);
                return;
            }

            if (outcome.IsAborted || !Http.Context.WebSockets.IsWebSocketRequest)
            {
                return;
            }

            // The handler returned without touching the stream: open it so that the client sees a normal end.
            try
            {
                await OpenAsync(View).ConfigureAwait(false);
            }
            catch (Exception e) when (e is WebSocketException or IOException or InvalidOperationException)
            {
                return;
            }
        }

        var socket = _socket!;
        var writer = _writer!;
        var closed = true;
        if (outcome.Error is { } error)
        {
            var (status, reason) = error is ServerStoppingError
                ? (WebSocketCloseStatus.EndpointUnavailable, "server stopping")
                : (WebSocketProtocol.CloseStatusOf(HttpErrors.StatusOf(error, Http.ErrorStatus)), WebSocketProtocol.Reason(error.Name));
            closed = await writer.EndAsync(WebSocketProtocol.ErrorFrame(HttpErrors.ToBody(error)), status, reason, Options.CloseTimeout).ConfigureAwait(false);
        }
        else if (!outcome.IsAborted)
        {
            closed = await writer.EndAsync(null, WebSocketCloseStatus.NormalClosure, "end of results", Options.CloseTimeout).ConfigureAwait(false);
        }
        else if (!_peerClosed && !_refused && socket.State == WebSocketState.Open)
        {
            // The server cancelled the call itself (the handler's own token, a failed keepalive): the client hears so.
            closed = await writer.EndAsync(WebSocketProtocol.ErrorFrame(HttpErrors.CancelledBody(_contract.DisplayName)), WebSocketProtocol.CancelledStatus, "cancelled", Options.CloseTimeout).ConfigureAwait(false);
        }

        // Wait for the client's close frame, which completes the handshake (the receive loop ends with it), then let
        // Kestrel end the connection.
        if (closed)
        {
            await ((Task)_receiveLoop.WaitAsync(Options.CloseTimeout, CancellationToken.None)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        if (_connection is { } written && !await written.FinishAsync(Options.CloseTimeout).ConfigureAwait(false))
        {
            // The peer stopped reading: nothing more reaches it.
            socket.Abort();
            return;
        }

        if (socket.State != WebSocketState.Closed)
        {
            // The handshake did not complete (the peer broke the protocol, or was slow): read its close frame off the
            // connection, bounded, so the connection does not end with unread data (a reset).
            if (_connection is { } connection)
            {
                await WebSocketUpgrade.DrainAsync(socket, connection, TimeSpan.FromSeconds(1)).ConfigureAwait(false);
            }

            socket.Abort();
        }
    }
}
