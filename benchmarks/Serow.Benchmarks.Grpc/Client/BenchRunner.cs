// Licensed under the MIT license. See LICENSE in the project root.

using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using System.Text;

namespace Serow.Benchmarks.Grpc.Client;

/// <summary>
/// Runs the scenarios: per scenario warm-up rounds of each side until the JIT has settled, then the repetitions interleaved in
/// alternating order (Serow, hand-written; hand-written, Serow; …), each bounded in time. Prints every run, then a table of medians.
/// </summary>
internal sealed class BenchRunner(ServerProcess server, IReadOnlyList<IBenchSide> sides, BenchOptions options)
{
    /// <summary>Every scenario, in the order they run.</summary>
    public static readonly string[] Scenarios = ["unary", "server-stream", "server-stream-intercepted", "client-stream", "ping-pong", "ping-pong-intercepted", "server-streams-100"];

    private const int JitSettled = 50;
    private const int MaxWarmUpRounds = 10;
    private const int DownloadChunk = 100_000;
    private const int FanOutChunk = 5_000;
    private static readonly string Text = string.Concat(Enumerable.Repeat("0123456789", 10));

    private readonly long[] _latencies = new long[4_000_000];

    public async Task<IReadOnlyList<Measurement>> RunAsync()
    {
        var results = new List<Measurement>();
        foreach (var scenario in options.Scenarios)
        {
            await WarmUpAsync(scenario).ConfigureAwait(false);

            for (var repetition = 1; repetition <= options.Repetitions; repetition++)
            {
                // The order alternates (A B, B A, …): a side that always ran first, or always right after the other,
                // would carry whatever that position costs (the other side's garbage, a thread pool grown by it).
                foreach (var side in repetition % 2 == 1 ? sides : sides.Reverse())
                {
                    var measurement = await RunOnceAsync(scenario, side, options.Seconds).ConfigureAwait(false);
                    Console.WriteLine($"run {repetition,-4} {measurement}");
                    results.Add(measurement);
                }
            }
        }

        return results;
    }

    /// <summary>
    /// Interleaved warm-up rounds of every side until the JIT has settled in both processes (a round compiles fewer than
    /// <see cref="JitSettled"/> methods; at least <c>--warmup</c> rounds, at most <see cref="MaxWarmUpRounds"/>): the
    /// first measured runs otherwise share the cores with tier-1 compilation of whichever side ran less before.
    /// </summary>
    private async Task WarmUpAsync(string scenario)
    {
        var minimum = Math.Max(1, (int)Math.Ceiling(options.WarmUpSeconds));
        for (var round = 1; round <= MaxWarmUpRounds; round++)
        {
            var before = JitInfo.GetCompiledMethodCount() + await server.JitMethodsAsync().ConfigureAwait(false);
            foreach (var side in sides)
            {
                var warmUp = await RunOnceAsync(scenario, side, 1).ConfigureAwait(false);
                Console.WriteLine($"warm-up  {warmUp}");
            }

            var compiled = JitInfo.GetCompiledMethodCount() + await server.JitMethodsAsync().ConfigureAwait(false) - before;
            if (round >= minimum && compiled < JitSettled)
            {
                Console.WriteLine($"warm-up  {scenario}: {round} rounds, {compiled} methods compiled in the last one");
                return;
            }
        }

        Console.WriteLine($"warm-up  {scenario}: {MaxWarmUpRounds} rounds, the JIT had not settled");
    }

    public static string Table(IReadOnlyList<Measurement> results)
    {
        var text = new StringBuilder();
        text.AppendLine("| Scenario | Side | Rate (median) | Ratio | p50 / p99 µs | Client B/msg | Server B/msg | Client CPU µs/msg | Server CPU µs/msg |");
        text.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var scenario in results.Select(r => r.Scenario).Distinct())
        {
            var bySide = results.Where(r => r.Scenario == scenario).GroupBy(r => r.Side).ToList();
            var reference = bySide.FirstOrDefault(g => g.Key == "hand-written") is { } hand ? Median(hand.Select(r => r.Rate)) : double.NaN;
            foreach (var side in bySide)
            {
                var rate = Median(side.Select(r => r.Rate));
                var ratio = side.Key != "hand-written" && !double.IsNaN(reference) ? (rate / reference).ToString("0.00×", CultureInfo.InvariantCulture) : "";
                var latency = side.First().P50 is null ? "" : $"{Median(side.Select(r => r.P50!.Value)):0} / {Median(side.Select(r => r.P99!.Value)):0}";
                text.AppendLine(CultureInfo.InvariantCulture, $"| {scenario} | {side.Key} | {Unit(scenario, rate)} | {ratio} | {latency} | {Median(side.Select(r => r.ClientBytes)):0} | {Median(side.Select(r => r.ServerBytes)):0} | {Median(side.Select(r => r.ClientCpu)):0.00} | {Median(side.Select(r => r.ServerCpu)):0.00} |");
            }
        }

