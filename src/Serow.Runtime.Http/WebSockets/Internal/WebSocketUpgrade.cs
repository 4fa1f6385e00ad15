// Licensed under the MIT license. See LICENSE in the project root.

using System.Buffers;
using System.IO.Pipelines;
using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Serow.AspNetCore.Internal;
using Serow.Streaming.Internal;

namespace Serow.Http.WebSockets.Internal;

/// <summary>
/// Accepts an HTTP/1.1 WebSocket upgrade itself (RFC 6455 §4.2.2) instead of through <c>AcceptWebSocketAsync</c>, so that
/// the server keeps the connection's stream: when the WebSocket ends without a complete close handshake (ManagedWebSocket
/// answers a frame that breaks the protocol with close 1002 and stops reading), the server reads the peer's close frame
/// off the stream before the connection goes. Ending a connection with unread data resets it, and the peer would see
/// the reset instead of the close code. With <see cref="SerowHttpOptions.BufferWrites"/> the frames are written into the
/// response pipe without a flush each, and frames sent in a row leave with one flush.
/// </summary>
internal sealed class WebSocketUpgrade
{
    private const string Magic = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    private readonly Stream _connection;
    private readonly HeldStream _held;

    private WebSocketUpgrade(WebSocket socket, Stream connection, HeldStream held)
    {
        Socket = socket;
        _connection = connection;
        _held = held;
    }

    public WebSocket Socket { get; }

    /// <summary>Accepts the upgrade of an HTTP/1.1 request; an HTTP/2 request (extended CONNECT) goes through ASP.NET Core's own accept.</summary>
    public static async Task<WebSocketUpgrade?> AcceptAsync(HttpContext context, WebSocketAcceptContext accept, bool bufferWrites)
    {
        var upgrade = context.Features.Get<IHttpUpgradeFeature>();
        var key = context.Request.Headers.SecWebSocketKey.ToString();
        if (upgrade is not { IsUpgradableRequest: true } || key.Length == 0)
        {
            return null;
        }

        var response = context.Response;
        response.Headers.Connection = "Upgrade";
        response.Headers.Upgrade = "websocket";
        response.Headers.SecWebSocketAccept = Convert.ToBase64String(SHA1.HashData(Encoding.ASCII.GetBytes(key.Trim() + Magic)));
        if (accept.SubProtocol is { } subProtocol)
        {
            response.Headers.SecWebSocketProtocol = subProtocol;
        }

        var connection = await upgrade.UpgradeAsync().ConfigureAwait(false);
        var held = new HeldStream(connection, bufferWrites);
        var socket = WebSocket.CreateFromStream(held, new WebSocketCreationOptions
        {
            IsServer = true,
            SubProtocol = accept.SubProtocol,
            KeepAliveInterval = accept.KeepAliveInterval ?? TimeSpan.FromSeconds(15),
            KeepAliveTimeout = accept.KeepAliveTimeout ?? Timeout.InfiniteTimeSpan,
        });
        return new WebSocketUpgrade(socket, connection, held);
    }

    /// <summary>Flushes the frames written so far (the close frame among them) before the connection ends; false when that did not finish within <paramref name="timeout"/>.</summary>
    public Task<bool> FlushAsync(TimeSpan timeout) => _held.FinishAsync(timeout);

