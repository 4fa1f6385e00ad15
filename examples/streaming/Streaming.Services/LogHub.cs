// Licensed under the MIT license. See LICENSE in the project root.

using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Serow.Topics;

namespace Streaming.Services;

/// <summary>What the log topic stores: when, which log topic, what.</summary>
public sealed record LogRecord(string Timestamp, string Topic, string Message);

/// <summary>One log entry as subscribers see it: its position in the log topic (the SSE event id), when, which topic, what.</summary>
public readonly record struct LogEntry(string Id, string Timestamp, string Topic, string Message);

/// <summary>
/// Log entries by topic, on one <see cref="ITopic{T}"/> that every host of the example shares (in this process, or on
/// Redis with <c>--Redis host:port</c>): the services publish what they do; live subscribers (logger.subscribe,
/// logger.manage) receive the entries of their topics through one pump per host; followers (logger.follow) read the
/// topic itself from a position, so they resume after the entry they saw last, on any host.
/// </summary>
public sealed class LogHub : IAsyncDisposable
{
    /// <summary>How many recent entries the in-memory topic keeps for resuming followers.</summary>
    public const int HistorySize = 1024;

    private readonly ITopic<LogRecord> _topic;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<Guid, Subscription> _subscriptions = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task<TopicPosition> _start;
    private readonly Task _pump;

    /// <summary>A hub on a topic of this process.</summary>
    public LogHub(TimeProvider? time = null)
        : this(new InMemoryTopic<LogRecord>("logs", HistorySize), time)
    {
    }

    /// <summary>A hub on <paramref name="topic"/>, shared with the other hosts that use it.</summary>
    public LogHub(ITopic<LogRecord> topic, TimeProvider? time = null)
    {
        _topic = topic;
        _time = time ?? TimeProvider.System;

        // Live subscribers see what is published from now on: the pump starts after the topic's newest entry.
        _start = topic.LatestAsync(_stop.Token).AsTask();
        _pump = Task.Run(PumpAsync);
    }

    /// <summary>One live subscriber: its topics can change while it stays connected.</summary>
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

    /// <summary>How many live subscriptions are open (read by tests to see that a disconnect ended one).</summary>
    public int SubscriptionCount => _subscriptions.Count;

    /// <summary>Subscribes to the entries of <paramref name="topics"/> published from now on.</summary>
    public Subscription Subscribe(IEnumerable<string> topics)
    {
        var id = Guid.NewGuid();
        var channel = Channel.CreateBounded<LogEntry>(new BoundedChannelOptions(HistorySize) { FullMode = BoundedChannelFullMode.DropOldest });
        var subscription = new Subscription(this, id, channel);
        foreach (var topic in topics)
        {
            subscription.Add(topic);
        }

        _subscriptions[id] = subscription;
        return subscription;
    }

    /// <summary>Subscribes to the given topics.</summary>
    public Subscription Subscribe(params string[] topics) => Subscribe((IEnumerable<string>)topics);

    /// <summary>
    /// The entries of <paramref name="topic"/> after the entry <paramref name="after"/> (its id), or from now on without
    /// one; a position the topic no longer keeps throws <see cref="ResumeExpiredError"/> rather than skip entries.
    /// </summary>
    public async IAsyncEnumerable<LogEntry> FollowAsync(string topic, string? after, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        TopicPosition? from = string.IsNullOrEmpty(after) ? null : new TopicPosition(after);
        await foreach (var message in _topic.SubscribeAsync(from, cancellationToken).ConfigureAwait(false))
        {
            if (message.Message.Topic == topic)
            {
                yield return new LogEntry(message.Position.Value, message.Message.Timestamp, message.Message.Topic, message.Message.Message);
            }
        }
    }

    /// <summary>The id of the newest entry of every log topic (or of the start): following after it gets the entries from now on.</summary>
    public async ValueTask<string> LatestAsync(CancellationToken cancellationToken) =>
        (await _topic.LatestAsync(cancellationToken).ConfigureAwait(false)).Value;

    /// <summary>Publishes an entry; it is stored once the task completes.</summary>
    public async ValueTask PublishAsync(string topic, string message, CancellationToken cancellationToken = default)
    {
        var timestamp = _time.GetUtcNow().ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
        await _topic.PublishAsync(new LogRecord(timestamp, topic, message), cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _pump.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }

        _stop.Dispose();
    }

    // Hands each entry of the topic to the live subscribers of its log topic. A topic failure (Redis unavailable) is
    // retried after a pause from the last entry handed on, so live subscribers miss nothing the topic stored; a pump
    // so far behind that the topic dropped its position starts again from the newest entry.
    private async Task PumpAsync()
    {
        TopicPosition? last = null;
        var first = true;
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                last ??= first ? await _start.ConfigureAwait(false) : await _topic.LatestAsync(_stop.Token).ConfigureAwait(false);
                first = false;
                await foreach (var message in _topic.SubscribeAsync(last, _stop.Token).ConfigureAwait(false))
                {
                    last = message.Position;
                    var entry = new LogEntry(message.Position.Value, message.Message.Timestamp, message.Message.Topic, message.Message.Message);
                    foreach (var subscription in _subscriptions.Values)
                    {
                        if (subscription.Wants(entry.Topic))
                        {
                            subscription.Offer(entry);
                        }
                    }
                }
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (!_stop.IsCancellationRequested)
            {
                first = false;
                if (e is ResumeExpiredError)
                {
                    last = null;
                }

                await Task.Delay(TimeSpan.FromSeconds(1), _stop.Token).ConfigureAwait(false);
            }
        }
    }
}
