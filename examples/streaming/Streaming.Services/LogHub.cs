// Licensed under the MIT license. See LICENSE in the project root.

using System.Collections.Concurrent;
using System.Globalization;
using System.Threading.Channels;

namespace Streaming.Services;

/// <summary>Live log entries by topic: the services publish what they do, subscribers receive entries of their topics as they happen.</summary>
public sealed class LogHub(TimeProvider? time = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly ConcurrentDictionary<Guid, Subscription> _subscriptions = new();

    /// <summary>One subscriber: its topics can change while it stays connected.</summary>
    public sealed class Subscription(LogHub hub, Guid id, Channel<(string Timestamp, string Topic, string Message)> channel) : IDisposable
    {
        private readonly ConcurrentDictionary<string, bool> _topics = new(StringComparer.Ordinal);

        public ChannelReader<(string Timestamp, string Topic, string Message)> Entries => channel.Reader;

        public IReadOnlyCollection<string> Topics => _topics.Keys.Order(StringComparer.Ordinal).ToArray();

        public void Add(string topic) => _topics[topic] = true;

        public void Remove(string topic) => _topics.TryRemove(topic, out _);

        internal bool Wants(string topic) => _topics.ContainsKey(topic);

        internal void Offer((string, string, string) entry) => channel.Writer.TryWrite(entry);

        public void Dispose()
        {
            hub._subscriptions.TryRemove(id, out _);
            channel.Writer.TryComplete();
        }
    }

    /// <summary>How many subscriptions are open: one per connected subscriber, gone when its stream ends.</summary>
    public int SubscriptionCount => _subscriptions.Count;

    public Subscription Subscribe(params string[] topics)
    {
        var id = Guid.NewGuid();
        var channel = Channel.CreateBounded<(string, string, string)>(new BoundedChannelOptions(1024) { FullMode = BoundedChannelFullMode.DropOldest });
        var subscription = new Subscription(this, id, channel);
        foreach (var topic in topics)
        {
            subscription.Add(topic);
        }

        _subscriptions[id] = subscription;
        return subscription;
    }

    public void Publish(string topic, string message)
    {
        var timestamp = _time.GetUtcNow().ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
        foreach (var subscription in _subscriptions.Values)
        {
            if (subscription.Wants(topic))
            {
                subscription.Offer((timestamp, topic, message));
            }
        }
    }
}