    /// <summary>
    /// When the WebSocket ended without the peer's close frame having been read, reads the connection until that frame
    /// (or the end of the connection, or <paramref name="timeout"/>), so the connection ends without a reset.
    /// </summary>
    public async Task DrainAsync(TimeSpan timeout)
    {
        if (Socket.State == WebSocketState.Closed)
        {
            return;
        }

        using var limit = new CancellationTokenSource(timeout);
        var buffer = new byte[4096];
        var pending = new List<byte>();
        try
        {
            int read;
            while ((read = await _connection.ReadAsync(buffer, limit.Token).ConfigureAwait(false)) > 0)
            {
                pending.AddRange(buffer.AsSpan(0, read));
                if (HoldsCloseFrame(pending))
                {
                    return;
                }
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException)
        {
            // The peer is gone or silent: nothing more to read.
        }
    }

    /// <summary>Whether the bytes read so far hold a whole close frame (after any whole frames before it).</summary>
    private static bool HoldsCloseFrame(List<byte> bytes)
    {
        var offset = 0;
        while (bytes.Count - offset >= 2)
        {
            var opcode = bytes[offset] & 0x0F;
            long length = bytes[offset + 1] & 0x7F;
            var header = 2;
            if (length == 126)
            {
                if (bytes.Count - offset < 4)
                {
                    return false;
                }

                length = (bytes[offset + 2] << 8) | bytes[offset + 3];
                header = 4;
            }
            else if (length == 127)
            {
                if (bytes.Count - offset < 10)
                {
                    return false;
                }

                length = 0;
                for (var i = 0; i < 8; i++)
                {
                    length = (length << 8) | bytes[offset + 2 + i];
                }

                header = 10;
            }

            var masked = (bytes[offset + 1] & 0x80) != 0;
            var total = header + (masked ? 4 : 0) + length;
            if (bytes.Count - offset < total)
            {
                return false;
            }

            if (opcode == 0x8)
            {
                return true;
            }

            offset += (int)total;
        }

        return false;
    }

    /// <summary>
    /// The connection as the WebSocket sees it: disposing it (the WebSocket's abort) ends the WebSocket's pending read,
    /// but leaves the connection open to the server, which reads off what the peer still sends. Buffering writes, it
    /// gathers frames in a pipe and leaves the flushes to a <see cref="ResponseFlusher"/>: frames written in a row leave
    /// together, the first frame after bytes were read (a reply) at once.
    /// </summary>
    private sealed class HeldStream : Stream
    {
        private readonly Stream _inner;
        private readonly PipeWriter? _output;
        private readonly AsyncGate? _gate;
        private readonly ResponseFlusher? _flusher;
        private readonly CancellationTokenSource _released = new();

        public HeldStream(Stream inner, bool bufferWrites)
        {
            _inner = inner;
            if (bufferWrites)
            {
                // Kestrel's response pipe refuses writes once the connection is upgraded: the frames gather in a pipe
                // over the upgraded stream instead, whose flush is one write to the connection per 16 KiB gathered.
                var output = PipeWriter.Create(inner, new StreamPipeWriterOptions(minimumBufferSize: 16 * 1024, leaveOpen: true));
                _output = output;
                _gate = new AsyncGate();
                _flusher = new ResponseFlusher(output, _gate);
            }
        }

        public override bool CanRead => _inner.CanRead;

        public override bool CanSeek => false;

        public override bool CanWrite => _inner.CanWrite;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush() => FlushAsync(CancellationToken.None).GetAwaiter().GetResult();

        public override Task FlushAsync(CancellationToken cancellationToken) =>
            _flusher is null ? _inner.FlushAsync(cancellationToken) : FlushBufferedAsync(cancellationToken);

        public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, count);

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            // Frames queued for a flush leave before the wait for the peer's next frame.
            _flusher?.FlushBeforeReceive();
            return _flusher is not null ? ReadMarkingAsync(buffer, cancellationToken)
                : cancellationToken.CanBeCanceled ? ReadLinkedAsync(buffer, cancellationToken)
                : _inner.ReadAsync(buffer, _released.Token);
        }

        private async ValueTask<int> ReadMarkingAsync(Memory<byte> buffer, CancellationToken cancellationToken)
        {
            var read = cancellationToken.CanBeCanceled
                ? await ReadLinkedAsync(buffer, cancellationToken).ConfigureAwait(false)
                : await _inner.ReadAsync(buffer, _released.Token).ConfigureAwait(false);
            if (read > 0)
            {
                // What is sent next answers what arrived: it is flushed at once.
                _flusher!.Received();
            }

            return read;
        }

        private async ValueTask<int> ReadLinkedAsync(Memory<byte> buffer, CancellationToken cancellationToken)
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _released.Token);
            return await _inner.ReadAsync(buffer, linked.Token).ConfigureAwait(false);
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Write(byte[] buffer, int offset, int count) =>
            WriteAsync(buffer.AsMemory(offset, count), CancellationToken.None).AsTask().GetAwaiter().GetResult();

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
            _flusher is null ? _inner.WriteAsync(buffer, cancellationToken) : WriteBufferedAsync(buffer, cancellationToken);

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        private async ValueTask WriteBufferedAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken)
        {
            // A write waiting for a slow reader's flush ends when the WebSocket is aborted.
            var token = cancellationToken.CanBeCanceled ? cancellationToken : _released.Token;
            await _gate!.EnterAsync(token).ConfigureAwait(false);
            try
            {
                await _flusher!.BeforeWriteAsync(token).ConfigureAwait(false);
                _output!.Write(buffer.Span);
                await _flusher.AfterWriteAsync(token).ConfigureAwait(false);
            }
            finally
            {
                _gate.Release();
                _flusher!.AfterRelease();
            }
        }

        private async Task FlushBufferedAsync(CancellationToken cancellationToken)
        {
            await _gate!.EnterAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await _flusher!.BeforeWriteAsync(cancellationToken).ConfigureAwait(false);
                await _output!.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                _gate.Release();
            }
        }

        /// <summary>Flushes what is written and stops the queued flushes; false when that did not finish within <paramref name="timeout"/>.</summary>
        public async Task<bool> FinishAsync(TimeSpan timeout)
        {
            if (_flusher is null)
            {
                return true;
            }

            using var limit = new CancellationTokenSource(timeout);
            try
            {
                await _gate!.EnterAsync(limit.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return false;
            }

            try
            {
                if (_flusher.FlushAndFinish() is { } flushing)
                {
                    await flushing.WaitAsync(limit.Token).ConfigureAwait(false);
                }

                return true;
            }
            catch (Exception e) when (e is OperationCanceledException or IOException or InvalidOperationException or ObjectDisposedException)
            {
                return false;
            }
            finally
            {
                _gate.Release();
            }
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _released.Cancel();
            }

            base.Dispose(disposing);
        }
    }
}
