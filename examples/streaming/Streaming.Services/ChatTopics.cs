// Licensed under the MIT license. See LICENSE in the project root.

using System.Text.Json;
using Serow.Redis;
using Serow.Topics;
using StackExchange.Redis;
using Streaming.Chat;

namespace Streaming.Services;

/// <summary>The chat room's topics: in this process, or on a Redis every host of the room connects to.</summary>
public sealed record ChatTopics(ITopic<ChatBroadcast> Messages, ITopic<RoomEvent> Events)
{
    public static ChatTopics InMemory() => new(new InMemoryTopic<ChatBroadcast>("chat:messages"), new InMemoryTopic<RoomEvent>("chat:events"));

    /// <summary>Topics on Redis Streams; events travel in the design's own JSON (the tagged union).</summary>
    public static ChatTopics OnRedis(IConnectionMultiplexer redis) => new(
        new RedisTopic<ChatBroadcast>(redis, "chat:messages",
            static m => JsonSerializer.SerializeToUtf8Bytes(m, Json),
            static b => JsonSerializer.Deserialize<ChatBroadcast>(b, Json)!),
        new RedisTopic<RoomEvent>(redis, "chat:events",
            static e => JsonSerializer.SerializeToUtf8Bytes(e, ChatHttpContracts.JsonRoomEvent),
            static b => JsonSerializer.Deserialize(b, ChatHttpContracts.JsonRoomEvent)!));

    /// <summary>The log topic on Redis Streams, keeping the last <paramref name="retention"/> entries for resuming followers.</summary>
    public static ITopic<LogRecord> LogsOnRedis(IConnectionMultiplexer redis, int retention) =>
        new RedisTopic<LogRecord>(redis, "logs",
            static r => JsonSerializer.SerializeToUtf8Bytes(r, Json),
            static b => JsonSerializer.Deserialize<LogRecord>(b, Json)!,
            new RedisTopicOptions { Retention = retention });

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
}
