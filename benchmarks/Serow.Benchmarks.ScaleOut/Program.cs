// Licensed under the MIT license. See LICENSE in the project root.

using System.Globalization;
using Serow.Benchmarks.ScaleOut;

// dotnet run --project benchmarks/Serow.Benchmarks.ScaleOut -c Release -- [redis host:port | start] [rounds] [system filter]
// Cross-host fan-out on one Redis: a publisher on host A, subscribers on host B. Serow relays a Redis topic over its
// resumable streams (WebSocket, SSE, gRPC; every 10th subscriber's connection is cut once mid-burst and resumes); SignalR
// sends through its Redis backplane. Same run, same Redis, same messages: a burst published as fast as the publisher
// can (the delivered rate), then ticks at a fixed rate (the publish-to-delivery latency, p50/p99).
var redisArgument = args.Length > 0 ? args[0] : "start";
var rounds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1;
var only = args.Length > 2 ? args[2] : null;
await using var redis = await RedisProcess.StartOrUseAsync(redisArgument);
Console.WriteLine($"Redis {redis.Address}; {Environment.ProcessorCount} cores; {DateTime.UtcNow:yyyy-MM-dd}");

var systems = new[] { "SignalR", "Serow WebSocket", "Serow SSE", "Serow gRPC" }.Where(s => only is null || s.Contains(only, StringComparison.OrdinalIgnoreCase)).ToArray();

// One unmeasured run of each system first, the same as a measured 100-subscriber run: the first run of a system in the
// process compiles its code (tier 0, then tier 1 in the background while the next runs), which would otherwise weigh
// on whichever system comes first.
foreach (var system in systems)
{
    Console.WriteLine("  warm-up: " + await Scenario.RunAsync(redis.Address, system, 100, 2_000, 1_000, 500.0));
}

var results = new List<ScenarioResult>();
// SEROW_BENCH_SUBSCRIBERS=N: only the runs with N subscribers (100 or 1000), e.g. for a profile of one size.
var sizes = int.TryParse(Environment.GetEnvironmentVariable("SEROW_BENCH_SUBSCRIBERS"), out var size) ? size : 0;
foreach (var (subscribers, burst, paced, rate) in new[] { (100, 2_000, 1_000, 500.0), (1_000, 300, 150, 50.0) }.Where(s => sizes == 0 || s.Item1 == sizes))
{
    for (var round = 1; round <= rounds; round++)
    {
        // The order rotates from one round to the next: no system always runs first or after the same one.
        var shift = (round - 1) % systems.Length;
        foreach (var system in systems.Skip(shift).Concat(systems.Take(shift)))
        {
            var result = await Scenario.RunAsync(redis.Address, system, subscribers, burst, paced, rate);
            results.Add(result);
            Console.WriteLine(result);
        }
    }
}

Console.WriteLine();
Console.WriteLine("| Subscribers | System | Delivered msgs/s | × SignalR | p50 ms | p99 ms | CPU µs per delivery | Lost or repeated | Reconnected subscribers |");
Console.WriteLine("|---:|---|---:|---:|---:|---:|---:|---:|---:|");
foreach (var group in results.GroupBy(r => (r.Subscribers, r.System)))
{
    var rate = Median(group.Select(r => r.Rate));
    var signalR = Median(results.Where(r => r.Subscribers == group.Key.Subscribers && r.System == "SignalR").Select(r => r.Rate));
    Console.WriteLine(FormattableString.Invariant(
        $"| {group.Key.Subscribers:N0} | {group.Key.System} | {rate:N0} | {rate / signalR:F2} | {Median(group.Select(r => r.P50)):F1} | {Median(group.Select(r => r.P99)):F1} | {Median(group.Select(r => r.CpuPerDelivery)):F1} | {group.Sum(r => r.Lost)} | {(group.Key.System == "SignalR" ? "n/a" : group.Sum(r => r.Reconnected).ToString(CultureInfo.InvariantCulture))} |"));
}

static double Median(IEnumerable<double> values)
{
    var sorted = values.Order().ToArray();
    return sorted.Length == 0 ? double.NaN : sorted[sorted.Length / 2];
}
