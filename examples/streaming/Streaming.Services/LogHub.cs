// Licensed under the MIT license. See LICENSE in the project root.

using System.Collections.Concurrent;
using System.Globalization;
using System.Threading.Channels;

namespace Streaming.Services;

/// <summary>One log entry: a sequence number (the SSE event id), when, which topic, what.</summary>
public readonly record struct LogEntry(long Id, string Timestamp, string Topic, string Message);

/// <summary>
/// Live log entries by topic: the services publish what they do, subscribers receive entries of their topics as they
/// happen. The last entries are kept so a subscriber can resume after the entry it saw last.
/// </summary>
public sealed class LogHub(TimeProvider? time = null)
{
    /// <summary>How many recent entries are kept for resuming subscribers.</summary>
    public const int HistorySize = 1024;

    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly ConcurrentDictionary<Guid, Subscription> _subscriptions = new();
    private readonly Queue<LogEntry> _history = new();
    private readonly Lock _gate = new();
    private long _lastId;

    /// <summary>One subscriber: its topics can change while it stays connected.</summary>
    public sealed class Subscription(LogHub hub, Guid id, Channel<LogEntry> channel) : IDisposable
    {
        private readonly ConcurrentDictionary<string, bool> _topics = new(StringComparer.Ordinal);

        public ChannelReader<LogEntry> Entries => channel.Reader;

        public IReadOnlyCollection<string> Topics => _topics.Keys.Order(StringComparer.Ordinal).ToArray();

        public void Add(string topic) => _topics[topic] = true;

        public void Remove(string topic) => _topics.TryRemove(topic, out _);

        internal bool Wants(string topic) => _topics.ContainsKey(topic);

        internal void Offer(LogEntry entry) => channel.Writer.TryWrite(entry);

        public void Dispose()
        {
            hub._subscriptions.TryRemove(id, out _);
            channel.Writer.TryComplete();
        }
    }

    /// <summary>How many subscriptions are open (read by tests to see that a disconnect ended one).</summary>
    public int SubscriptionCount => _subscriptions.Count;

    /// <summary>Subscribes to topics; with <paramref name="after"/>, first replays the kept entries of those topics that came after it.</summary>
    public Subscription Subscribe(IEnumerable<string> topics, long? after = null)
    {
        var id = Guid.NewGuid();
        var channel = Channel.CreateBounded<LogEntry>(new BoundedChannelOptions(HistorySize) { FullMode = BoundedChannelFullMode.DropOldest });
        var subscription = new Subscription(this, id, channel);
        foreach (var topic in topics)
        {
            subscription.Add(topic);
        }

        // Replay and registration happen under the publish lock, so no entry is missed or seen twice.
        lock (_gate)
        {
            if (after is { } last)
            {
                foreach (var entry in _history.Where(e => e.Id > last && subscription.Wants(e.Topic)))
                {
                    subscription.Offer(entry);
                }
            }

            _subscriptions[id] = subscription;
        }

        return subscription;
    }

    /// <summary>Subscribes to the given topics.</summary>
    public Subscription Subscribe(params string[] topics) => Subscribe((IEnumerable<string>)topics);

    public void Publish(string topic, string message)
    {
        var timestamp = _time.GetUtcNow().ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
        lock (_gate)
        {
            var entry = new LogEntry(++_lastId, timestamp, topic, message);
            _history.Enqueue(entry);
            if (_history.Count > HistorySize)
            {
                _history.Dequeue();
            }

            foreach (var subscription in _subscriptions.Values)
            {
                if (subscription.Wants(topic))
                {
                    subscription.Offer(entry);
                }
            }
        }
    }
}
