// Licensed under the MIT license. See LICENSE in the project root.

using System.Diagnostics;
using Serow.Redis;
using Serow.Topics;
using StackExchange.Redis;

// dotnet run --project benchmarks/Serow.Benchmarks.Topics -c Release -- <redis host:port> [messages] [subscribers]
// A publisher on one connection, subscribers on another (two "hosts"); each message carries its publish timestamp.
var redisAddress = args.Length > 0 ? args[0] : "127.0.0.1:6379";
var messages = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 20_000;
var subscribers = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 10;

await using var hostA = await ConnectionMultiplexer.ConnectAsync(redisAddress);
await using var hostB = await ConnectionMultiplexer.ConnectAsync(redisAddress);
Console.WriteLine($"{messages} messages, {subscribers} subscribers, Redis {redisAddress}");
for (var round = 1; round <= 3; round++)
{
    var memory = new InMemoryTopic<long>("bench", retention: messages + 1);
    await RunAsync($"round {round} in-memory", memory, memory);
    var name = "bench-" + Guid.NewGuid().ToString("N");
    await RunAsync($"round {round} redis", Redis(hostA, name), Redis(hostB, name));
    await hostA.GetDatabase().KeyDeleteAsync("serow:topic:" + name);
}

async Task RunAsync(string label, ITopic<long> publisher, ITopic<long> subscriberSide)
{
    var start = await subscriberSide.LatestAsync();
    var latencies = new long[subscribers][];
    using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(2));
    var readers = Enumerable.Range(0, subscribers).Select(s => Task.Run(async () =>
    {
        var mine = latencies[s] = new long[messages];
        var count = 0;
        await foreach (var (_, sent) in subscriberSide.SubscribeAsync(start, stop.Token))
        {
            mine[count++] = Stopwatch.GetTimestamp() - sent;
            if (count == messages)
            {
                break;
            }
        }
    })).ToList();

    var clock = Stopwatch.StartNew();
    for (var i = 0; i < messages; i++)
    {
        await publisher.PublishAsync(Stopwatch.GetTimestamp());
    }

    await Task.WhenAll(readers);
    clock.Stop();
    var all = latencies.SelectMany(l => l).Order().ToArray();
    double Micros(long ticks) => ticks * 1_000_000.0 / Stopwatch.Frequency;
    Console.WriteLine($"{label,-22} delivered {messages * subscribers / clock.Elapsed.TotalSeconds,12:N0} msgs/s   p50 {Micros(all[all.Length / 2]),9:N0} µs   p99 {Micros(all[(int)(all.Length * 0.99)]),9:N0} µs");
}

static RedisTopic<long> Redis(IConnectionMultiplexer redis, string name) =>
    new(redis, name, static v => BitConverter.GetBytes(v), static b => BitConverter.ToInt64(b), new RedisTopicOptions { Retention = 100_000 });
