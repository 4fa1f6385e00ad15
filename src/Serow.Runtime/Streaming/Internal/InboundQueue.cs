// Licensed under the MIT license. See LICENSE in the project root.

using System.Threading.Tasks.Sources;

namespace Serow.Streaming.Internal;

/// <summary>
/// The bounded queue between the producer of a stream direction (a transport's receive loop, or the sending side of an
/// in-process call) and the code that receives its messages (the single consumer). The producer adds every message of
/// a frame and then wakes the consumer once. With inline wake-ups (network transports) the consumer's continuation runs
/// on the producer's thread and drains what is queued before it waits again: compared with a channel that wakes its
/// reader through the thread pool, a request/reply exchange costs no thread switch and a batch frame costs one wake-up
/// instead of one per message. A stream's receive returns <see cref="ReadAsync"/> as it is: the wake-up resumes the
/// code that awaits it directly, with no async method in between.
/// </summary>
/// <remarks>
/// With inline wake-ups the consumer runs on the receive loop's thread, so it must not block that thread waiting for the
/// next message (for example <c>RecvAsync(...).AsTask().Wait()</c>): awaiting is required, as for any <see cref="ValueTask"/>.
/// An in-process producer is user code, so its queue wakes the consumer through the thread pool instead.
/// </remarks>
/// <typeparam name="T">The type of the messages.</typeparam>
internal sealed class InboundQueue<T>
{
    private const string ConcurrentReceive = "Another RecvAsync is already pending on this stream; receive one message at a time.";

    private readonly Queue<T> _items = new();
    private readonly int _capacity;
    private readonly IInboundConsumer<T>? _consumer;
    private readonly ReadWaiter _reader;
    private bool _reading;
    private bool _readerWaiting;
    private TaskCompletionSource? _writable;
    private bool _completed;

    /// <summary>Creates a queue that holds at most <paramref name="capacity"/> messages (at least one).</summary>
    /// <param name="capacity">How many messages the producer queues before it waits.</param>
    /// <param name="consumer">Checks each message as it is taken and reports how the stream ended; none by default.</param>
    /// <param name="wakeInline">Whether the consumer resumes on the producer's thread (a transport's receive loop) rather than the thread pool.</param>
    public InboundQueue(int capacity, IInboundConsumer<T>? consumer = null, bool wakeInline = true)
    {
        _capacity = Math.Max(1, capacity);
        _consumer = consumer;
        _reader = new ReadWaiter(this, wakeInline);
    }

    /// <summary>Whether the producer has completed the queue (no message can be added any more).</summary>
    public bool IsCompleted
    {
        get
        {
            lock (this)
            {
                return _completed;
            }
        }
    }

    // ---- consumer ----

    /// <summary>
    /// Takes the next message, waiting until one is queued; the default value once the producer has completed the queue
    /// and it is empty. One read at a time. Without a token, or with a message queued, this is the queue's own wait, with
    /// no async method around it and no registration; a read that waits under a token registers it for the wait, and
    /// its cancellation cancels the consumer, which aborts the stream and so ends the read with an
    /// <see cref="OperationCanceledException"/> for that token.
    /// </summary>
    /// <exception cref="InvalidOperationException">Another read is pending.</exception>
    public ValueTask<T?> ReadAsync(CancellationToken cancellationToken = default)
    {
        if (!cancellationToken.CanBeCanceled)
        {
            return ReadOrWaitAsync();
        }

        if (cancellationToken.IsCancellationRequested)
        {
            Cancel();
            return ValueTask.FromCanceled<T?>(cancellationToken);
        }

        // The token matters only to a read that waits: a queued message is taken without registering on it.
        var read = ReadOrWaitAsync();
        return read.IsCompleted ? read : WaitUnderTokenAsync(read, cancellationToken);
    }

    private ValueTask<T?> ReadOrWaitAsync()
    {
        T? item;
        bool took;
        TaskCompletionSource? writable;
        lock (this)
        {
            if (_reading)
            {
                return ValueTask.FromException<T?>(new InvalidOperationException(ConcurrentReceive));
            }

            took = TryDequeue(out item, out writable);
            if (!took && !_completed)
            {
                _reader.Arm();
                _reading = true;
                _readerWaiting = true;
                return new ValueTask<T?>(_reader, _reader.Version);
            }
        }

        writable?.TrySetResult();
        try
        {
            return new ValueTask<T?>(Deliver(took, item));
        }
        catch (Exception e)
        {
            return ValueTask.FromException<T?>(e);
        }
    }

