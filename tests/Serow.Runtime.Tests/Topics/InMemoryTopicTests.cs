// Licensed under the MIT license. See LICENSE in the project root.

using Serow.Topics;

namespace Serow.Runtime.Tests.Topics;

/// <summary>The in-memory topic: order, resume without loss or duplicate, retention, concurrency, cancellation.</summary>
public sealed class InMemoryTopicTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Subscribe_FromTheLiveEnd_GetsWhatIsPublishedAfterward_InOrder()
    {
        var topic = new InMemoryTopic<int>("numbers");
        await topic.PublishAsync(0);
        using var stop = new CancellationTokenSource(Timeout);
        await using var subscription = topic.SubscribeAsync(null, stop.Token).GetAsyncEnumerator(stop.Token);

        var positions = new List<TopicPosition>();
        for (var i = 1; i <= 3; i++)
        {
            positions.Add(await topic.PublishAsync(i));
        }

        for (var i = 1; i <= 3; i++)
        {
            Assert.True(await subscription.MoveNextAsync());
            Assert.Equal(new TopicMessage<int>(positions[i - 1], i), subscription.Current);
        }
    }

    [Fact]
    public async Task Resume_AfterAPosition_DeliversEveryLaterMessageOnce()
    {
        var topic = new InMemoryTopic<string>("words", retention: 100);
        var positions = new List<TopicPosition>();
        foreach (var word in new[] { "a", "b", "c", "d", "e" })
        {
            positions.Add(await topic.PublishAsync(word));
        }

        var received = await Take(topic.SubscribeAsync(positions[1]), 3);

        Assert.Equal(["c", "d", "e"], received.Select(m => m.Message));
        Assert.Equal(positions.Skip(2), received.Select(m => m.Position));
    }

    [Fact]
    public async Task Resume_PastRetention_OrFromAnUnknownPosition_IsResumeExpired_NeverAGap()
    {
        var topic = new InMemoryTopic<int>("small", retention: 3);
        var first = await topic.PublishAsync(1);
        for (var i = 2; i <= 10; i++)
        {
            await topic.PublishAsync(i);
        }

        var expired = Assert.Throws<ResumeExpiredError>(() => topic.SubscribeAsync(first));
        Assert.Equal("resume_expired", expired.Name);
        Assert.Contains("from 8 on", expired.Message, StringComparison.Ordinal);
        Assert.Throws<ResumeExpiredError>(() => topic.SubscribeAsync(new TopicPosition("11")));
        Assert.Throws<ResumeExpiredError>(() => topic.SubscribeAsync(new TopicPosition("not-a-position")));

        // The oldest resumable position is the one just before the retained messages.
        Assert.Equal([8, 9, 10], (await Take(topic.SubscribeAsync(new TopicPosition("7")), 3)).Select(m => m.Message));
    }

    [Fact]
    public async Task ASubscriberThatFallsBehindPastRetention_FailsInsteadOfSkipping()
    {
        var topic = new InMemoryTopic<int>("fast", retention: 4);
        using var stop = new CancellationTokenSource(Timeout);
        await using var slow = topic.SubscribeAsync(null, stop.Token).GetAsyncEnumerator(stop.Token);
        await topic.PublishAsync(1);
        Assert.True(await slow.MoveNextAsync());

        for (var i = 2; i <= 20; i++)
        {
            await topic.PublishAsync(i);
        }

        await Assert.ThrowsAsync<ResumeExpiredError>(async () => await slow.MoveNextAsync());
    }

    [Fact]
    public async Task ConcurrentPublishers_EverySubscriberSeesEveryMessageOnce_InTheOrderOfTheirPositions()
    {
        var topic = new InMemoryTopic<(int Publisher, int Index)>("busy", retention: 10_000);
        const int publishers = 4, each = 500;
        using var stop = new CancellationTokenSource(Timeout);
        var subscribers = Enumerable.Range(0, 3).Select(_ => Take(topic.SubscribeAsync(null, stop.Token), publishers * each, stop.Token)).ToList();

        await Task.WhenAll(Enumerable.Range(0, publishers).Select(p => Task.Run(async () =>
        {
            for (var i = 0; i < each; i++)
            {
                await topic.PublishAsync((p, i));
            }
        })));

        foreach (var received in await Task.WhenAll(subscribers))
        {
            Assert.Equal(publishers * each, received.Select(m => m.Message).Distinct().Count());
            Assert.Equal(received.Select(m => long.Parse(m.Position.Value, System.Globalization.CultureInfo.InvariantCulture)).Order(), received.Select(m => long.Parse(m.Position.Value, System.Globalization.CultureInfo.InvariantCulture)));
            for (var p = 0; p < publishers; p++)
            {
                Assert.Equal(Enumerable.Range(0, each), received.Where(m => m.Message.Publisher == p).Select(m => m.Message.Index));
            }
        }
    }

    [Fact]
    public async Task Latest_IsTheStartOfAnEmptyTopic_ThenTheNewestPosition_SoASubscriberAfterItMissesNothing()
    {
        var topic = new InMemoryTopic<int>("late");
        var start = await topic.LatestAsync();
        await topic.PublishAsync(1);
        var latest = await topic.LatestAsync();
        await topic.PublishAsync(2);

        Assert.Equal([1, 2], (await Take(topic.SubscribeAsync(start), 2)).Select(m => m.Message));
        Assert.Equal([2], (await Take(topic.SubscribeAsync(latest), 1)).Select(m => m.Message));
    }

    [Fact]
    public async Task Cancellation_EndsAWaitingSubscription()
    {
        var topic = new InMemoryTopic<int>("quiet");
        using var stop = new CancellationTokenSource();
        await using var subscription = topic.SubscribeAsync(null, stop.Token).GetAsyncEnumerator(stop.Token);
        var next = subscription.MoveNextAsync().AsTask();

        await stop.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => next.WaitAsync(Timeout));
    }

    private static async Task<List<TopicMessage<T>>> Take<T>(IAsyncEnumerable<TopicMessage<T>> messages, int count, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        var taken = new List<TopicMessage<T>>();
        await foreach (var message in messages.WithCancellation(timeout.Token))
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
