// Licensed under the MIT license. See LICENSE in the project root.

using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Serow.Benchmarks.WebSockets;
using Serow.Http;
using Wsbench;
using Wsbench.Chat;

// Usage: --scenario all|server-stream|server-stream-100|client-stream|ping-pong|idle (or a comma-separated list) --seconds 3 --repetitions 5 [--warmup 2]
//        [--idle-connections 10000] [--transports Serow,raw,SignalR]; --server --port N runs the server (the client starts
//        it as a child process). Several scenarios run one after the other, each in fresh client and server processes.
//        With fewer transports (for profiling one of them) the table of medians is not printed.
var options = args.Select((a, i) => (a, i)).Where(p => p.a.StartsWith("--", StringComparison.Ordinal))
    .ToDictionary(p => p.a[2..], p => p.i + 1 < args.Length && !args[p.i + 1].StartsWith("--", StringComparison.Ordinal) ? args[p.i + 1] : "true");
string Opt(string name, string fallback) => options.TryGetValue(name, out var v) ? v : fallback;

if (options.ContainsKey("server"))
{
    await Server.RunAsync(int.Parse(Opt("port", "5000"), CultureInfo.InvariantCulture));
    return 0;
}

if (Environment.ProcessPath!.EndsWith("Serow.Benchmarks.WebSockets", StringComparison.Ordinal))
{
    throw new InvalidOperationException("run with `dotnet run -c Release` or `dotnet <dll>`");
}

var scenarios = Opt("scenario", "all").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
bool Runs(string name) => scenarios.Contains("all") || scenarios.Contains(name);
var seconds = double.Parse(Opt("seconds", "3"), CultureInfo.InvariantCulture);
var repetitions = int.Parse(Opt("repetitions", "5"), CultureInfo.InvariantCulture);
var warmups = int.Parse(Opt("warmup", "2"), CultureInfo.InvariantCulture);
var idleConnections = int.Parse(Opt("idle-connections", "10000"), CultureInfo.InvariantCulture);
var transports = Opt("transports", "Serow,raw,SignalR").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
string[] allScenarios = ["server-stream", "server-stream-100", "client-stream", "ping-pong", "idle"];
var selected = allScenarios.Where(Runs).ToArray();
var header = $"# {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, .NET {Environment.Version}, {seconds}s per run, {repetitions} interleaved repetitions after 40 warm-up calls and at least {warmups} warm-up rounds of 1s (more until the JIT has settled)";
if (selected.Length > 1)
{
    // Each scenario runs in fresh client and server processes, so that what one scenario leaves behind (a grown heap and
    // thread pool, code tiered up on another workload) does not weigh on the next; the three transports of a scenario
    // share those processes, interleaved.
    Console.WriteLine(header + ", each scenario in fresh client and server processes");
    foreach (var name in selected)
    {
        string[] childArgs = [typeof(Server).Assembly.Location, .. options.Where(o => o.Key != "scenario").SelectMany(o => new[] { "--" + o.Key, o.Value }), "--scenario", name, "--no-header", "true"];
        using var child = Process.Start(new ProcessStartInfo(Environment.ProcessPath!, childArgs) { UseShellExecute = false })!;
        await child.WaitForExitAsync();
        if (child.ExitCode != 0)
        {
            return child.ExitCode;
        }
    }

    return 0;
}

var port = FreePort();
using var server = Process.Start(new ProcessStartInfo(Environment.ProcessPath!, [typeof(Server).Assembly.Location, "--server", "--port", port.ToString(CultureInfo.InvariantCulture)])
{
    UseShellExecute = false,
    RedirectStandardOutput = true,
})!;

try
{
    var bench = new Bench(new Uri($"http://127.0.0.1:{port}/"), TimeSpan.FromSeconds(seconds), warmups, transports);
    await bench.WaitForServerAsync();
    if (!options.ContainsKey("no-header"))
    {
        Console.WriteLine(header);
    }

    foreach (var name in selected.Where(n => n != "idle"))
    {
        await bench.RunScenarioAsync(name, repetitions);
    }

    if (Runs("idle"))
    {
        await bench.IdleAsync(idleConnections);
    }
}
finally
{
    server.Kill(entireProcessTree: true);
    await server.WaitForExitAsync();
}

return 0;

static int FreePort()
{
    using var listener = new TcpListener(IPAddress.Loopback, 0);
    listener.Start();
    return ((IPEndPoint)listener.LocalEndpoint).Port;
}