    /// <summary>
    /// Waits for <paramref name="read"/> (armed already) while <paramref name="cancellationToken"/> may cancel it. A token
    /// that fires between the arming and the registration cancels at once, as the registration runs its callback.
    /// </summary>
    [System.Runtime.CompilerServices.AsyncMethodBuilder(typeof(System.Runtime.CompilerServices.PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<T?> WaitUnderTokenAsync(ValueTask<T?> read, CancellationToken cancellationToken)
    {
        using (cancellationToken.UnsafeRegister(static queue => ((InboundQueue<T>)queue!).Cancel(), this))
        {
            try
            {
                return await read.ConfigureAwait(false);
            }
            catch (OperationCanceledException e) when (cancellationToken.IsCancellationRequested)
            {
                throw new OperationCanceledException(e.Message, e, cancellationToken);
            }
        }
    }

    /// <summary>The reader's token fired: the consumer aborts the stream, and the queue ends either way.</summary>
    private void Cancel()
    {
        _consumer?.Cancel();
        Complete();
    }

    /// <summary>Takes what the producer woke the waiting read for (called once per wake-up, on the consumer's side).</summary>
    private T? TakeAfterWake()
    {
        T? item;
        bool took;
        TaskCompletionSource? writable;
        lock (this)
        {
            _reading = false;
            took = TryDequeue(out item, out writable);
        }

        writable?.TrySetResult();
        return Deliver(took, item);
    }

    /// <summary>Dequeues a message and, if the producer waits for room, hands out its wait to release (the caller holds the lock).</summary>
    private bool TryDequeue(out T? item, out TaskCompletionSource? writable)
    {
        writable = null;
        if (!_items.TryDequeue(out item))
        {
            return false;
        }

        (writable, _writable) = (_writable, null);
        return true;
    }

    private T? Deliver(bool took, T? item)
    {
        if (took)
        {
            return _consumer is null ? item : _consumer.Accept(item!);
        }

        _consumer?.End();
        return default;
    }

    // ---- producer ----

    /// <summary>
    /// Adds a message without waking the consumer (<see cref="Publish"/> does). Call <see cref="WaitForRoomAsync"/>
    /// first when the queue is full: the capacity is what the producer respects, not what the queue enforces.
    /// </summary>
    public void Add(T item)
    {
        lock (this)
        {
            _items.Enqueue(item);
        }
    }

    /// <summary>
    /// Adds a message without waking the consumer unless the queue is completed (the consumer finished: the message is
    /// not delivered). Waits for room first while the queue is full.
    /// </summary>
    /// <returns>False when the queue was completed before the message could be added.</returns>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled first.</exception>
    public async ValueTask<bool> TryAddAsync(T item, CancellationToken cancellationToken)
    {
        while (true)
        {
            lock (this)
            {
                if (_completed)
                {
                    return false;
                }

                if (_items.Count < _capacity)
                {
                    _items.Enqueue(item);
                    return true;
                }
            }

            await WaitForRoomAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Adds a message without waking the consumer, unless the queue is full (then the caller waits for room).</summary>
    public bool TryAdd(T item)
    {
        lock (this)
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
            lock (this)
            {
                return _items.Count >= _capacity;
            }
        }
    }

    /// <summary>Wakes the consumer if it waits and something is queued.</summary>
    public void Publish()
    {
        lock (this)
        {
            if (_items.Count == 0 || !_readerWaiting)
            {
                return;
            }

            _readerWaiting = false;
        }

        _reader.Wake();
    }

    /// <summary>Publishes what is queued, then waits until the consumer has taken a message from a full queue.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled first.</exception>
    public async ValueTask WaitForRoomAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            TaskCompletionSource writable;
            lock (this)
            {
                if (_items.Count < _capacity || _completed)
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

    /// <summary>Marks the end of the messages: the consumer drains what is queued, then its read ends. Idempotent.</summary>
    public void Complete()
    {
        bool wake;
        TaskCompletionSource? writable;
        lock (this)
        {
            _completed = true;
            wake = _readerWaiting;
            _readerWaiting = false;
            (writable, _writable) = (_writable, null);
        }

        // A producer waiting for room stops waiting: nothing more will be taken from a completed queue by its producer.
        writable?.TrySetResult();
        if (wake)
        {
            _reader.Wake();
        }
    }

    private static async Task WaitAsync(TaskCompletionSource source, CancellationToken cancellationToken)
    {
        using (cancellationToken.UnsafeRegister(static (state, token) => ((TaskCompletionSource)state!).TrySetCanceled(token), source))
        {
            await source.Task.ConfigureAwait(false);
        }
    }

    /// <summary>The consumer's reusable wait: woken once by the producer, then takes the message as its result.</summary>
    private sealed class ReadWaiter(InboundQueue<T> queue, bool wakeInline) : IValueTaskSource<T?>
    {
        // Inline: the consumer resumes on the thread that wakes it (no thread-pool hop per message).
        private ManualResetValueTaskSourceCore<bool> _core = new() { RunContinuationsAsynchronously = !wakeInline };

        public short Version => _core.Version;

        /// <summary>Prepares the next wait (the previous one has been consumed; the caller holds the queue's lock).</summary>
        public void Arm() => _core.Reset();

        /// <summary>Ends the wait (the caller cleared the queue's waiting flag under its lock, so this runs once per wait).</summary>
        public void Wake() => _core.SetResult(true);

        public T? GetResult(short token)
        {
            _core.GetResult(token);
            return queue.TakeAfterWake();
        }

        public ValueTaskSourceStatus GetStatus(short token) => _core.GetStatus(token);

        public void OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
            _core.OnCompleted(continuation, state, token, flags);
    }
}
