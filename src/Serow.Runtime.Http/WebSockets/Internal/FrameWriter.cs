// Licensed under the MIT license. See LICENSE in the project root.

using System.Buffers;
using System.Net.WebSockets;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

using Serow.Http.Internal;
using Serow.Streaming.Internal;

namespace Serow.Http.WebSockets.Internal;

/// <summary>Who is told that a frame written in the background could not be written.</summary>
internal interface IWriteFailureSink
{
    /// <summary>A background flush failed: the socket is unusable.</summary>
    void OnWriteFailed(Exception exception);

    /// <summary>A data frame of <paramref name="bytes"/> bytes was written (for the byte counters).</summary>
    void OnDataFrameWritten(int bytes)
    {
    }
}

/// <summary>
/// Writes the frames one side of a WebSocket stream sends, for the server and the client alike: messages (one JSON text
/// frame each, or gathered into <c>serow.v1.batch</c> array frames), the end-of-input frame, the error frame and the
/// close frame. One write reaches the socket at a time (the writer is the gate those writes pass). Senders are
/// serialized by the stream core, so gathering needs no more than the batch lock shared with the background flush.
/// </summary>
/// <remarks>
/// Under batching a sent message is appended to the frame being gathered, and the frame is written by a work item
/// queued to the thread pool's shared queue, behind the work already waiting there: an idle pool runs it at once, so a
/// lone message leaves at once, while messages sent in a row, and on a busy host (one topic fanned out to many
/// streams) every message sent until the write runs, fill the frame. Queued on the sender's own thread instead, the
/// write ran right after each sender yielded, so a host serving many streams made one socket write per stream per
/// message. That work item writes to the connection itself (the server's upgraded connection does not queue a write of
/// its own for it). A sender that finds the frame full writes it itself (what is
/// gathered is bounded); the first message after a received one is written at once on the sender's thread, so a
/// request/reply exchange costs no thread switch. Socket writes take no token: aborting the call aborts the socket, which ends them,
/// and ManagedWebSocket keeps its non-cancellable fast path.
/// </remarks>
/// <typeparam name="T">The type of the messages this side sends (<see cref="Streaming.NoMessage"/> when none).</typeparam>
internal sealed class FrameWriter<T> : AsyncGate, IThreadPoolWorkItem
{
    private static readonly byte[] EndOfInputFrame = "null"u8.ToArray();

    private readonly WebSocket _socket;
    private readonly JsonTypeInfo<T>? _type;
    private readonly BatchFrames<T>? _batches;
    private readonly int _batchLimit;
    private readonly IWriteFailureSink? _failed;
    private readonly UpgradedConnectionStream? _frames;
    private bool _flushScheduled;
    private volatile bool _closed;
    private int _writing;

    /// <summary>Creates the writer of one side.</summary>
    /// <param name="socket">The stream's WebSocket.</param>
    /// <param name="type">How to write this side's messages; null when it sends none.</param>
    /// <param name="batching">Whether the <c>serow.v1.batch</c> subprotocol is in effect.</param>
    /// <param name="batchLimit">The most bytes gathered into one array frame.</param>
    /// <param name="failed">Told when a background flush fails (the call is then over); null when nothing is to be done.</param>
    /// <param name="frames">
    /// The server's upgraded connection when it gathers writes: text frames are written into it directly, without the
    /// WebSocket's send path (its locks and its copy); control frames still go through the WebSocket. Null otherwise.
    /// </param>
    public FrameWriter(WebSocket socket, JsonTypeInfo<T>? type, bool batching, int batchLimit, IWriteFailureSink? failed, UpgradedConnectionStream? frames = null)
    {
        _frames = frames is { TakesFrames: true } ? frames : null;
        _socket = socket;
        _type = type;
        _batches = batching && type is not null ? new BatchFrames<T>() : null;
        _batchLimit = batchLimit;
        _failed = failed;
    }

    /// <summary>Whether this side has sent its close frame (no data frame can follow).</summary>
    public bool IsClosed => _closed;

    /// <summary>Whether a socket write is in flight (then only aborting the socket ends it).</summary>
    public bool IsWriting => Volatile.Read(ref _writing) != 0;

    /// <summary>Sends one message: gathers it under batching, writes it as one frame otherwise.</summary>
    /// <param name="message">The message.</param>
    /// <param name="reply">Whether the message answers one just received (written at once under batching).</param>
    /// <exception cref="InvalidOperationException">This side's output is closed.</exception>
    public ValueTask SendAsync(T message, bool reply)
    {
        var type = _type ?? throw new InvalidOperationException("This side of the stream sends no messages.");
        if (_batches is not { } batches)
        {
            return WriteSingleAsync(message, type);
        }

        bool writeNow;
        lock (this)
        {
            ThrowIfClosed();
            if (!batches.TryAppend(message, type, _batchLimit))
            {
                writeNow = false;
            }
            else if (reply && !_flushScheduled && batches.Count == 1)
            {
                writeNow = true;
            }
            else
            {
                if (!_flushScheduled)
                {
                    _flushScheduled = true;
                    ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
                }

                return default;
            }
        }

        return writeNow ? WriteGatheredAsync() : WriteFullThenAppendAsync(message, reply);
    }