internal sealed record Result(double PerSecond, double ServerBytesPerMessage, double P50Micros, double P99Micros, double ServerCpuMicros, double ClientCpuMicros, double ServerWorkItems, double ClientWorkItems);

internal sealed class Bench(Uri address, TimeSpan duration, int warmups, string[] transports)
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
        var results = _transports.ToDictionary(t => t, _ => new List<Result>());
        // Code that runs once per call (connect, upgrade, close, the stats endpoint) reaches tier 1 only after about 30
        // calls: without this, the JIT recompiles it in the background during the measured runs, on the same 2 cores.
        for (var call = 0; call < CallWarmups; call++)
        {
            foreach (var transport in _transports)
            {
                _ = await StatsAsync(false);
                _ = scenario switch
                {
                    "server-stream" or "server-stream-100" => await DownloadOnceAsync(transport, 10),
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
            foreach (var transport in _transports)
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
            foreach (var transport in _transports)
            {
                var result = await RunOnceAsync(scenario, transport, duration);
                results[transport].Add(result);
                Console.Error.WriteLine($"  {scenario} {transport} #{r + 1}: {result.PerSecond:N0}/s, {result.ServerBytesPerMessage:N0} B/msg server, p50 {result.P50Micros:N0} us, p99 {result.P99Micros:N0} us, CPU {result.ServerCpuMicros:0.00} us server + {result.ClientCpuMicros:0.00} us client per msg, work items {result.ServerWorkItems:0.00} server + {result.ClientWorkItems:0.00} client per msg");
            }
        }

        Console.Error.WriteLine($"  {scenario}: {await JitMethodsAsync() - jitAtStart} methods compiled during the measured runs (client and server)");
        if (!AllTransports.All(_transports.Contains))
        {
            return;
        }

        var median = results.ToDictionary(p => p.Key, p => Median(p.Value));
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
            "client-stream" => await UploadAsync(transport, time),
            "ping-pong" => await PingAsync(transport, time, latencies),
            _ => throw new ArgumentException("unknown scenario " + scenario),
        };
        var elapsed = stopwatch.Elapsed;
        if (Environment.GetEnvironmentVariable("BENCH_WINDOWS") == "1")
        {
            Console.Error.WriteLine($"WINDOW {transport} {windowStart} {Stopwatch.GetTimestamp()} {count}");
        }

        clientCpu = Environment.CpuUsage.TotalTime - clientCpu;
        clientItems = ThreadPool.CompletedWorkItemCount - clientItems;
        var after = await StatsAsync(false);
        latencies.Sort();
        double P(double q) => latencies.Count == 0 ? 0 : latencies[Math.Min(latencies.Count - 1, (int)(q * latencies.Count))] * 1e6 / Stopwatch.Frequency;
        var perMessage = 1.0 / Math.Max(1, count);
        return new Result(count / elapsed.TotalSeconds, (after.Allocated - before.Allocated) * perMessage, P(0.5), P(0.99), TimeSpan.FromTicks(after.CpuTicks - before.CpuTicks).TotalMicroseconds * perMessage, clientCpu.TotalMicroseconds * perMessage, (after.WorkItems - before.WorkItems) * perMessage, clientItems * perMessage);
    }

    /// <summary>Methods compiled so far by the JIT in this process and the server's.</summary>
    private async Task<long> JitMethodsAsync() => System.Runtime.JitInfo.GetCompiledMethodCount() + (await StatsAsync(false)).JitMethods;

    private async Task<Stats> StatsAsync(bool full) =>
        JsonSerializer.Deserialize<Stats>(await _http.GetStringAsync(full ? "stats?full=true" : "stats"), JsonSerializerOptions.Web)!;

    // ---- server streaming: calls of `size` messages one after the other until the time is up ----

    private async Task<long> DownloadAsync(string transport, TimeSpan time, int size)
    {
        long count = 0;
        var stopwatch = Stopwatch.StartNew();
        while (stopwatch.Elapsed < time)
        {
            count += await DownloadOnceAsync(transport, size);
        }

        return count;
    }

    private async Task<long> DownloadOnceAsync(string transport, int size)
    {
        long count = 0;
        switch (transport)
        {
            case "Serow":
            {
                var client = new ChatHttpClient(_http, _serowOptions);
                await using var stream = await client.DownloadAsync(new DownloadPayload { Count = size });
                while (await stream.RecvAsync() is not null)
                {
                    count++;
                }

                break;
            }

            case "raw":
            {
                using var socket = await RawConnectAsync($"raw/download/{size}");
                var buffer = new byte[64 * 1024];
                while (true)
                {
                    var length = await RawReceiveAsync(socket, buffer);
                    if (length < 0)
                    {
                        break;
                    }

                    _ = JsonSerializer.Deserialize(buffer.AsSpan(0, length), RawJson.Default.ChatMessage);
                    count++;
                }

                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "end", CancellationToken.None);
                break;
            }

            default:
            {
                await using var connection = await SignalRConnectAsync();
                await foreach (var _ in connection.StreamAsync<ChatMessage>("Download", size))
                {
                    count++;
                }

                break;
            }
        }

        if (count != size)
        {
            throw new InvalidOperationException($"{transport} delivered {count} of {size} messages");
        }

        return count;
    }

    // ---- client streaming: send for the duration, then ask for the count ----

    private async Task<long> UploadAsync(string transport, TimeSpan time)
    {
        var message = Messages.Create();
        var stopwatch = Stopwatch.StartNew();
        switch (transport)
        {
            case "Serow":
            {
                var client = new ChatHttpClient(_http, _serowOptions);
                await using var stream = await client.UploadAsync();
                while (stopwatch.Elapsed < time)
                {
                    for (var i = 0; i < 100; i++)
                    {
                        await stream.SendAsync(message);
                    }
                }

                return (await stream.CloseAndRecvAsync()).Count;
            }

            case "raw":
            {
                using var socket = await RawConnectAsync("raw/upload");
                while (stopwatch.Elapsed < time)
                {
                    for (var i = 0; i < 100; i++)
                    {
                        await socket.SendAsync(JsonSerializer.SerializeToUtf8Bytes(message, RawJson.Default.ChatMessage), WebSocketMessageType.Text, true, CancellationToken.None);
                    }
                }

                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "end", CancellationToken.None);
                var buffer = new byte[1024];
                var length = await RawReceiveAsync(socket, buffer);
                return JsonSerializer.Deserialize<long>(buffer.AsSpan(0, length));
            }

            default:
            {
                await using var connection = await SignalRConnectAsync();
                var channel = Channel.CreateBounded<ChatMessage>(1000);
                var result = connection.InvokeAsync<long>("Upload", channel.Reader);
                while (stopwatch.Elapsed < time)
                {
                    for (var i = 0; i < 100; i++)
                    {
                        await channel.Writer.WriteAsync(message);
                    }
                }

                channel.Writer.Complete();
                return await result;
            }
        }
    }

    // ---- ping-pong: one message in flight on one stream ----

    private async Task<long> PingAsync(string transport, TimeSpan time, List<long> latencies)
    {
        var message = Messages.Create();
        var stopwatch = Stopwatch.StartNew();
        long count = 0;
        switch (transport)
        {
            case "Serow":
            {
                var client = new ChatHttpClient(_http, _serowOptions);
                await using var stream = await client.PingAsync();
                while (stopwatch.Elapsed < time)
                {
                    var start = Stopwatch.GetTimestamp();
                    await stream.SendAsync(message);
                    _ = await stream.RecvAsync();
                    latencies.Add(Stopwatch.GetTimestamp() - start);
                    count++;
                }

                await stream.CloseSendAsync();
                break;
            }

            case "raw":
            {
                using var socket = await RawConnectAsync("raw/ping");
                var buffer = new byte[64 * 1024];
                while (stopwatch.Elapsed < time)
                {
                    var start = Stopwatch.GetTimestamp();
                    await socket.SendAsync(JsonSerializer.SerializeToUtf8Bytes(message, RawJson.Default.ChatMessage), WebSocketMessageType.Text, true, CancellationToken.None);
                    var length = await RawReceiveAsync(socket, buffer);
                    _ = JsonSerializer.Deserialize(buffer.AsSpan(0, length), RawJson.Default.ChatMessage);
                    latencies.Add(Stopwatch.GetTimestamp() - start);
                    count++;
                }

                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "end", CancellationToken.None);
                break;
            }

            default:
            {
                await using var connection = await SignalRConnectAsync();
                var channel = Channel.CreateBounded<ChatMessage>(1);
                await using var replies = connection.StreamAsync<ChatMessage>("Ping", channel.Reader).GetAsyncEnumerator();
                while (stopwatch.Elapsed < time)
                {
                    var start = Stopwatch.GetTimestamp();
                    await channel.Writer.WriteAsync(message);
                    await replies.MoveNextAsync();
                    latencies.Add(Stopwatch.GetTimestamp() - start);
                    count++;
                }

                channel.Writer.Complete();
                break;
            }
        }

        return count;
    }

    // ---- idle connections ----

    public async Task IdleAsync(int connections)
    {
        var before = await StatsAsync(true);
        var streams = new List<IChatIdleClientStream>(connections);
        var client = new ChatHttpClient(_http, new SerowHttpClientOptions { KeepAliveInterval = TimeSpan.Zero, StreamCapacity = 1 });
        var stopwatch = Stopwatch.StartNew();
        using var gate = new SemaphoreSlim(64);
        var opened = await Task.WhenAll(Enumerable.Range(0, connections).Select(async index =>
        {
            await gate.WaitAsync();
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
                var stream = await client.IdleAsync(timeout.Token);
                _ = await stream.RecvAsync(timeout.Token);
                return stream;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                Console.Error.WriteLine("  idle: " + e.Message);
                return null;
            }
            finally
            {
                gate.Release();
            }
        }));
        streams.AddRange(opened.Where(s => s is not null)!);
        var openTime = stopwatch.Elapsed;
        await Task.Delay(1000);
        var after = await StatsAsync(true);
        Console.WriteLine($"idle: {streams.Count} Serow streams open (of {connections}) in {openTime.TotalSeconds:0.0} s;"
            + $" server working set {before.WorkingSet / 1048576.0:N1} → {after.WorkingSet / 1048576.0:N1} MiB ({(after.WorkingSet - before.WorkingSet) / (double)Math.Max(1, streams.Count) / 1024:N1} KiB per connection),"
            + $" managed heap {before.Heap / 1048576.0:N1} → {after.Heap / 1048576.0:N1} MiB ({(after.Heap - before.Heap) / (double)Math.Max(1, streams.Count) / 1024:N1} KiB per connection)");
        await HoldAsync();
        foreach (var chunk in streams.Chunk(500))
        {
            await Task.WhenAll(chunk.Select(s => s.DisposeAsync().AsTask()));
        }

        await RawIdleAsync(connections);
    }

    private static async Task HoldAsync()
    {
        if (Environment.GetEnvironmentVariable("SEROW_BENCH_IDLE_HOLD") is { } hold)
        {
            // Keeps the streams open for a heap dump of the server (dotnet-gcdump collect -p <server pid>).
            Console.WriteLine($"idle: holding the streams for {hold} s");
            await Task.Delay(TimeSpan.FromSeconds(double.Parse(hold, CultureInfo.InvariantCulture)));
        }
    }

    // The same number of raw ASP.NET Core WebSockets, each sent one message and then waiting with a zero-byte receive:
    // the floor of what an idle stream costs on this server, measured the same way.
    private async Task RawIdleAsync(int connections)
    {
        await Task.Delay(1000);
        var before = await StatsAsync(true);
        using var gate = new SemaphoreSlim(64);
        var buffer = new byte[4096];
        var opened = await Task.WhenAll(Enumerable.Range(0, connections).Select(async _ =>
        {
            await gate.WaitAsync();
            try
            {
                var socket = await RawConnectAsync("raw/idle");
                await socket.ReceiveAsync(new byte[4096].AsMemory(), CancellationToken.None);
                return socket;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                Console.Error.WriteLine("  raw idle: " + e.Message);
                return null;
            }
            finally
            {
                gate.Release();
            }
        }));
        var sockets = opened.Where(s => s is not null).Select(s => s!).ToList();
        await Task.Delay(1000);
        var after = await StatsAsync(true);
        Console.WriteLine($"idle (raw): {sockets.Count} raw WebSockets open (of {connections});"
            + $" server working set {before.WorkingSet / 1048576.0:N1} → {after.WorkingSet / 1048576.0:N1} MiB ({(after.WorkingSet - before.WorkingSet) / (double)Math.Max(1, sockets.Count) / 1024:N1} KiB per connection),"
            + $" managed heap {before.Heap / 1048576.0:N1} → {after.Heap / 1048576.0:N1} MiB ({(after.Heap - before.Heap) / (double)Math.Max(1, sockets.Count) / 1024:N1} KiB per connection)");
        await HoldAsync();
        foreach (var chunk in sockets.Chunk(500))
        {
            await Task.WhenAll(chunk.Select(async s =>
            {
                try
                {
                    await s.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None);
                }
                catch (WebSocketException)
                {
                }

                s.Dispose();
            }));
        }
    }

    // ---- helpers ----

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
