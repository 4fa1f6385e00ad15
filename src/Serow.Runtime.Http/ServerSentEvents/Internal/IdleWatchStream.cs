// Licensed under the MIT license. See LICENSE in the project root.

namespace Serow.Http.ServerSentEvents.Internal;

/// <summary>
/// Reads an event stream and notices when a read has waited longer than the idle timeout: the server sends a keepalive
/// comment on idle streams, so a read that long without a byte means the connection is gone even though no socket error
/// said so (a proxy or a half-open TCP connection). The pending read is then cancelled (disposing a response stream does
/// not end a read in flight). Time the caller spends between reads does not count: a slow reader is not a dead connection.
/// </summary>
internal sealed class IdleWatchStream : Stream
{
    private readonly Stream _inner;
    private readonly long _timeoutMs;
    private readonly ITimer _timer;
    private readonly CancellationTokenSource _expire = new();
    private CancellationTokenSource? _linked;
    private CancellationToken _linkedFor;
    private long _readingSince;
    private volatile bool _expired;

    public IdleWatchStream(Stream inner, TimeSpan timeout)
    {
        _inner = inner;
        _timeoutMs = (long)timeout.TotalMilliseconds;
        var period = TimeSpan.FromMilliseconds(Math.Max(10, _timeoutMs / 4));
        _timer = TimeProvider.System.CreateTimer(static state => ((IdleWatchStream)state!).Check(), this, period, period);
    }

    /// <summary>Whether the stream was closed because a read waited longer than the timeout.</summary>
    public bool Expired => _expired;

    /// <summary>The idle timeout.</summary>
    public TimeSpan Timeout => TimeSpan.FromMilliseconds(_timeoutMs);

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Volatile.Write(ref _readingSince, Environment.TickCount64);
        ValueTask<int> reading;
        try
        {
            reading = _inner.ReadAsync(buffer, TokenFor(cancellationToken));
        }
        catch (Exception e)
        {
            Volatile.Write(ref _readingSince, 0);
            return ValueTask.FromException<int>(e);
        }

        // Bytes already buffered (most reads within a burst) cost no async method.
        if (reading.IsCompleted)
        {
            Volatile.Write(ref _readingSince, 0);
            return reading;
        }

        return WaitAsync(reading);
    }

    [System.Runtime.CompilerServices.AsyncMethodBuilder(typeof(System.Runtime.CompilerServices.PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<int> WaitAsync(ValueTask<int> reading)
    {
        try
        {
            return await reading.ConfigureAwait(false);
        }
        finally
        {
            Volatile.Write(ref _readingSince, 0);
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("The event stream is read asynchronously.");

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _timer.Dispose();
            _inner.Dispose();
            _linked?.Dispose();
            _expire.Dispose();
        }

        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        await _timer.DisposeAsync().ConfigureAwait(false);
        await _inner.DisposeAsync().ConfigureAwait(false);
        _linked?.Dispose();
        _expire.Dispose();
        await base.DisposeAsync().ConfigureAwait(false);
    }

    // The reader passes the call's token to every read: one linked source serves them all.
    private CancellationToken TokenFor(CancellationToken cancellationToken)
    {
        if (!cancellationToken.CanBeCanceled)
        {
            return _expire.Token;
        }

        if (_linked is null || _linkedFor != cancellationToken)
        {
            _linked?.Dispose();
            _linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _expire.Token);
            _linkedFor = cancellationToken;
        }

        return _linked.Token;
    }

    private void Check()
    {
        var since = Volatile.Read(ref _readingSince);
        if (since != 0 && Environment.TickCount64 - since > _timeoutMs && !_expired)
        {
            _expired = true;
            _timer.Dispose();
            try
            {
                _expire.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // Disposed meanwhile: nothing is reading any more.
            }
        }
    }
}