    /// <summary>
    /// Ends this side's messages: writes what is gathered, then <paramref name="last"/> (the end-of-input frame or an
    /// error frame) if any, then the close frame when <paramref name="status"/> is given. Bounded by <paramref name="timeout"/>.
    /// </summary>
    /// <returns>False when the frames could not be written (the socket is broken, or a write did not finish in time).</returns>
    public async Task<bool> EndAsync(byte[]? last, WebSocketCloseStatus? status, string? reason, TimeSpan timeout)
    {
        if (!TryEnter() && !await EnterWithinAsync(timeout).ConfigureAwait(false))
        {
            return false;
        }

        try
        {
            if (_closed)
            {
                return true;
            }

            if (status is not null)
            {
                lock (this)
                {
                    // Under the batch lock: nothing gathers after the frames written below.
                    _closed = true;
                }
            }

            if (_socket.State is not (WebSocketState.Open or WebSocketState.CloseReceived))
            {
                return _socket.State == WebSocketState.Closed;
            }

            using var limit = new CancellationTokenSource(timeout);
            while (TakeFrame() is { IsEmpty: false } frame)
            {
                await SendTextAsync(frame, limit.Token).ConfigureAwait(false);
            }

            if (last is not null)
            {
                await SendTextAsync(last, limit.Token).ConfigureAwait(false);
            }

            if (status is { } code)
            {
                await _socket.CloseOutputAsync(code, reason, limit.Token).ConfigureAwait(false);
            }

            return true;
        }
        catch (Exception e) when (e is WebSocketException or IOException or OperationCanceledException or ObjectDisposedException)
        {
            return false;
        }
        finally
        {
            Release();
        }
    }

    /// <summary>Writes one frame of the protocol's own (a position frame) after what is gathered, leaving the output open.</summary>
    /// <returns>False when the frame could not be written in time or the socket is broken.</returns>
    public Task<bool> WriteFrameAsync(byte[] frame, TimeSpan timeout) => EndAsync(frame, null, null, timeout);

    /// <summary>The end-of-input frame of a client: <c>null</c>.</summary>
    public static byte[] EndOfInput => EndOfInputFrame;

    void IThreadPoolWorkItem.Execute() => _ = FlushAsync();

    private async Task FlushAsync()
    {
        lock (this)
        {
            _flushScheduled = false;
        }

        try
        {
            await WriteGatheredAsync().ConfigureAwait(false);
        }
        catch (InvalidOperationException)
        {
            // The output was closed meanwhile: the close wrote what was gathered.
        }
        catch (Exception e)
        {
            _failed?.OnWriteFailed(e);
        }
    }

    private async Task<bool> EnterWithinAsync(TimeSpan timeout)
    {
        using var limit = new CancellationTokenSource(timeout);
        try
        {
            await EnterAsync(limit.Token).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private async ValueTask WriteFullThenAppendAsync(T message, bool reply)
    {
        // The frame is full: write it, then gather again.
        await WriteGatheredAsync().ConfigureAwait(false);
        await SendAsync(message, reply).ConfigureAwait(false);
    }

    private async ValueTask WriteSingleAsync(T message, JsonTypeInfo<T> type)
    {
        await EnterAsync(CancellationToken.None).ConfigureAwait(false);
        Interlocked.Exchange(ref _writing, 1);
        try
        {
            ThrowIfClosed();

            // One sender at a time (the stream core's gate and this lock). The message is serialized synchronously by
            // the thread's writer into a rented buffer, which goes back to the pool once written: an idle stream holds
            // neither.
            var buffer = RentedBufferWriter.TakeSpare();
            try
            {
                ThreadJsonWriter.Serialize(buffer, message, type);
                await SendTextAsync(buffer.WrittenMemory, CancellationToken.None).ConfigureAwait(false);
                _failed?.OnDataFrameWritten(buffer.WrittenMemory.Length);
            }
            finally
            {
                // The buffer (empty again) goes to the thread this send ended on, for its next single-frame send.
                buffer.ReleaseAsSpare();
            }
        }
        finally
        {
            Volatile.Write(ref _writing, 0);
            Release();
        }
    }

    private async ValueTask WriteGatheredAsync()
    {
        await EnterAsync(CancellationToken.None).ConfigureAwait(false);
        Interlocked.Exchange(ref _writing, 1);
        try
        {
            while (TakeFrame() is { IsEmpty: false } frame)
            {
                // A gathered frame is written as it is taken: the connection does not gather it a second time.
                await SendTextAsync(frame, CancellationToken.None, now: true).ConfigureAwait(false);
                _failed?.OnDataFrameWritten(frame.Length);
            }
        }
        finally
        {
            Volatile.Write(ref _writing, 0);
            Release();
        }
    }

    private ValueTask SendTextAsync(ReadOnlyMemory<byte> frame, CancellationToken cancellationToken, bool now = false) =>
        _frames is { } frames
            ? frames.WriteTextFrameAsync(frame.Span, now)
            : _socket.SendAsync(frame, WebSocketMessageType.Text, true, cancellationToken);

    private ReadOnlyMemory<byte> TakeFrame()
    {
        lock (this)
        {
            return _batches?.TakeFrame() ?? ReadOnlyMemory<byte>.Empty;
        }
    }

    private void ThrowIfClosed()
    {
        if (_closed)
        {
            throw new InvalidOperationException("The stream's output is closed; no more messages can be sent.");
        }
    }
}
