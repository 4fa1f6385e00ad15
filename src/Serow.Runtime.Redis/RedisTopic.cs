// Licensed under the MIT license. See LICENSE in the project root.

using System.Runtime.CompilerServices;
using StackExchange.Redis;
using Serow.Topics;

namespace Serow.Redis;

/// <summary>
/// A topic shared by every host connected to one Redis: each message is an entry of the Redis stream
/// <c>serow:topic:{name}</c> (<c>XADD</c> with an approximate <c>MAXLEN</c>), its position the entry's id.
/// </summary>
/// <remarks>
/// StackExchange.Redis multiplexes one connection and does not issue blocking <c>XREAD</c>, so subscribers do not
/// block in Redis. Each publish runs one script that appends the entry and publishes, on the channel
/// <c>serow:topic:{name}:new</c>, the id before it, its id and its bytes. One tail per topic and host
/// (<see cref="RedisTopicTail{T}"/>) follows the live end for every caught-up subscriber: it appends a notified entry
/// whose previous id is its own last one, and reads the stream (<c>XRANGE</c>) after a missed notification and every
/// <see cref="RedisTopicOptions.PollInterval"/>. A subscriber behind the tail's window reads the stream itself. The
/// stream is the truth, a notification only a shortcut: a lost one delays a message, never loses it.
/// </remarks>
/// <typeparam name="T">The message type.</typeparam>
public sealed class RedisTopic<T> : ITopic<T>
{
    private readonly IConnectionMultiplexer _redis;
    private readonly RedisKey _key;
    private readonly RedisChannel _channel;
    private readonly RedisTopicOptions _options;
    private readonly Func<T, byte[]> _encode;
    private readonly Func<byte[], T> _decode;
    private readonly string _channelName;
    private readonly Lock _tailGate = new();
    private TailRunner? _tail;

    // Appends the entry and publishes "previous-id SP id SP payload": a host whose tail ends at previous-id appends the
    // entry without reading the stream.
    private const string PublishScript = """
        local previous = redis.call('XREVRANGE', KEYS[1], '+', '-', 'COUNT', 1)
        local id = redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[1], '*', 'm', ARGV[2])
        local before = '0-0'
        if #previous > 0 then before = previous[1][1] end
        redis.call('PUBLISH', ARGV[3], before .. ' ' .. id .. ' ' .. ARGV[2])
        return id
        """;

    /// <summary>Creates a topic on a connection.</summary>
    /// <param name="redis">The connection, shared by every topic of the host.</param>
    /// <param name="name">The topic's name.</param>
    /// <param name="encode">Writes a message (the design's JSON or protobuf contract).</param>
    /// <param name="decode">Reads a message.</param>
    /// <param name="options">Retention and polling; the defaults when null.</param>
    public RedisTopic(IConnectionMultiplexer redis, string name, Func<T, byte[]> encode, Func<byte[], T> decode, RedisTopicOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(redis);
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(encode);
        ArgumentNullException.ThrowIfNull(decode);
        _redis = redis;
        Name = name;
        _key = "serow:topic:" + name;
        _channelName = "serow:topic:" + name + ":new";
        _channel = RedisChannel.Literal(_channelName);
        _options = options ?? new RedisTopicOptions();
        _encode = encode;
        _decode = decode;
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <inheritdoc/>
    public async ValueTask<TopicPosition> PublishAsync(T message, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            // One script, so the notification order is the stream's order whichever host publishes.
            var id = await _redis.GetDatabase().ScriptEvaluateAsync(PublishScript, [_key], [_options.Retention, _encode(message), (RedisValue)_channelName]).ConfigureAwait(false);
            return new TopicPosition((string)id!);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            throw Unavailable(e);
        }
    }

