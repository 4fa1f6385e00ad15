// Licensed under the MIT license. See LICENSE in the project root.

namespace Serow.Streaming.Internal;

/// <summary>
/// An asynchronous mutual exclusion for the sends of one stream. Entering a free gate and leaving it with nobody
/// waiting is one interlocked operation each (no lock, no allocation); waiters queue in order and are handed the gate
/// when it is released. A waiter whose token fires leaves the queue.
/// </summary>
/// <remarks>
/// An object that serializes its own work (a call's sends, a WebSocket's frame writes) derives from the gate rather
/// than holding one: an open stream holds one object fewer each. The gate locks itself only to queue waiters.
/// </remarks>
internal class AsyncGate
{
    private const int Free = 0;
    private const int Held = 1;
    private const int HeldWithWaiters = 2;

    // Made on first contention: an idle stream's gate holds no queue.
    private Queue<Waiter>? _waiters;
    private int _state;

    /// <summary>Takes the gate if it is free.</summary>
    /// <returns>Whether the caller now holds the gate.</returns>
    public bool TryEnter() => Interlocked.CompareExchange(ref _state, Held, Free) == Free;

    /// <summary>Takes the gate, waiting for the holder and the waiters queued before.</summary>
    /// <param name="cancellationToken">Cancels the wait; the gate is then not held.</param>
    public ValueTask EnterAsync(CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled(cancellationToken);
        }

        return TryEnter() ? default : new ValueTask(EnterSlowAsync(cancellationToken));
    }

    /// <summary>Leaves the gate: hands it to the first waiter, or frees it.</summary>
    public void Release()
    {
        if (Interlocked.CompareExchange(ref _state, Free, Held) == Held)
        {
            return;
        }

        while (true)
        {
            Waiter? next = null;
            lock (this)
            {
                if (_waiters is not { Count: > 0 } waiters)
                {
                    _state = Free;
                    return;
                }

                next = waiters.Dequeue();
                if (waiters.Count == 0)
                {
                    _state = Held;
                }
            }

            // A waiter cancelled meanwhile refuses the hand-over; the next one gets it.
            if (next.TrySetResult())
            {
                next.Registration.Dispose();
                return;
            }
        }
    }

    private Task EnterSlowAsync(CancellationToken cancellationToken)
    {
        Waiter waiter;
        lock (this)
        {
            while (true)
            {
                var state = Volatile.Read(ref _state);
                if (state == Free)
                {
                    if (Interlocked.CompareExchange(ref _state, Held, Free) == Free)
                    {
                        return Task.CompletedTask;
                    }
                }
                else if (state == HeldWithWaiters || Interlocked.CompareExchange(ref _state, HeldWithWaiters, Held) == Held)
                {
                    break;
                }
            }

            waiter = new Waiter();
            (_waiters ??= new Queue<Waiter>()).Enqueue(waiter);
        }

        if (cancellationToken.CanBeCanceled)
        {
            waiter.Registration = cancellationToken.UnsafeRegister(static (state, token) =>
            {
                var (gate, waiter) = ((AsyncGate, Waiter))state!;
                gate.Cancel(waiter, token);
            }, (this, waiter));
        }

        return waiter.Task;
    }

    private void Cancel(Waiter waiter, CancellationToken cancellationToken)
    {
        // Only a waiter still queued is cancelled; one already handed the gate keeps it.
        if (waiter.TrySetCanceled(cancellationToken))
        {
            lock (this)
            {
                // Removing from the middle of the queue is rare (a cancelled send); rebuild without it.
                var waiters = _waiters!;
                var count = waiters.Count;
                for (var i = 0; i < count; i++)
                {
                    var queued = waiters.Dequeue();
                    if (!ReferenceEquals(queued, waiter))
                    {
                        waiters.Enqueue(queued);
                    }
                }
            }
        }
    }

    private sealed class Waiter() : TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)
    {
        public CancellationTokenRegistration Registration { get; set; }
    }
}
