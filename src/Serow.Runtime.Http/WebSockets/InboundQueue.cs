// Licensed under the MIT license. See LICENSE in the project root.

using System.Threading.Tasks.Sources;

namespace Serow.Http.WebSockets;

/// <summary>
/// The bounded queue between a WebSocket stream's receive loop (the single producer) and the code that receives its
/// messages (the single consumer). The producer adds every message of a frame and then wakes the consumer once; the
/// consumer's continuation runs on the producer's thread and drains what is queued before it waits again. Compared with
/// a channel that wakes its reader through the thread pool, a request/reply exchange costs no thread switch and a batch
/// frame costs one wake-up instead of one per message.
/// </summary>
/// <remarks>
/// Because the consumer runs on the receive loop's thread, it must not block that thread waiting for the next message
/// (for example <c>RecvAsync(...).AsTask().Wait()</c>): awaiting is required, as for any <see cref="ValueTask"/>.
/// </remarks>
/// <typeparam name="T">The type of the messages.</typeparam>
internal sealed class InboundQueue<T>
{
    private readonly Lock _lock = new();
    private readonly Queue<T> _items = new();
    private readonly int _capacity;
    private readonly ReadWaiter _reader = new();
    private bool _readerWaiting;
    private TaskCompletionSource? _writable;
    private bool _completed;

    /// <summary>Creates a queue that holds at most <paramref name="capacity"/> messages (at least one).</summary>
    public InboundQueue(int capacity) => _capacity = Math.Max(1, capacity);

    /// <summary>How many messages are queued.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _items.Count;
            }
        }
    }

    // ---- consumer ----

    /// <summary>Takes the next message, if one is queued.</summary>
    public bool TryRead(out T item)
    {
        TaskCompletionSource? writable = null;
        lock (_lock)
        {
            if (!_items.TryDequeue(out item!))
            {
                return false;
            }

            if (_writable is not null)
            {
                (writable, _writable) = (_writable, null);
            }
        }

        writable?.TrySetResult();
        return true;
    }

    /// <summary>
    /// Waits until a message is queued (true) or the producer has completed the queue and it is empty (false).
    /// </summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled first.</exception>
    public ValueTask<bool> WaitToReadAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_items.Count > 0)
            {
                return ValueTask.FromResult(true);
            }

            if (_completed)
            {
                return ValueTask.FromResult(false);
            }

            _reader.Arm();
            _readerWaiting = true;
        }

        return _reader.WaitAsync(this, cancellationToken);
    }

    // ---- producer ----

    /// <summary>
    /// Adds a message without waking the consumer (<see cref="Publish"/> does). Call <see cref="WaitForRoomAsync"/>
    /// first when the queue is full: the capacity is what the producer respects, not what the queue enforces.
    /// </summary>
    public void Add(T item)
    {
        lock (_lock)
        {
            _items.Enqueue(item);
        }
    }

    /// <summary>Adds a message without waking the consumer, unless the queue is full (then the caller waits for room).</summary>
    public bool TryAdd(T item)
    {
        lock (_lock)
        {
            if (_items.Count >= _capacity)
            {
                return false;
            }

            _items.Enqueue(item);
            return true;
        }
    }

    /// <summary>
    /// Adds a message without waking the consumer; while the queue is full, publishes what is queued and waits for room
    /// first (so the producer reads no further: the backpressure).
    /// </summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled first.</exception>
    public ValueTask AddAsync(T item, CancellationToken cancellationToken)
    {
        return TryAdd(item) ? ValueTask.CompletedTask : WaitThenAddAsync(item, cancellationToken);

        async ValueTask WaitThenAddAsync(T item, CancellationToken cancellationToken)
        {
            await WaitForRoomAsync(cancellationToken).ConfigureAwait(false);
            Add(item);
        }
    }

    /// <summary>Whether the queue holds its capacity or more.</summary>
    public bool IsFull
    {
        get
        {
            lock (_lock)
            {
                return _items.Count >= _capacity;
            }
        }
    }

    /// <summary>Wakes the consumer if it waits and something is queued.</summary>
    public void Publish()
    {
        lock (_lock)
        {
            if (_items.Count == 0 || !_readerWaiting)
            {
                return;
            }

            _readerWaiting = false;
        }

        _reader.TryComplete(true);
    }

    /// <summary>Publishes what is queued, then waits until the consumer has taken a message from a full queue.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled first.</exception>
    public async ValueTask WaitForRoomAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            TaskCompletionSource writable;
            lock (_lock)
            {
                if (_items.Count < _capacity)
                {
                    return;
                }

                // The producer resumes on the thread pool: it must not take over the consumer's thread mid-read.
                writable = _writable is { Task.IsCompleted: false } waiting
                    ? waiting
                    : _writable = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            Publish();
            await WaitAsync(writable, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Marks the end of the messages: the consumer drains what is queued, then its wait returns false. Idempotent.</summary>
    public void Complete()
    {
        bool wake;
        bool any;
        lock (_lock)
        {
            _completed = true;
            any = _items.Count > 0;
            wake = _readerWaiting;
            _readerWaiting = false;
        }

        if (wake)
        {
            _reader.TryComplete(any);
        }
    }

    private static async Task WaitAsync(TaskCompletionSource source, CancellationToken cancellationToken)
    {
        using (cancellationToken.UnsafeRegister(static (state, token) => ((TaskCompletionSource)state!).TrySetCanceled(token), source))
        {
            await source.Task.ConfigureAwait(false);
        }
    }

    /// <summary>The consumer's reusable wait: completed by the producer or by the consumer's token, whichever comes first.</summary>
    private sealed class ReadWaiter : IValueTaskSource<bool>
    {
        // No RunContinuationsAsynchronously: the consumer resumes on the thread that completes the wait.
        private ManualResetValueTaskSourceCore<bool> _core;
        private CancellationTokenRegistration _registration;
        private int _completed;

        /// <summary>Prepares the next wait (the previous one has been consumed; the caller holds the queue's lock).</summary>
        public void Arm()
        {
            _core.Reset();
            _completed = 0;
        }

        public ValueTask<bool> WaitAsync(InboundQueue<T> queue, CancellationToken cancellationToken)
        {
            if (cancellationToken.CanBeCanceled)
            {
                _registration = cancellationToken.UnsafeRegister(static (state, token) =>
                {
                    var queue = (InboundQueue<T>)state!;
                    lock (queue._lock)
                    {
                        queue._readerWaiting = false;
                    }

                    queue._reader.TryFail(new OperationCanceledException(token));
                }, queue);
            }

            return new ValueTask<bool>(this, _core.Version);
        }

        public void TryComplete(bool result)
        {
            if (Interlocked.Exchange(ref _completed, 1) == 0)
            {
                _core.SetResult(result);
            }
        }

        public void TryFail(Exception error)
        {
            if (Interlocked.Exchange(ref _completed, 1) == 0)
            {
                _core.SetException(error);
            }
        }

        public bool GetResult(short token)
        {
            _registration.Dispose();
            _registration = default;
            return _core.GetResult(token);
        }

        public ValueTaskSourceStatus GetStatus(short token) => _core.GetStatus(token);

        public void OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
            _core.OnCompleted(continuation, state, token, flags);
    }
}
