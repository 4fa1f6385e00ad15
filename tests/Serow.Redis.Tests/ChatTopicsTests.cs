// Licensed under the MIT license. See LICENSE in the project root.

using Streaming;
using Streaming.Chat;
using Streaming.Services;

namespace Serow.Redis.Tests;

/// <summary>The example's chat topics on Redis carry its messages and events whole.</summary>
public sealed class ChatTopicsTests(RedisServer redis) : IClassFixture<RedisServer>
{
    [Fact]
    public async Task MessagesAndEvents_RoundTripThroughRedis()
    {
        redis.RequireInstalled();
        await using var a = await redis.ConnectAsync();
        await using var b = await redis.ConnectAsync();
        var publisher = ChatTopics.OnRedis(a);
        var subscriber = ChatTopics.OnRedis(b);
        var messageStart = await subscriber.Messages.LatestAsync();
        var eventStart = await subscriber.Events.LatestAsync();
        var from = Guid.NewGuid();

        await publisher.Messages.PublishAsync(new ChatBroadcast(from, new ConnectResult { Message = "hi", UserId = "ada", Timestamp = "t" }));
        await publisher.Events.PublishAsync(new RoomEvent.Joined(new Presence { UserId = "ada", Members = 1 }));

        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await using var messages = subscriber.Messages.SubscribeAsync(messageStart, stop.Token).GetAsyncEnumerator(stop.Token);
        Assert.True(await messages.MoveNextAsync());
        Assert.Equal((from, "hi", "ada"), (messages.Current.Message.From, messages.Current.Message.Message.Message, messages.Current.Message.Message.UserId));
        await using var events = subscriber.Events.SubscribeAsync(eventStart, stop.Token).GetAsyncEnumerator(stop.Token);
        Assert.True(await events.MoveNextAsync());
        Assert.Equal("ada", Assert.IsType<RoomEvent.Joined>(events.Current.Message).Value.UserId);
    }
}
