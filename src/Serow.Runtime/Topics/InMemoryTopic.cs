// Licensed under the MIT license. See LICENSE in the project root.

using System.Globalization;
using System.Runtime.CompilerServices;

namespace Serow.Topics;

/// <summary>
/// A topic kept in this process: positions are sequence numbers (<c>1</c>, <c>2</c>, …), the last
/// <see cref="Retention"/> messages are kept for resuming subscribers, and publishing never waits for subscribers
/// (a slow one reads from the retained messages, and past retention its next read fails with
/// <see cref="ResumeExpiredError"/> rather than skipping).
/// </summary>
/// <typeparam name="T">The message type.</typeparam>
public sealed class InMemoryTopic<T> : ITopic<T>
{
    private readonly object _gate = new();
    private readonly (long Sequence, T Message)[] _ring;
    private long _last;
    private TaskCompletionSource _published = NewSignal();

    /// <summary>Creates a topic.</summary>
    /// <param name="name">The topic's name.</param>
    /// <param name="retention">How many of the latest messages are kept for resuming (at least 1).</param>
    public InMemoryTopic(string name, int retention = 10_000)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentOutOfRangeException.ThrowIfLessThan(retention, 1);
        Name = name;
        _ring = new (long, T)[retention];
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <summary>How many of the latest messages are kept.</summary>
    public int Retention => _ring.Length;

    /// <inheritdoc/>
    public ValueTask<TopicPosition> PublishAsync(T message, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        TaskCompletionSource published;
        long sequence;
        lock (_gate)
        {
            sequence = ++_last;
            _ring[(int)(sequence % _ring.Length)] = (sequence, message);
            published = _published;
            _published = NewSignal();
        }

        // Wakes every waiting subscriber once; they read what is new under the lock.
        published.TrySetResult();
        return new ValueTask<TopicPosition>(Position(sequence));
    }

    /// <inheritdoc/>
    public ValueTask<TopicPosition> LatestAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return new ValueTask<TopicPosition>(Position(_last));
        }
    }

    /// <inheritdoc/>
    public IAsyncEnumerable<TopicMessage<T>> SubscribeAsync(TopicPosition? after, CancellationToken cancellationToken = default)
    {
        long cursor;
        lock (_gate)
        {
            cursor = after is { } position ? Check(position) : _last;
        }

        // Checked here, not at the first MoveNext: a bad position fails the subscribe call itself.
        return ReadAsync(cursor, cancellationToken);
    }

    private async IAsyncEnumerable<TopicMessage<T>> ReadAsync(long cursor, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var batch = new List<TopicMessage<T>>();
        while (true)
        {
            Task wait;
            lock (_gate)
            {
                if (_last - cursor > _ring.Length)
                {
                    // The subscriber fell behind by more than the retention: its next messages are gone.
                    throw new ResumeExpiredError(Name, Position(cursor), Oldest());
                }

                for (var sequence = cursor + 1; sequence <= _last; sequence++)
                {
                    batch.Add(new TopicMessage<T>(Position(sequence), _ring[(int)(sequence % _ring.Length)].Message));
                }

                wait = _published.Task;
            }

            if (batch.Count == 0)
            {
                await wait.WaitAsync(cancellationToken).ConfigureAwait(false);
                continue;
            }

            foreach (var message in batch)
            {
                cancellationToken.ThrowIfCancellationRequested();
                yield return message;
            }

            cursor += batch.Count;
            batch.Clear();
        }
    }

    // A position this topic gave and still retains the messages after; anything else is refused.
    private long Check(TopicPosition position)
    {
        if (!long.TryParse(position.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var sequence) || sequence > _last || _last - sequence > _ring.Length)
        {
            throw new ResumeExpiredError(Name, position, Oldest());
        }

        return sequence;
    }

    private TopicPosition? Oldest() => _last == 0 ? null : Position(Math.Max(1, _last - _ring.Length + 1));

    private static TopicPosition Position(long sequence) => new(sequence.ToString(CultureInfo.InvariantCulture));

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
