// Licensed under the MIT license. See LICENSE in the project root.

using System.Net.WebSockets;
using System.Text.Json.Serialization.Metadata;
using Serow.Streaming;
using Serow.Streaming.Internal;

namespace Serow.Http.WebSockets.Internal;

/// <summary>
/// The client side of one streaming call over a WebSocket: the stream rules are the core's; this class runs the receive
/// loop (results, the server's error frame and close) and the frame writer (messages, the end-of-input frame), and
/// closes the WebSocket properly when the caller abandons the call.
/// </summary>
internal sealed class WebSocketClientCall<TIn, TOut> : ClientCall<TIn, TOut>, IReceiveHost<TOut>
{
    private readonly ClientWebSocket _socket;
    private readonly WebSocketContract<TIn, TOut> _contract;
    private readonly ServiceErrorFactory? _errors;
    private readonly SerowHttpClientOptions _options;
    private readonly FrameWriter<TIn> _writer;
    private readonly Task _receiveLoop;
    private HttpErrorBody? _errorFrame;
    private string? _startPosition;
    private Task _closing = Task.CompletedTask;

    public WebSocketClientCall(ClientWebSocket socket, WebSocketContract<TIn, TOut> contract, ServiceErrorFactory? errors, SerowHttpClientOptions options, string view)
        : base(contract.Stream, options.StreamCapacity, wakeInline: true)
    {
        _socket = socket;
        _contract = contract;
        _errors = errors;
        _options = options;
        View = view;
        var batch = socket.SubProtocol == WebSocketProtocol.BatchSubprotocol;
        _writer = new FrameWriter<TIn>(socket, contract.InWriter, batch, Math.Clamp(options.BatchSize, 1, options.MaxMessageSize), null);
        _receiveLoop = ReceiveLoop.RunAsync(this);
    }

    // ---- what the receive loop reads ----

    WebSocket IReceiveHost<TOut>.Socket => _socket;

    int IReceiveHost<TOut>.MaxMessageSize => _options.MaxMessageSize;

    JsonTypeInfo<TOut>? IReceiveHost<TOut>.Incoming => _contract.Out;

    StreamRole IReceiveHost<TOut>.Role => StreamRole.Client;

    InboundQueue<TOut>? IReceiveHost<TOut>.Queue => Inbound;

    string IReceiveHost<TOut>.Method => _contract.DisplayName;

    // ---- transport hooks ----

    internal override async ValueTask WriteAsync(TIn message, CancellationToken token)
    {
        try
        {
            await _writer.SendAsync(message, TakeReplying()).ConfigureAwait(false);
        }
        catch (Exception e) when (e is WebSocketException or IOException or ObjectDisposedException or InvalidOperationException)
        {
            // The server has ended the call (or the connection broke): its outcome, read by the receive loop, tells why.
            await ((Task)_receiveLoop.WaitAsync(_options.CloseTimeout, CancellationToken.None)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            throw SendFailure(e);
        }
    }

    internal override async ValueTask CompleteOutputAsync(CancellationToken token) =>
        await _writer.EndAsync(FrameWriter<TIn>.EndOfInput, null, null, _options.CloseTimeout).ConfigureAwait(false);

    internal override void OnAborted() => _closing = CloseAsync();

    internal override async ValueTask DisposeCoreAsync()
    {
        await _closing.ConfigureAwait(false);
        await ((Task)_receiveLoop.WaitAsync(_options.CloseTimeout, CancellationToken.None)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _socket.Dispose();
    }

    // ---- frames from the server ----

    void IFrameSink.OnEndOfInput()
    {
    }

    void IFrameSink.OnErrorFrame(HttpErrorBody? body) => _errorFrame = body;

    void IFrameSink.OnPositionFrame(string position) => Volatile.Write(ref _startPosition, position);

    internal override string? StartPosition => Volatile.Read(ref _startPosition);

    async Task IFrameSink.OnCloseAsync(WebSocketCloseStatus? status, string? description)
    {
        var error = status == WebSocketCloseStatus.NormalClosure && _errorFrame is null ? null : ErrorOf(status, description);
        if (error?.Name == WebSocketProtocol.CancelledName)
        {
            // The server cancelled the call: the caller sees a cancellation, as on every transport.
            Abort();
        }
        else
        {
            Finish(error);
        }

        // Complete the close handshake the server started.
        await _writer.EndAsync(null, WebSocketCloseStatus.NormalClosure, "closed", _options.CloseTimeout).ConfigureAwait(false);
    }

    async Task IFrameSink.OnViolationAsync(WebSocketCloseStatus status, string reason)
    {
        Finish(new ServiceError(StreamErrors.ProtocolErrorName, $"The stream of {_contract.DisplayName} broke the protocol: {reason}", fault: true));
        if (await _writer.EndAsync(null, status, WebSocketProtocol.Reason(reason), _options.CloseTimeout).ConfigureAwait(false))
        {
            await WebSocketDrain.UntilCloseAsync(_socket, _options.CloseTimeout).ConfigureAwait(false);
        }

        _socket.Abort();
    }

    void IFrameSink.OnConnectionLost(Exception exception)
    {
        if (!IsAborted)
        {
            Finish(new ServiceError(StreamErrors.ConnectionLostName, $"The connection of {_contract.DisplayName} was lost before the server finished: {exception.Message}", temporary: true, innerException: exception));
        }
    }

    // ---- helpers ----

    /// <summary>The caller abandoned the call: close the WebSocket (the server stops the handler) and wait briefly for its answer.</summary>
    private async Task CloseAsync()
    {
        if (_writer.IsWriting || !await _writer.EndAsync(null, WebSocketCloseStatus.NormalClosure, "cancelled", _options.CloseTimeout).ConfigureAwait(false))
        {
            _socket.Abort();
            return;
        }

        await ((Task)_receiveLoop.WaitAsync(_options.CloseTimeout, CancellationToken.None)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        if (_socket.State != WebSocketState.Closed)
        {
            _socket.Abort();
        }
    }

    private ServiceError ErrorOf(WebSocketCloseStatus? status, string? reason)
    {
        if (_errorFrame is { } frame)
        {
            return HttpErrors.FromBody(frame, _errors);
        }

        var code = (int?)status ?? 1005;
        if (status == WebSocketCloseStatus.EndpointUnavailable)
        {
            return new ServerStoppingError(_contract.DisplayName);
        }

        if (WebSocketProtocol.IsServiceError(status))
        {
            var http = code - WebSocketProtocol.ServiceErrorCloseBase;
            var name = string.IsNullOrEmpty(reason) ? "error" : reason;
            return ServiceErrors.Rebuild(name, $"{_contract.DisplayName} failed (close code {code}).", http is 503 or 504, http is 408 or 504, http >= 500, null, null, _errors);
        }

        return new ServiceError(StreamErrors.ProtocolErrorName, $"The server closed the stream of {_contract.DisplayName} with code {code}: {reason}", fault: code == 1011);
    }
}
