// Licensed under the MIT license. See LICENSE in the project root.

using System.Diagnostics;
using System.Globalization;
using System.Net.WebSockets;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Serow.Benchmarks.WebSockets;
using Serow.Http;

// The benchmark runner: warm-up, interleaved repetitions and the median of each scenario per transport, and the connections of each transport.
internal sealed partial class Bench(Uri address, TimeSpan duration, int warmups, string[] transports)
{
    private const int CallWarmups = 40;
    private const int JitSettled = 50;
    private const int MaxWarmupRounds = 10;
    private static readonly string[] AllTransports = ["Serow", "raw", "SignalR"];
    private readonly string[] _transports = transports;
    private readonly HttpClient _http = new() { BaseAddress = address };
    private readonly SerowHttpClientOptions _serowOptions = new() { Batching = true, StreamCapacity = 64 };

    public async Task WaitForServerAsync()
    {
        for (var i = 0; i < 200; i++)
        {
            try
            {
                await _http.GetStringAsync("stats");
                return;
            }
            catch (HttpRequestException)
            {
                await Task.Delay(100);
            }
        }

        throw new InvalidOperationException("the server did not start");
    }

    public async Task RunScenarioAsync(string scenario, int repetitions)
    {
        // SignalR has no Server-Sent Events endpoint here: the SSE scenarios compare Serow with the minimal-API endpoint.
        var sse = scenario.StartsWith("sse-", StringComparison.Ordinal);
        var transports = sse ? _transports.Where(t => t != "SignalR").ToArray() : _transports;
        var results = transports.ToDictionary(t => t, _ => new List<Result>());
        // Code that runs once per call (connect, upgrade, close, the stats endpoint) reaches tier 1 only after about 30
        // calls: without this, the JIT recompiles it in the background during the measured runs, on the same 2 cores.
        for (var call = 0; call < CallWarmups; call++)
        {
            foreach (var transport in transports)
            {
                _ = await StatsAsync(false);
                _ = scenario switch
                {
                    "server-stream" or "server-stream-100" => await DownloadOnceAsync(transport, 10),
                    "sse-server-stream" or "sse-server-stream-100" or "sse-node-server-stream" or "sse-node-server-stream-100" => await SseDownloadOnceAsync(transport, 10),
                    "client-stream" => await UploadAsync(transport, TimeSpan.Zero),
                    _ => await PingAsync(transport, TimeSpan.Zero, []),
                };
            }
        }

        // Warm-up rounds, interleaved like the measured ones, at least `warmups` of them and then until tiered
        // compilation has settled in both processes (a round compiles fewer than JitSettled methods; at most
        // MaxWarmupRounds): methods compiled in the background during a measured run take CPU from whichever transport
        // runs then.
        var rounds = 0;
        while (true)
        {
            var jitBefore = await JitMethodsAsync();
            foreach (var transport in transports)
            {
                await RunOnceAsync(scenario, transport, TimeSpan.FromSeconds(1));
            }

            rounds++;
            var compiled = await JitMethodsAsync() - jitBefore;
            if (rounds >= warmups && compiled < JitSettled || rounds >= MaxWarmupRounds)
            {
                Console.Error.WriteLine($"  {scenario}: {rounds} warm-up rounds, {compiled} methods compiled in the last one");
                break;
            }
        }

        var jitAtStart = await JitMethodsAsync();
        for (var r = 0; r < repetitions; r++)
        {
            // The order rotates from one repetition to the next: no transport always runs first or after the same one.
            foreach (var transport in transports.Skip(r % transports.Length).Concat(transports.Take(r % transports.Length)))
            {
                var result = await RunOnceAsync(scenario, transport, duration);
                results[transport].Add(result);
                Console.Error.WriteLine($"  {scenario} {transport} #{r + 1}: {result.PerSecond:N0}/s, {result.ServerBytesPerMessage:N0} B/msg server, p50 {result.P50Micros:N0} us, p99 {result.P99Micros:N0} us, CPU {result.ServerCpuMicros:0.00} us server + {result.ClientCpuMicros:0.00} us client per msg, work items {result.ServerWorkItems:0.00} server + {result.ClientWorkItems:0.00} client per msg");
            }
        }

        Console.Error.WriteLine($"  {scenario}: {await JitMethodsAsync() - jitAtStart} methods compiled during the measured runs (client and server)");
        if (!(sse ? ["Serow", "raw"] : AllTransports).All(_transports.Contains))
        {
            return;
        }

        var median = results.ToDictionary(p => p.Key, p => Median(p.Value));
        if (sse)
        {
            Console.WriteLine($"| {scenario} | {F(median["Serow"].PerSecond)} | {F(median["raw"].PerSecond)} | | {median["Serow"].PerSecond / median["raw"].PerSecond:0.00}× | |"
                + $" {median["Serow"].ServerBytesPerMessage:N0} / {median["raw"].ServerBytesPerMessage:N0} / |"
                + $" CPU µs/msg server {median["Serow"].ServerCpuMicros:0.00} / {median["raw"].ServerCpuMicros:0.00}, client {median["Serow"].ClientCpuMicros:0.00} / {median["raw"].ClientCpuMicros:0.00} |");
            return;
        }

        Console.WriteLine($"| {scenario} | {F(median["Serow"].PerSecond)} | {F(median["raw"].PerSecond)} | {F(median["SignalR"].PerSecond)} | {median["Serow"].PerSecond / median["raw"].PerSecond:0.00}× | {median["Serow"].PerSecond / median["SignalR"].PerSecond:0.00}× |"
            + $" {median["Serow"].ServerBytesPerMessage:N0} / {median["raw"].ServerBytesPerMessage:N0} / {median["SignalR"].ServerBytesPerMessage:N0} |"
            + (scenario == "ping-pong" ? $" {median["Serow"].P50Micros:N0}/{median["Serow"].P99Micros:N0} · {median["raw"].P50Micros:N0}/{median["raw"].P99Micros:N0} · {median["SignalR"].P50Micros:N0}/{median["SignalR"].P99Micros:N0} |" : " |"));
    }

