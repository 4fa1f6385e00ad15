// Licensed under the MIT license. See LICENSE in the project root.

using System.Threading.Tasks.Sources;
using StackExchange.Redis;

namespace Serow.Redis;

/// <summary>
/// The live end of one Redis topic on one host, read once for every subscriber of the host that has caught up: each
/// publish's notification carries the new entry, its id and the id before it, so while the notifications follow each
/// other the tail appends entries without asking Redis, and when one was missed (or the poll finds the tail behind) it
/// reads the stream from its last id. Subscribers take the entries from a bounded in-memory window; one that falls out
/// of the window goes back to reading the stream itself.
/// </summary>
internal sealed class RedisTopicTail<T>
{
    private readonly Func<StreamId, CancellationToken, Task<StreamEntry[]>> _readAfter;
    private readonly Func<byte[], T> _decode;
    private readonly int _capacity;
    private readonly Lock _gate = new();
    private readonly (StreamId Id, string Text, T Message)[] _window;
    private long _count;
    private readonly StreamId _start;
    private StreamId _last;
    private readonly List<Waiter> _waiters = [];
    private Exception? _failure;

    public RedisTopicTail(StreamId start, int capacity, Func<StreamId, CancellationToken, Task<StreamEntry[]>> readAfter, Func<byte[], T> decode)
    {
        _last = _start = start;
        _capacity = capacity;
        _window = new (StreamId, string, T)[capacity];
        _readAfter = readAfter;
        _decode = decode;
    }

    /// <summary>How many subscribers read from the tail; the owner stops it when none do.</summary>
    public int Readers { get; set; }

    /// <summary>The id of the newest entry the tail holds (or started after).</summary>
    public StreamId Last
    {
        get
        {
            lock (_gate)
            {
                return _last;
            }
        }
    }

    /// <summary>
    /// Handles publish notifications (<c>previous-id SP id SP payload</c>; anything else only means "read") that arrived
    /// together: appends those that follow the tail, wakes the readers once, and reads the stream after a gap.
    /// </summary>
    public async Task NotifiedAsync(IReadOnlyList<byte[]> notifications, CancellationToken cancellationToken)
    {
        var gap = false;
        lock (_gate)
        {
            var appended = false;
            foreach (var notification in notifications)
            {
                if (!TryParse(notification, out var previous, out var id, out var text, out var payload))
                {
                    gap = true;
                    break;
                }

                if (previous == _last)
                {
                    AppendLocked(id, text, _decode(notification.AsSpan(payload).ToArray()));
                    appended = true;
                }
                else if (id.CompareTo(_last) > 0)
                {
                    // A notification was missed: the stream has what the tail lacks.
                    gap = true;
                    break;
                }
            }

            if (appended)
            {
                SignalLocked();
            }
        }

        if (gap)
        {
            await CatchUpAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static bool TryParse(byte[] notification, out StreamId previous, out StreamId id, out string text, out int payload)
    {
        var first = Array.IndexOf(notification, (byte)' ');
        var second = first < 0 ? -1 : Array.IndexOf(notification, (byte)' ', first + 1);
        (id, text, payload) = (default, string.Empty, second + 1);
        if (second <= 0 || !StreamId.TryParse(System.Text.Encoding.ASCII.GetString(notification, 0, first), out previous))
        {
            previous = default;
            return false;
        }

        text = System.Text.Encoding.ASCII.GetString(notification, first + 1, second - first - 1);
        return StreamId.TryParse(text, out id);
    }

    /// <summary>Reads the stream after the tail's last id until it has everything (a missed notification, a poll).</summary>
    public async Task CatchUpAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var after = Last;
            var entries = await _readAfter(after, cancellationToken).ConfigureAwait(false);
            lock (_gate)
            {
                foreach (var entry in entries)
                {
                    if (StreamId.TryParse(entry.Id, out var id) && id.CompareTo(_last) > 0)
                    {
                        AppendLocked(id, entry.Id!, _decode((byte[])entry["m"]!));
                    }
                }

                SignalLocked();
            }

            if (entries.Length == 0)
            {
                return;
            }
        }
    }

    /// <summary>Ends every reader with <paramref name="failure"/> (Redis became unavailable).</summary>
    public void Fail(Exception failure)
    {
        lock (_gate)
        {
            _failure = failure;
            SignalLocked();
        }
    }

