// Licensed under the MIT license. See LICENSE in the project root.

using Api;
using Api.Ticker;
using Microsoft.AspNetCore.Http;
using Serow.Redis;
using Serow.Topics;
using StackExchange.Redis;

namespace Serow.Benchmarks.ScaleOut;

/// <summary>One published tick: its number (the index of its publish time) and a price.</summary>
public readonly record struct Tick(long Seq, double Price);

/// <summary>The ticker service of host B: relays the shared Redis topic from the client's position (or the topic's start).</summary>
public sealed class BenchTicker(ITopic<Tick> ticks, IHttpContextAccessor http) : ITickerService
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte> _cut = new();

    public Task FollowAsync(TickQuery payload, ITickerFollowServerStream stream, CancellationToken cancellationToken) =>
        RelayAsync(payload, stream, cancellationToken);

    public Task EventsAsync(TickQuery payload, ITickerEventsServerStream stream, CancellationToken cancellationToken) =>
        RelayAsync(payload, stream, cancellationToken);

    public static RedisTopic<Tick> Topic(IConnectionMultiplexer redis, string name) => new(redis, name,
        static t =>
        {
            var bytes = new byte[16];
            BitConverter.TryWriteBytes(bytes, t.Seq);
            BitConverter.TryWriteBytes(bytes.AsSpan(8), t.Price);
            return bytes;
        },
        static b => new Tick(BitConverter.ToInt64(b), BitConverter.ToDouble(b, 8)),
        new RedisTopicOptions { Retention = 1_000_000 });

    private async Task RelayAsync(TickQuery payload, Serow.Streaming.IStreamSender<PriceTick> stream, CancellationToken cancellationToken)
    {
        var (after, dropAfter) = (payload.After, payload.DropAfter);
        // A fresh topic is read from its start, so no tick published after the subscriber connected can be missed.
        var context = http.HttpContext;
        var sent = 0;
        await foreach (var message in ticks.SubscribeAsync(new TopicPosition(after ?? "0-0"), cancellationToken))
        {
            await stream.SendAsync(new PriceTick { Position = message.Position.Value, Seq = message.Message.Seq, Price = message.Message.Price }, cancellationToken);
            if (++sent == dropAfter && _cut.TryAdd(payload.Symbol, 0))
            {
                // Each subscriber's connection breaks once (as a network failure would): the client resumes after its
                // last tick. Once per subscriber (its symbol), not per connection without a resume position: the ticks
                // sent before the cut may not have been flushed, and a client that got none resumes without a position.
                context?.Abort();
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
        }
    }
}
