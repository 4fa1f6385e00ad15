// Licensed under the MIT license. See LICENSE in the project root.

using System.Buffers;
using System.Buffers.Binary;

namespace Serow.Http.WebSockets.Internal;

/// <summary>
/// The upgraded connection as the server's WebSocket sees it. Disposing it (the WebSocket's abort) ends the WebSocket's
/// pending read but leaves the connection open to the server, which reads off what the peer still sends.
/// </summary>
/// <remarks>
/// With write gathering on, the frames the WebSocket writes (data, ping, pong, close) are copied into a pooled buffer
/// and one write to the connection is queued to the thread pool's shared queue, behind the work already waiting there
/// (as <c>System.IO.Pipelines</c> schedules a reader): an idle pool runs it at once, and under load every frame written
/// until it runs leaves with it, so a busy host makes fewer and fuller socket writes per connection. The first frame
/// after the receive loop saw a message arrive (<see cref="ReplyNext"/>: a reply the peer may be waiting for), the frame that brings the buffer to <see cref="Limit"/> and a frame whose writer gathered
/// it from several messages and queued its own write (<see cref="WriteTextFrameAsync"/> with <c>now</c>) are written at
/// once, and the sender waits for that write: a reader that stops reading holds the sender back at one buffer. One
/// write to the connection runs at a time, outside the lock (senders keep gathering while it runs, and it writes what
/// they gathered when it is done). An idle stream holds no buffer: it goes back to the pool after each write.
/// </remarks>
internal sealed class UpgradedConnectionStream : Stream, IThreadPoolWorkItem
{
    /// <summary>The most bytes gathered before the sender writes them itself and waits.</summary>
    public const int Limit = 64 * 1024;

    private const int InitialBuffer = 16 * 1024;

    private readonly Stream _inner;
    private readonly bool _gather;
    private readonly CancellationTokenSource _released = new();

    // Under lock (this).
    private byte[]? _buffer;
    private int _count;
    private bool _queued;
    private bool _replying;
    private bool _writing;
    private TaskCompletionSource? _written;
    private Exception? _failure;

    public UpgradedConnectionStream(Stream inner, bool gatherWrites)
    {
        _inner = inner;
        _gather = gatherWrites;
    }

    /// <summary>The connection itself, read directly once the WebSocket has let it go (see <see cref="WebSocketUpgrade.DrainAsync"/>).</summary>
    public Stream Inner => _inner;

    public override bool CanRead => _inner.CanRead;

    public override bool CanSeek => false;

