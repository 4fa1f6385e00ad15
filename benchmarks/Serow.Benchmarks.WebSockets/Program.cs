// Licensed under the MIT license. See LICENSE in the project root.

using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using Serow.Benchmarks.WebSockets;

// Usage: --scenario all|server-stream|server-stream-100|client-stream|ping-pong|idle|sse-server-stream|sse-server-stream-100|sse-node-server-stream|sse-node-server-stream-100|sse-idle (or a comma-separated list) --seconds 3 --repetitions 5 [--warmup 2]
//        [--idle-connections 10000] [--transports Serow,raw,SignalR]; --server --port N runs the server (the client starts
//        it as a child process). Several scenarios run one after the other, each in fresh client and server processes.
//        With fewer transports (for profiling one of them) the table of medians is not printed.
var options = args.Select((a, i) => (a, i)).Where(p => p.a.StartsWith("--", StringComparison.Ordinal))
    .ToDictionary(p => p.a[2..], p => p.i + 1 < args.Length && !args[p.i + 1].StartsWith("--", StringComparison.Ordinal) ? args[p.i + 1] : "true");
string Opt(string name, string fallback) => options.TryGetValue(name, out var v) ? v : fallback;

if (options.ContainsKey("server"))
{
    await Server.RunAsync(int.Parse(Opt("port", "5000"), CultureInfo.InvariantCulture), Opt("signalr", "true") == "true");
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
string[] allScenarios = ["server-stream", "server-stream-100", "client-stream", "ping-pong", "idle", "sse-server-stream", "sse-server-stream-100", "sse-node-server-stream", "sse-node-server-stream-100", "sse-idle"];
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
// The idle scenarios measure Serow and raw WebSockets only: their server registers no SignalR, whose services (the
// authorization middleware) would otherwise sit on every idle request of both and count as theirs.
var signalR = selected.Any(n => n is not "idle" and not "sse-idle") ? "true" : "false";
using var server = Process.Start(new ProcessStartInfo(Environment.ProcessPath!, [typeof(Server).Assembly.Location, "--server", "--port", port.ToString(CultureInfo.InvariantCulture), "--signalr", signalR])
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

    foreach (var name in selected.Where(n => n is not "idle" and not "sse-idle"))
    {
        await bench.RunScenarioAsync(name, repetitions);
    }

    if (Runs("idle"))
    {
        await bench.IdleAsync(idleConnections);
    }

    if (Runs("sse-idle"))
    {
        await bench.SseIdleAsync(idleConnections);
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
