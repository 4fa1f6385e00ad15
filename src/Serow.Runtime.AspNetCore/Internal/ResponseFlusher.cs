// Licensed under the MIT license. See LICENSE in the project root.

using System.IO.Pipelines;

using Serow.Streaming.Internal;

namespace Serow.AspNetCore.Internal;

/// <summary>
/// Flushes a response whose messages are written into Kestrel's response pipe without a flush: gRPC messages written
/// with <c>WriteFlags.BufferHint</c> and Server-Sent Events. After a buffered write a flush is queued to the thread
/// pool, and every message written until it runs leaves with it: a burst costs one flush (and one socket write) instead
/// of one per message. Where the flush is queued depends on the connection. A stream of an HTTP/2 connection (gRPC, and
/// Server-Sent Events over HTTP/2) queues it on the sender's thread, so it runs as soon as the sender yields: Kestrel's
/// one writer per connection already gathers the frames of all its streams, and one stream's flush must not wait behind
/// the other streams' work. A response with a connection of its own (Server-Sent Events over HTTP/1.1) queues it behind
/// the work already waiting in the pool's shared queue, so a host that fans one topic out to many responses makes fewer
/// and fuller socket writes per connection. Memory stays bounded: past <see cref="Limit"/> unflushed bytes the sender
/// flushes inline and waits, and a sender waits for a flush still pending (flow control, a slow reader) before it writes
/// more. Every flush runs under the stream's send gate, never beside a write.
/// </summary>
internal sealed class ResponseFlusher : IThreadPoolWorkItem
{
    /// <summary>The most bytes (or, when the pipe does not count them, messages × <see cref="AssumedMessageSize"/>) buffered before the sender flushes inline.</summary>
    public const int Limit = 64 * 1024;

    private const int AssumedMessageSize = 1024;

    private readonly PipeWriter _writer;
    private readonly AsyncGate _gate;
    private readonly bool _counts;
    private readonly bool _preferLocal;
    private long _unflushed;
    private int _queued;
    private int _owed;
    private int _replying;
    private Task? _pending;
    private bool _finished;

    /// <param name="writer">The response's pipe.</param>
    /// <param name="gate">The stream's send gate, held by every write and every flush.</param>
    /// <param name="flushOnSenderThread">Whether a flush is queued on the sender's thread (a stream of an HTTP/2 connection) or behind the pool's queued work (a response with a connection of its own).</param>
    public ResponseFlusher(PipeWriter writer, AsyncGate gate, bool flushOnSenderThread)
    {
        _writer = writer;
        _gate = gate;
        _preferLocal = flushOnSenderThread;
        _counts = writer.CanGetUnflushedBytes;
    }

    /// <summary>Under the gate, before a write: waits for a flush that HTTP/2 flow control holds back.</summary>
    public ValueTask BeforeWriteAsync(CancellationToken cancellationToken)
    {
        if (_pending is not { } pending)
        {
            return default;
        }

        if (pending.IsCompletedSuccessfully)
        {
            _pending = null;
            return default;
        }

        return WaitPendingAsync(pending, cancellationToken);
    }

    /// <summary>Under the gate, after a buffered write: flushes inline past the limit, otherwise queues a flush.</summary>
    public ValueTask AfterWriteAsync(CancellationToken cancellationToken)
    {
        _unflushed = _counts ? _writer.UnflushedBytes : _unflushed + AssumedMessageSize;

        // The first send after a received message is a reply the client may be waiting for: it leaves at once, as
        // without buffering, instead of through a queued flush (ping-pong pays no thread-pool work item per reply).
        if (_unflushed >= Limit || (Volatile.Read(ref _replying) != 0 && Interlocked.Exchange(ref _replying, 0) != 0))
        {
            StartFlush();
            return BeforeWriteAsync(cancellationToken);
        }

        Schedule();
        return default;
    }

    /// <summary>After a message was received: the next send is a reply and flushes at once.</summary>
    public void Received() => Volatile.Write(ref _replying, 1);

    /// <summary>After the gate was released: queues the flush a work item could not run because the gate was held.</summary>
    public void AfterRelease()
    {
        if (Volatile.Read(ref _owed) != 0 && Interlocked.Exchange(ref _owed, 0) != 0)
        {
            Schedule();
        }
    }

    /// <summary>Under the gate, when the method has returned: no flush runs any more (grpc-dotnet flushes with the status).</summary>
    /// <returns>The pending flush, to wait for before the call ends; null when none.</returns>
    public Task? Finish()
    {
        _finished = true;
        var pending = _pending;
        _pending = null;
        return pending is { IsCompleted: false } ? pending : null;
    }

    /// <summary>Under the gate, at the end of the response: flushes what is buffered, and no queued flush runs any more.</summary>
    /// <returns>The flush, to wait for before the response ends; null when it completed.</returns>
    public Task? FlushAndFinish()
    {
        if (_pending is { IsCompleted: false } pending)
        {
            // The pipe allows one flush at a time: the buffered bytes follow once it is done.
            _finished = true;
            _pending = null;
            return FlushAfterAsync(pending);
        }

        StartFlush();
        return Finish();
    }

    /// <summary>Marks the flusher finished without the gate (the method failed); a queued flush then does nothing.</summary>
    public void Abandon() => Volatile.Write(ref _finished, true);

    /// <summary>
    /// Before the method waits for the client's next message: flushes a queued flush at once, so a reply goes out
    /// before the wait without a thread-pool hop (ping-pong). Does nothing when a send holds the gate (it flushes).
    /// </summary>
    public void FlushBeforeReceive()
    {
        if (Volatile.Read(ref _queued) == 0 || !_gate.TryEnter())
        {
            return;
        }

        FlushUnderGate();
    }

    void IThreadPoolWorkItem.Execute()
    {
        Volatile.Write(ref _queued, 0);
        if (!_gate.TryEnter())
        {
            // The holder flushes what it wrote through AfterRelease; if it released meanwhile, take the gate now.
            Volatile.Write(ref _owed, 1);
            if (!_gate.TryEnter())
            {
                return;
            }

            Volatile.Write(ref _owed, 0);
        }

        FlushUnderGate();
    }

    private void FlushUnderGate()
    {
        try
        {
            if (!Volatile.Read(ref _finished) && _pending is null or { IsCompleted: true })
            {
                StartFlush();
            }
        }
        catch (Exception)
        {
            // The response ended under us (the call was aborted or completed); the sends report it.
        }
        finally
        {
            _gate.Release();
        }

        AfterRelease();
    }

    private void Schedule()
    {
        if (Volatile.Read(ref _queued) == 0 && Interlocked.Exchange(ref _queued, 1) == 0)
        {
            ThreadPool.UnsafeQueueUserWorkItem(this, _preferLocal);
        }
    }

    // Under the gate.
    private void StartFlush()
    {
        if (_unflushed == 0 && (!_counts || _writer.UnflushedBytes == 0))
        {
            return;
        }

        _unflushed = 0;
        var flush = _writer.FlushAsync();
        if (flush.IsCompletedSuccessfully)
        {
            _ = flush.Result;
            _pending = null;
        }
        else
        {
            _pending = flush.AsTask();
        }
    }

    private async Task FlushAfterAsync(Task pending)
    {
        await pending.ConfigureAwait(false);
        await _writer.FlushAsync().ConfigureAwait(false);
    }

    private async ValueTask WaitPendingAsync(Task pending, CancellationToken cancellationToken)
    {
        await pending.WaitAsync(cancellationToken).ConfigureAwait(false);
        _pending = null;
    }
}