    public override bool CanWrite => _inner.CanWrite;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, count);

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        // What is gathered leaves before the wait for the peer's next frame.
        if (_gather && Volatile.Read(ref _queued))
        {
            byte[]? gathered;
            int count;
            lock (this)
            {
                (gathered, count) = TakeLocked();
            }

            if (gathered is not null)
            {
                _ = WriteOutAsync(gathered, count);
            }
        }

        return cancellationToken.CanBeCanceled ? ReadLinkedAsync(buffer, cancellationToken) : _inner.ReadAsync(buffer, _released.Token);
    }

    /// <summary>
    /// A message the peer sent has just arrived (its bytes were waited for): the next frame written answers it and goes
    /// to the connection at once. Told by the receive loop rather than noticed here, so that a read costs no state of
    /// its own.
    /// </summary>
    public void ReplyNext() => Volatile.Write(ref _replying, true);

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(byte[] buffer, int offset, int count) =>
        WriteAsync(buffer.AsMemory(offset, count), CancellationToken.None).AsTask().GetAwaiter().GetResult();

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
        _gather ? GatherAsync(default, buffer.Span, cancellationToken) : _inner.WriteAsync(buffer, cancellationToken);

    /// <summary>Whether frames can be written here directly (gathering is on).</summary>
    public bool TakesFrames => _gather;

    /// <summary>
    /// Writes one final, unmasked text frame holding <paramref name="payload"/> (RFC 6455 §5.2), beside the frames the
    /// WebSocket writes: each frame is appended whole under the lock, so frames never interleave.
    /// </summary>
    /// <param name="payload">The frame's payload.</param>
    /// <param name="now">
    /// Whether the frame goes to the connection at once (with whatever is gathered before it) instead of through the
    /// queued write: for a caller that gathered its messages itself and writes them from a queued flush of its own,
    /// a second queued write would only add a thread-pool hop per frame. The caller then waits for the write.
    /// </param>
    /// <exception cref="IOException">The connection failed or the WebSocket was aborted.</exception>
    public ValueTask WriteTextFrameAsync(ReadOnlySpan<byte> payload, bool now = false)
    {
        if (_released.IsCancellationRequested)
        {
            return ValueTask.FromException(new IOException("The WebSocket was aborted."));
        }

        Span<byte> header = stackalloc byte[10];
        header[0] = 0x81; // FIN, text
        int length;
        if (payload.Length <= 125)
        {
            header[1] = (byte)payload.Length;
            length = 2;
        }
        else if (payload.Length <= ushort.MaxValue)
        {
            header[1] = 126;
            BinaryPrimitives.WriteUInt16BigEndian(header[2..], (ushort)payload.Length);
            length = 4;
        }
        else
        {
            header[1] = 127;
            BinaryPrimitives.WriteUInt64BigEndian(header[2..], (ulong)payload.Length);
            length = 10;
        }

        return GatherAsync(header[..length], payload, CancellationToken.None, now);
    }

    private ValueTask GatherAsync(ReadOnlySpan<byte> header, ReadOnlySpan<byte> payload, CancellationToken cancellationToken, bool now = false)
    {
        Task? wait = null;
        byte[]? gathered;
        int count;
        lock (this)
        {
            if (_failure is { } failure)
            {
                return ValueTask.FromException(new IOException("A write to the connection failed.", failure));
            }

            Append(header, payload);
            if (now || _replying || _count >= Limit)
            {
                _replying = false;
                (gathered, count) = TakeLocked();
                if (gathered is null)
                {
                    wait = WaitLocked();
                }
            }
            else
            {
                if (!_queued)
                {
                    _queued = true;
                    ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
                }

                return default;
            }
        }

        if (gathered is not null)
        {
            wait = WriteOutAsync(gathered, count);
        }

        return wait is null or { IsCompletedSuccessfully: true } ? default : new ValueTask(wait.WaitAsync(cancellationToken));
    }

    public override void Flush() => FlushAsync(CancellationToken.None).GetAwaiter().GetResult();

    public override async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (!_gather)
        {
            await _inner.FlushAsync(cancellationToken).ConfigureAwait(false);
            return;
        }

        while (true)
        {
            Task? writing = null;
            byte[]? gathered;
            int count;
            lock (this)
            {
                if (_failure is { } failure)
                {
                    throw new IOException("A write to the connection failed.", failure);
                }

                (gathered, count) = TakeLocked();
                if (gathered is null)
                {
                    writing = WaitLocked();
                }
            }

            if (gathered is not null)
            {
                writing = WriteOutAsync(gathered, count);
            }

            if (writing is null)
            {
                return;
            }

            await writing.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Writes what is gathered (the close frame among it) before the connection ends; false when that failed or did not finish within <paramref name="timeout"/>.</summary>
    public async Task<bool> FinishAsync(TimeSpan timeout)
    {
        using var limit = new CancellationTokenSource(timeout);
        try
        {
            await FlushAsync(limit.Token).ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or ObjectDisposedException)
        {
            return false;
        }
    }

    void IThreadPoolWorkItem.Execute()
    {
        byte[]? gathered;
        int count;
        lock (this)
        {
            _queued = false;
            (gathered, count) = TakeLocked();
        }

        if (gathered is not null)
        {
            _ = WriteOutAsync(gathered, count);
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

    private async ValueTask<int> ReadLinkedAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _released.Token);
        return await _inner.ReadAsync(buffer, linked.Token).ConfigureAwait(false);
    }

    // Under the lock.
    private void Append(ReadOnlySpan<byte> header, ReadOnlySpan<byte> payload)
    {
        var length = header.Length + payload.Length;
        if (_buffer is null || _buffer.Length - _count < length)
        {
            var grown = ArrayPool<byte>.Shared.Rent(Math.Max(_count + length, _buffer is null ? InitialBuffer : _buffer.Length * 2));
            if (_buffer is not null)
            {
                _buffer.AsSpan(0, _count).CopyTo(grown);
                ArrayPool<byte>.Shared.Return(_buffer);
            }

            _buffer = grown;
        }

        header.CopyTo(_buffer.AsSpan(_count));
        payload.CopyTo(_buffer.AsSpan(_count + header.Length));
        _count += length;
    }

    /// <summary>
    /// Under the lock: hands out what is gathered for the caller to write outside the lock, unless nothing is gathered
    /// or a write is running (which writes it after its own).
    /// </summary>
    private (byte[]? Buffer, int Count) TakeLocked()
    {
        if (_writing || _count == 0 || _failure is not null)
        {
            return default;
        }

        var taken = (_buffer, _count);
        (_buffer, _count) = (null, 0);
        _writing = true;
        return taken;
    }

    /// <summary>Under the lock: the end of the running write (and of what it takes over); null when none runs.</summary>
    private Task? WaitLocked() =>
        _writing ? (_written ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task : null;

    private async Task WriteOutAsync(byte[] buffer, int count)
    {
        while (true)
        {
            try
            {
                await _inner.WriteAsync(buffer.AsMemory(0, count), _released.Token).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                TaskCompletionSource? failed;
                lock (this)
                {
                    _failure = e;
                    _writing = false;
                    (failed, _written) = (_written, null);
                }

                failed?.TrySetException(e);
                throw;
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }

            TaskCompletionSource? done;
            lock (this)
            {
                if (_count > 0)
                {
                    // What was gathered while this write ran follows it.
                    (buffer, count) = (_buffer!, _count);
                    (_buffer, _count) = (null, 0);
                    continue;
                }

                _writing = false;
                (done, _written) = (_written, null);
            }

            done?.TrySetResult();
            return;
        }
    }
}