        return text.ToString();
    }

    private static string Unit(string scenario, double rate) => scenario switch
    {
        "unary" => $"{rate:N0} calls/s",
        "ping-pong" or "ping-pong-intercepted" => $"{rate:N0} round trips/s",
        _ => $"{rate:N0} msgs/s",
    };

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? double.NaN : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private async Task<Measurement> RunOnceAsync(string scenario, IBenchSide side, double seconds)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var process = Process.GetCurrentProcess();
        var serverBytes = await server.AllocatedAsync().ConfigureAwait(false);
        var serverCpu = await server.CpuMillisecondsAsync().ConfigureAwait(false);
        var serverWork = await server.WorkItemsAsync().ConfigureAwait(false);
        var clientWork = ThreadPool.CompletedWorkItemCount;
        var clientCpu = process.TotalProcessorTime;
        var clientBytes = GC.GetTotalAllocatedBytes(precise: true);
        var start = Stopwatch.GetTimestamp();
        var until = start + (long)(seconds * Stopwatch.Frequency);
        var roundTrips = 0L;
        var messages = scenario switch
        {
            "unary" => await UnaryAsync(side, until).ConfigureAwait(false),
            "server-stream" => await DownloadAsync(side, until, DownloadChunk).ConfigureAwait(false),
            "server-stream-intercepted" => await DownloadAsync(side, until, DownloadChunk, intercepted: true).ConfigureAwait(false),
            "client-stream" => await side.UploadAsync(until, Text).ConfigureAwait(false),
            "ping-pong" => roundTrips = await side.PingAsync(until, Text, _latencies).ConfigureAwait(false),
            "ping-pong-intercepted" => roundTrips = await side.PingAsync(until, Text, _latencies, intercepted: true).ConfigureAwait(false),
            "server-streams-100" => (await Task.WhenAll(Enumerable.Range(0, options.Streams).Select(_ => DownloadAsync(side, until, FanOutChunk))).ConfigureAwait(false)).Sum(),
            _ => throw new ArgumentException($"Unknown scenario {scenario}; known: {string.Join(", ", Scenarios)}."),
        };
        var elapsed = Stopwatch.GetElapsedTime(start);
        var clientAllocated = GC.GetTotalAllocatedBytes(precise: true) - clientBytes;
        process.Refresh();
        var clientCpuUsed = process.TotalProcessorTime - clientCpu;
        var serverAllocated = await server.AllocatedAsync().ConfigureAwait(false) - serverBytes;
        var serverCpuUsed = await server.CpuMillisecondsAsync().ConfigureAwait(false) - serverCpu;
        var serverWorkDone = await server.WorkItemsAsync().ConfigureAwait(false) - serverWork;
        var clientWorkDone = ThreadPool.CompletedWorkItemCount - clientWork;
        double? p50 = null, p99 = null;
        if (roundTrips > 0)
        {
            var sorted = _latencies.AsSpan(0, (int)roundTrips);
            sorted.Sort();
            p50 = Microseconds(sorted[(int)(roundTrips * 0.50)]);
            p99 = Microseconds(sorted[(int)Math.Min(roundTrips - 1, roundTrips * 0.99)]);
        }

        return new Measurement(
            scenario, side.Name, messages, elapsed.TotalSeconds,
            (double)clientAllocated / messages, (double)serverAllocated / messages,
            clientCpuUsed.TotalMicroseconds / messages, serverCpuUsed * 1000.0 / messages,
            p50, p99, (double)clientWorkDone / messages, (double)serverWorkDone / messages);
    }

    private static double Microseconds(long ticks) => ticks * 1_000_000.0 / Stopwatch.Frequency;

    private static async Task<long> UnaryAsync(IBenchSide side, long until)
    {
        var calls = 0;
        do
        {
            await side.UnaryAsync(calls++, Text).ConfigureAwait(false);
        }
        while (Stopwatch.GetTimestamp() < until);

        return calls;
    }

    private static async Task<long> DownloadAsync(IBenchSide side, long until, int chunk, bool intercepted = false)
    {
        var received = 0L;
        do
        {
            var count = await side.DownloadAsync(chunk, Text, intercepted).ConfigureAwait(false);
            received += count == chunk ? count : throw new InvalidOperationException($"Received {count} of {chunk} messages.");
        }
        while (Stopwatch.GetTimestamp() < until);

        return received;
    }
}

/// <summary>One timed run of one scenario on one side. Per-message figures are per call (unary) or per round trip (ping-pong).</summary>
internal sealed record Measurement(
    string Scenario, string Side, long Messages, double Seconds,
    double ClientBytes, double ServerBytes, double ClientCpu, double ServerCpu, double? P50, double? P99,
    double ClientWorkItems = 0, double ServerWorkItems = 0)
{
    public double Rate => Messages / Seconds;

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture,
            $"{Scenario,-19} {Side,-13} {Rate,12:N0}/s  n={Messages,-9} client {ClientBytes,6:0} B {ClientCpu,6:0.00} µs  server {ServerBytes,6:0} B {ServerCpu,6:0.00} µs  work items {ClientWorkItems:0.00} + {ServerWorkItems:0.00}{(P50 is { } p ? $"  p50 {p:0} µs p99 {P99:0} µs" : "")}");
}