    private static string F(double perSecond) => perSecond.ToString("N0", CultureInfo.InvariantCulture);

    private static Result Median(List<Result> results)
    {
        double M(Func<Result, double> f)
        {
            var sorted = results.Select(f).Order().ToArray();
            return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
        }

        return new Result(M(r => r.PerSecond), M(r => r.ServerBytesPerMessage), M(r => r.P50Micros), M(r => r.P99Micros), M(r => r.ServerCpuMicros), M(r => r.ClientCpuMicros), M(r => r.ServerWorkItems), M(r => r.ClientWorkItems));
    }

    private async Task<Result> RunOnceAsync(string scenario, string transport, TimeSpan time)
    {
        var before = await StatsAsync(false);
        var clientCpu = Environment.CpuUsage.TotalTime;
        var clientItems = ThreadPool.CompletedWorkItemCount;
        var latencies = new List<long>();
        var windowStart = Stopwatch.GetTimestamp();
        var stopwatch = Stopwatch.StartNew();
        long count = scenario switch
        {
            "server-stream" => await DownloadAsync(transport, time, 100_000),
            "server-stream-100" => (await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => Task.Run(() => DownloadAsync(transport, time, 5_000))))).Sum(),
            "sse-server-stream" => await SseDownloadAsync(transport, time, 100_000),
            "sse-server-stream-100" => (await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => Task.Run(() => SseDownloadAsync(transport, time, 5_000))))).Sum(),
            "sse-node-server-stream" => await NodeSseAsync(transport, time, 1, 100_000),
            "sse-node-server-stream-100" => await NodeSseAsync(transport, time, 100, 5_000),
            "client-stream" => await UploadAsync(transport, time),
            "ping-pong" => await PingAsync(transport, time, latencies),
            _ => throw new ArgumentException("unknown scenario " + scenario),
        };
        var elapsed = stopwatch.Elapsed;
        if (Environment.GetEnvironmentVariable("BENCH_WINDOWS") == "1")
        {
            Console.Error.WriteLine($"WINDOW {transport} {windowStart} {Stopwatch.GetTimestamp()} {count}");
        }

        clientCpu = Environment.CpuUsage.TotalTime - clientCpu + TimeSpan.FromMicroseconds(Interlocked.Exchange(ref _nodeCpuMicros, 0));
        clientItems = ThreadPool.CompletedWorkItemCount - clientItems;
        var after = await StatsAsync(false);
        latencies.Sort();
        double P(double q) => latencies.Count == 0 ? 0 : latencies[Math.Min(latencies.Count - 1, (int)(q * latencies.Count))] * 1e6 / Stopwatch.Frequency;
        var perMessage = 1.0 / Math.Max(1, count);
        return new Result(count / elapsed.TotalSeconds, (after.Allocated - before.Allocated) * perMessage, P(0.5), P(0.99), TimeSpan.FromTicks(after.CpuTicks - before.CpuTicks).TotalMicroseconds * perMessage, clientCpu.TotalMicroseconds * perMessage, (after.WorkItems - before.WorkItems) * perMessage, clientItems * perMessage);
    }

    /// <summary>Runs calls one after the other until <paramref name="time"/> has passed; the messages they moved.</summary>
    private static async Task<long> RepeatAsync(TimeSpan time, Func<Task<long>> call)
    {
        long count = 0;
        var stopwatch = Stopwatch.StartNew();
        while (stopwatch.Elapsed < time)
        {
            count += await call();
        }

        return count;
    }

    /// <summary>Methods compiled so far by the JIT in this process and the server's.</summary>
    private async Task<long> JitMethodsAsync() => System.Runtime.JitInfo.GetCompiledMethodCount() + (await StatsAsync(false)).JitMethods;

    private async Task<Stats> StatsAsync(bool full) =>
        JsonSerializer.Deserialize<Stats>(await _http.GetStringAsync(full ? "stats?full=true" : "stats"), JsonSerializerOptions.Web)!;


    private async Task<ClientWebSocket> RawConnectAsync(string path)
    {
        var socket = new ClientWebSocket();
        await socket.ConnectAsync(new Uri(address.ToString().Replace("http://", "ws://", StringComparison.Ordinal) + path), CancellationToken.None);
        return socket;
    }

    private static async Task<int> RawReceiveAsync(ClientWebSocket socket, byte[] buffer)
    {
        var length = 0;
        ValueWebSocketReceiveResult result;
        do
        {
            result = await socket.ReceiveAsync(buffer.AsMemory(length), CancellationToken.None);
            length += result.Count;
        }
        while (!result.EndOfMessage);

        return result.MessageType == WebSocketMessageType.Close ? -1 : length;
    }

    private async Task<HubConnection> SignalRConnectAsync()
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(address, "hub"), o =>
            {
                o.Transports = HttpTransportType.WebSockets;
                o.SkipNegotiation = true;
            })
            .Build();
        await connection.StartAsync();
        return connection;
    }
}
