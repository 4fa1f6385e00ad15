// Licensed under the MIT license. See LICENSE in the project root.

using System.Text;
using Serow.Topics;
using StackExchange.Redis;

namespace Serow.Redis.Tests;

/// <summary>
/// Redis topics against a real redis-server: two connections stand for two hosts. Every check is message by message:
/// no loss, no duplicate, order kept.
/// </summary>
public sealed class RedisTopicTests(RedisServer redis) : IClassFixture<RedisServer>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task APublishOnOneHost_ReachesASubscriberOnAnother_InOrder()
    {
        redis.RequireInstalled();
        await using var hostA = await redis.ConnectAsync();
        await using var hostB = await redis.ConnectAsync();
        var name = Name();
        using var stop = new CancellationTokenSource(Timeout);
        var received = Take(Topic(hostB, name).SubscribeAsync(null, stop.Token), 200, stop.Token);
        await Task.Delay(200);

        var publisher = Topic(hostA, name);
        var positions = new List<TopicPosition>();
        for (var i = 0; i < 200; i++)
        {
            positions.Add(await publisher.PublishAsync($"m{i}"));
        }

        var messages = await received;
        Assert.Equal(Enumerable.Range(0, 200).Select(i => $"m{i}"), messages.Select(m => m.Message));
        Assert.Equal(positions, messages.Select(m => m.Position));
    }

    [Fact]
    public async Task Resume_AfterAPosition_OnAnotherHost_GetsEveryLaterMessageOnce()
    {
        redis.RequireInstalled();
        await using var hostA = await redis.ConnectAsync();
        await using var hostB = await redis.ConnectAsync();
        var name = Name();
        var publisher = Topic(hostA, name);
        var positions = new List<TopicPosition>();
        for (var i = 0; i < 50; i++)
        {
            positions.Add(await publisher.PublishAsync($"m{i}"));
        }

        using var stop = new CancellationTokenSource(Timeout);
        var resumed = await Take(Topic(hostB, name).SubscribeAsync(positions[19], stop.Token), 30, stop.Token);

        Assert.Equal(Enumerable.Range(20, 30).Select(i => $"m{i}"), resumed.Select(m => m.Message));
    }

    [Fact]
    public async Task Latest_ThenSubscribe_MissesNothingPublishedInBetween_EvenOnAnEmptyStream()
    {
        redis.RequireInstalled();
        await using var host = await redis.ConnectAsync();
        var topic = Topic(host, Name());
        var start = await topic.LatestAsync();
        using var stop = new CancellationTokenSource(Timeout);

        // Subscribed before the stream exists, then published to.
        var receiving = Take(topic.SubscribeAsync(start, stop.Token), 2, stop.Token);
        await Task.Delay(100);
        await topic.PublishAsync("one");
        await topic.PublishAsync("two");
        var received = await receiving;

        Assert.Equal("0-0", start.Value);
        Assert.Equal(["one", "two"], received.Select(m => m.Message));
    }

    [Fact]
    public async Task Resume_PastTheTrimmedEntries_IsResumeExpired()
    {
        redis.RequireInstalled();
        await using var host = await redis.ConnectAsync();
        var name = Name();
        var topic = Topic(host, name, retention: 10);
        var first = await topic.PublishAsync("first");
        for (var i = 0; i < 500; i++)
        {
            await topic.PublishAsync($"m{i}");
        }

        // MAXLEN ~ trims whole nodes: force an exact trim so the first entry is gone whatever the node size.
        await host.GetDatabase().StreamTrimAsync("serow:topic:" + name, 10);
        using var stop = new CancellationTokenSource(Timeout);

        var error = await Assert.ThrowsAsync<ResumeExpiredError>(async () => await Take(topic.SubscribeAsync(first, stop.Token), 1, stop.Token));
        Assert.Equal("resume_expired", error.Name);
        await Assert.ThrowsAsync<ResumeExpiredError>(async () => await Take(topic.SubscribeAsync(new TopicPosition("nonsense"), stop.Token), 1, stop.Token));
    }

    [Fact]
    public async Task WhenRedisIsDown_PublishIsATemporaryError_AndAfterARestartPublishingAndSubscribingWork()
    {
        redis.RequireInstalled();
        await using var host = await redis.ConnectAsync();
        var topic = Topic(host, Name());
        await topic.PublishAsync("before");

        await redis.StopAsync();
        try
        {
            var error = await Assert.ThrowsAnyAsync<ServiceError>(async () => await topic.PublishAsync("while down"));
            Assert.True(error.Temporary);
        }
        finally
        {
            await redis.StartAsync();
        }

        using var stop = new CancellationTokenSource(Timeout);
        TopicPosition? position = null;
        for (var attempt = 0; position is null && attempt < 50; attempt++)
        {
            try
            {
                position = await topic.PublishAsync("after");
            }
            catch (ServiceError e) when (e.Temporary)
            {
                await Task.Delay(200, stop.Token);
            }
        }

        Assert.NotNull(position);
    }

    [Fact]
    public async Task ASubscriberCutOffByARedisRestart_GetsATemporaryError_AndResumesWithoutLossOrDuplicate()
    {
        redis.RequireInstalled();
        await using var host = await redis.ConnectAsync();
        var topic = Topic(host, Name(), batchSize: 10);
        for (var i = 0; i < 100; i++)
        {
            await topic.PublishAsync($"m{i}");
        }

        using var stop = new CancellationTokenSource(Timeout);
        var received = new List<TopicMessage<string>>();
        var error = await Assert.ThrowsAnyAsync<ServiceError>(async () =>
        {
            await foreach (var message in topic.SubscribeAsync(new TopicPosition("0-0"), stop.Token))
            {
                received.Add(message);
                if (received.Count == 50)
                {
                    await redis.StopAsync();
                }
            }
        });
        Assert.True(error.Temporary, error.ToString());
        Assert.InRange(received.Count, 50, 60);
        await redis.StartAsync();

        // Resuming after the last message received: the rest once, in order, then what is published afterwards.
        TopicPosition? published = null;
        for (var attempt = 0; published is null && attempt < 50; attempt++)
        {
            try
            {
                published = await topic.PublishAsync("after restart");
            }
            catch (ServiceError e) when (e.Temporary)
            {
                await Task.Delay(200, stop.Token);
            }
        }

        var rest = await Take(topic.SubscribeAsync(received[^1].Position, stop.Token), 100 - received.Count + 1, stop.Token);
        Assert.Equal(Enumerable.Range(0, 100).Select(i => $"m{i}").Append("after restart"), received.Concat(rest).Select(m => m.Message));
    }

    private static RedisTopic<string> Topic(IConnectionMultiplexer redis, string name, int retention = 10_000, int batchSize = 256) =>
        new(redis, name, static s => Encoding.UTF8.GetBytes(s), static b => Encoding.UTF8.GetString(b),
            new RedisTopicOptions { Retention = retention, BatchSize = batchSize, PollInterval = TimeSpan.FromMilliseconds(200) });

    private static string Name() => "t" + Guid.NewGuid().ToString("N");

    private static async Task<List<TopicMessage<T>>> Take<T>(IAsyncEnumerable<TopicMessage<T>> messages, int count, CancellationToken cancellationToken)
    {
        var taken = new List<TopicMessage<T>>();
        await foreach (var message in messages.WithCancellation(cancellationToken))
        {
            taken.Add(message);
            if (taken.Count == count)
            {
                break;
            }
        }

        return taken;
    }
}