    /// <inheritdoc/>
    public async ValueTask<TopicPosition> LatestAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return new TopicPosition(await LastIdAsync().ConfigureAwait(false));
    }

    /// <inheritdoc/>
    public IAsyncEnumerable<TopicMessage<T>> SubscribeAsync(TopicPosition? after, CancellationToken cancellationToken = default) =>
        ReadAsync(after, cancellationToken);

    private async IAsyncEnumerable<TopicMessage<T>> ReadAsync(TopicPosition? after, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var cursor = after is { } position ? await CheckAsync(position).ConfigureAwait(false) : await LastIdAsync().ConfigureAwait(false);
        var tail = await AttachAsync().ConfigureAwait(false);
        var waiter = new RedisTopicTail<T>.Waiter();
        // One registration for the subscription, not one per wait.
        using var cancelWait = cancellationToken.UnsafeRegister(
            static (state, token) =>
            {
                var (owner, wait) = ((RedisTopicTail<T>, RedisTopicTail<T>.Waiter))state!;
                owner.Cancel(wait, token);
            },
            (tail.Tail, waiter));
        try
        {
            var taken = new List<(string Id, T Message)>();
            while (true)
            {
                // Live: from the host's tail, while its window holds what follows the cursor.
                StreamId.TryParse(cursor, out var cursorId);
                var index = await tail.Tail.FindAfterAsync(cursorId, waiter, cancellationToken).ConfigureAwait(false);
                while (index >= 0)
                {
                    taken.Clear();
                    if (!tail.Tail.TryTake(index, taken))
                    {
                        break;
                    }

                    if (taken.Count == 0)
                    {
                        await tail.Tail.WaitForAsync(waiter, index, cancellationToken).ConfigureAwait(false);
                        continue;
                    }

                    foreach (var (id, message) in taken)
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                        cursor = id;
                        index++;
                        yield return new TopicMessage<T>(new TopicPosition(id), message);
                    }
                }

                // Behind the window (resuming from an older position, or too slow for the live end): read the stream.
                // The range starts at the cursor itself: while the cursor's own entry is there, nothing after it can have
                // been trimmed (a stream is trimmed from its start), so one XRANGE both reads and checks.
                var entries = await Call(() => _redis.GetDatabase().StreamRangeAsync(_key, cursor, "+", _options.BatchSize + 1)).ConfigureAwait(false);
                var skip = entries.Length > 0 && entries[0].Id == cursor ? 1 : 0;
                if (skip == 0 && entries.Length > 0)
                {
                    // The cursor's entry is gone: trimmed past it while this subscriber was behind, a gap, refused (or
                    // a position between entries, or the start of a stream that never lost an entry, accepted).
                    await CheckAsync(new TopicPosition(cursor)).ConfigureAwait(false);
                }

                for (var i = skip; i < entries.Length; i++)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    cursor = entries[i].Id!;
                    yield return new TopicMessage<T>(new TopicPosition(cursor), _decode((byte[])entries[i]["m"]!));
                }

                if (entries.Length <= skip)
                {
                    // Nothing newer in the stream than what the tail has not reached yet: let it catch up.
                    await Task.Delay(10, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            Detach(tail);
        }
    }

    // The host's tail of this topic, started by its first subscriber and stopped after its last.
    private async Task<TailRunner> AttachAsync()
    {
        lock (_tailGate)
        {
            if (_tail is { } running && !running.Failed)
            {
                running.Tail.Readers++;
                return running;
            }
        }

        var start = await LastIdAsync().ConfigureAwait(false);
        StreamId.TryParse(start, out var startId);
        var runner = new TailRunner(this, new RedisTopicTail<T>(startId, Math.Max(_options.BatchSize * 4, 1024), ReadAfterAsync, _decode));
        lock (_tailGate)
        {
            if (_tail is { } raced && !raced.Failed)
            {
                raced.Tail.Readers++;
                return raced;
            }

            _tail = runner;
            runner.Tail.Readers++;
        }

        await runner.StartAsync().ConfigureAwait(false);
        return runner;
    }

    private void Detach(TailRunner runner)
    {
        lock (_tailGate)
        {
            if (--runner.Tail.Readers > 0)
            {
                return;
            }

            if (_tail == runner)
            {
                _tail = null;
            }
        }

        runner.Stop();
    }

    private Task<StreamEntry[]> ReadAfterAsync(StreamId after, CancellationToken cancellationToken) =>
        Call(() => _redis.GetDatabase().StreamRangeAsync(_key, "(" + after.ToString(), "+", _options.BatchSize));

    /// <summary>Feeds one tail from the topic's notifications, and from a read every poll interval in case one was missed.</summary>
    private sealed class TailRunner(RedisTopic<T> topic, RedisTopicTail<T> tail)
    {
        private const int NotificationBatch = 256;

        private readonly CancellationTokenSource _stop = new();
        private ChannelMessageQueue? _queue;

        public RedisTopicTail<T> Tail { get; } = tail;

        public bool Failed { get; private set; }

        public async Task StartAsync()
        {
            try
            {
                _queue = await topic._redis.GetSubscriber().SubscribeAsync(topic._channel).ConfigureAwait(false);

                // Read once after subscribing: what was published in between is not lost.
                await Tail.CatchUpAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is RedisException or TimeoutException or ServiceError)
            {
                var error = e as ServiceError ?? Unavailable(e);
                Fail(error);
                throw error;
            }

            _ = Task.Run(RunAsync);
        }

        public void Stop()
        {
            _stop.Cancel();
            _queue?.Unsubscribe();
        }

        private async Task RunAsync()
        {
            var queue = _queue!;
            Task<ChannelMessage>? next = null;
            Task? poll = null;
            var batch = new List<byte[]>();
            try
            {
                while (!_stop.IsCancellationRequested)
                {
                    // One poll timer for as long as it runs (not one per notification); the tail reads the stream when it fires.
                    next ??= queue.ReadAsync(_stop.Token).AsTask();
                    poll ??= Task.Delay(topic._options.PollInterval, _stop.Token);
                    if (await Task.WhenAny(next, poll).ConfigureAwait(false) == next)
                    {
                        var message = await next.ConfigureAwait(false);
                        next = null;

                        // The notifications that arrived meanwhile go with it: the readers are woken once for all of them.
                        batch.Clear();
                        batch.Add((byte[])message.Message!);
                        while (batch.Count < NotificationBatch && queue.TryRead(out var more))
                        {
                            batch.Add((byte[])more.Message!);
                        }

                        await Tail.NotifiedAsync(batch, _stop.Token).ConfigureAwait(false);
                    }
                    else
                    {
                        await poll.ConfigureAwait(false);
                        poll = null;
                        await Tail.CatchUpAsync(_stop.Token).ConfigureAwait(false);
                    }
                }
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                // Stopped: the last reader left.
            }
            catch (Exception e)
            {
                Fail(e);
            }
        }

        private void Fail(Exception e)
        {
            Failed = true;
            Tail.Fail(e as ServiceError ?? Unavailable(e));
            Stop();
        }
    }

    // The id of the newest entry, or 0-0 for an empty stream: a live subscription starts after it.
    private async Task<string> LastIdAsync()
    {
        var last = await Call(() => _redis.GetDatabase().StreamRangeAsync(_key, "-", "+", 1, Order.Descending)).ConfigureAwait(false);
        return last.Length == 0 ? "0-0" : last[0].Id.ToString();
    }

    // A position is resumable when it is a stream id no later than the last one generated and still retained, or when
    // the stream never lost an entry (entries-added equals length, Redis 7). A position whose own entry was trimmed is
    // refused even if nothing after it was: without its entry, Redis cannot tell the two apart, and a refusal loses nothing.
    private async Task<string> CheckAsync(TopicPosition position)
    {
        RedisResult info;
        try
        {
            info = await _redis.GetDatabase().ExecuteAsync("XINFO", "STREAM", _key).ConfigureAwait(false);
        }
        catch (RedisServerException e) when (e.Message.Contains("no such key", StringComparison.OrdinalIgnoreCase))
        {
            // Nothing was ever published: only the start is a position of this topic.
            return position.Value == "0-0" ? position.Value : throw new ResumeExpiredError(Name, position, null);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            throw Unavailable(e);
        }

        string? lastGenerated = null, firstEntry = null;
        long length = 0, added = 0;
        var fields = (RedisResult[])info!;
        for (var i = 0; i + 1 < fields.Length; i += 2)
        {
            switch ((string?)fields[i])
            {
                case "length":
                    length = (long)fields[i + 1];
                    break;
                case "entries-added":
                    added = (long)fields[i + 1];
                    break;
                case "last-generated-id":
                    lastGenerated = (string?)fields[i + 1];
                    break;
                case "first-entry" when !fields[i + 1].IsNull:
                    firstEntry = (string?)((RedisResult[])fields[i + 1]!)[0];
                    break;
            }
        }

        var known = StreamId.TryParse(position.Value, out var asked)
            && !(lastGenerated is not null && StreamId.TryParse(lastGenerated, out var newest) && asked.CompareTo(newest) > 0);
        var retained = added == length || (firstEntry is not null && StreamId.TryParse(firstEntry, out var first) && asked.CompareTo(first) >= 0);
        if (!known || !retained)
        {
            throw new ResumeExpiredError(Name, position, firstEntry is null ? null : new TopicPosition(firstEntry));
        }

        return position.Value;
    }

    private static async Task<TResult> Call<TResult>(Func<Task<TResult>> call)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            throw Unavailable(e);
        }
    }

    private static async Task Call(Func<Task> call)
    {
        try
        {
            await call().ConfigureAwait(false);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            throw Unavailable(e);
        }
    }

    // Temporary: the caller may retry once Redis is back; nothing was acknowledged that was not stored.
    private static ServiceError Unavailable(Exception e) =>
        new("unavailable", "The topic's Redis is unavailable: " + e.Message, temporary: true, innerException: e);
}