    /// <summary>
    /// The index in the window of the first entry after <paramref name="cursor"/>, or -1 when the window no longer
    /// holds what follows it (the reader reads the stream itself). Waits on <paramref name="waiter"/> while the tail is
    /// behind the cursor.
    /// </summary>
    public async Task<long> FindAfterAsync(StreamId cursor, Waiter waiter, CancellationToken cancellationToken)
    {
        while (true)
        {
            ValueTask changed;
            lock (_gate)
            {
                ThrowIfFailedLocked();
                if (cursor == _last)
                {
                    return _count;
                }

                if (cursor.CompareTo(_last) < 0)
                {
                    // Only an entry the window holds says exactly where to continue: an id between entries, or older
                    // than the window, is read from the stream instead.
                    var oldest = Math.Max(0, _count - _capacity);
                    for (var i = _count - 1; i >= oldest; i--)
                    {
                        var id = _window[i % _capacity].Id;
                        if (id == cursor)
                        {
                            return i + 1;
                        }

                        if (id.CompareTo(cursor) < 0)
                        {
                            return -1;
                        }
                    }

                    return cursor == _start && oldest == 0 ? 0 : -1;
                }

                changed = ArmLocked(waiter, cancellationToken);
            }

            await changed.ConfigureAwait(false);
        }
    }

    /// <summary>Copies the entries from <paramref name="index"/> on into <paramref name="into"/>; false when the window moved past it.</summary>
    public bool TryTake(long index, List<(string Id, T Message)> into)
    {
        lock (_gate)
        {
            ThrowIfFailedLocked();
            if (index < _count - _capacity)
            {
                return false;
            }

            for (var i = index; i < _count; i++)
            {
                var (_, text, message) = _window[i % _capacity];
                into.Add((text, message));
            }

            return true;
        }
    }

    /// <summary>
    /// Waits until the window holds an entry at <paramref name="index"/> or later (or has moved past it, or the tail
    /// failed): the subscriber's own reusable wait, woken with the others when entries arrive, so a wait allocates
    /// nothing and registers nothing on the subscriber's token (<see cref="Cancel"/> ends it).
    /// </summary>
    public ValueTask WaitForAsync(Waiter waiter, long index, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return _failure is not null || index < _count ? default : ArmLocked(waiter, cancellationToken);
        }
    }

    /// <summary>Ends <paramref name="waiter"/>'s wait with a cancellation (from the subscriber's token).</summary>
    public void Cancel(Waiter waiter, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (waiter.Waiting && _waiters.Remove(waiter))
            {
                waiter.End(new OperationCanceledException(cancellationToken));
            }
        }
    }

    // Under the lock, so that no signal falls between the reader's check and its wait.
    private ValueTask ArmLocked(Waiter waiter, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        _waiters.Add(waiter);
        return waiter.Arm();
    }

    private void AppendLocked(StreamId id, string text, T message)
    {
        _window[_count % _capacity] = (id, text, message);
        _count++;
        _last = id;
    }

    private void SignalLocked()
    {
        foreach (var waiter in _waiters)
        {
            waiter.End(null);
        }

        _waiters.Clear();
    }

    private void ThrowIfFailedLocked()
    {
        if (_failure is { } failure)
        {
            throw failure;
        }
    }

    /// <summary>One subscriber's wait for the tail, reused from one wait to the next; its continuation runs on the thread pool.</summary>
    public sealed class Waiter : IValueTaskSource
    {
        private ManualResetValueTaskSourceCore<bool> _core = new() { RunContinuationsAsynchronously = true };

        /// <summary>Whether a wait is armed (under the tail's lock).</summary>
        internal bool Waiting { get; private set; }

        internal ValueTask Arm()
        {
            _core.Reset();
            Waiting = true;
            return new ValueTask(this, _core.Version);
        }

        /// <summary>Under the tail's lock: ends the armed wait, with <paramref name="failure"/> or with success.</summary>
        internal void End(Exception? failure)
        {
            Waiting = false;
            if (failure is null)
            {
                _core.SetResult(true);
            }
            else
            {
                _core.SetException(failure);
            }
        }

        void IValueTaskSource.GetResult(short token) => _core.GetResult(token);

        ValueTaskSourceStatus IValueTaskSource.GetStatus(short token) => _core.GetStatus(token);

        void IValueTaskSource.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
            _core.OnCompleted(continuation, state, token, flags);
    }
}
