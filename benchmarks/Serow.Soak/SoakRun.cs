// Licensed under the MIT license. See LICENSE in the project root.

using System.Diagnostics;
using System.Globalization;
using Serow.ReliabilityTests;

namespace Serow.Soak;

/// <summary>The soak's rounds and their checks; each check prints one line, and a failed one makes the exit code 1.</summary>
internal sealed class SoakRun(TimeSpan duration, int churnPerTransport, int openPerKind)
{
    private int _checks;
    private int _failures;

    public async Task<int> RunAsync()
    {
        Console.WriteLine($"# soak: {duration.TotalMinutes:0.#} min, {churnPerTransport} churned streams per transport per round, {openPerKind} open streams per kind, {Environment.ProcessorCount} cores, .NET {Environment.Version}");
        var clock = Stopwatch.StartNew();
        var round = 0;
        do
        {
            round++;
            await ChurnAsync(round);
            await ClientKilledAsync(round);
            await ServerKilledAsync(round);
        }
        while (clock.Elapsed < duration);

        await SigTermAsync();
        Console.WriteLine($"soak: {round} rounds in {clock.Elapsed.TotalMinutes:0.0} min, {_checks - _failures} checks held, {_failures} failed");
        return _failures == 0 ? 0 : 1;
    }

    private async Task ChurnAsync(int round)
    {
        await using var server = await HostProcess.StartServerAsync();
        using var clients = new Clients(server);
        foreach (var (name, client, bidirectional) in new[] { ("gRPC", clients.Grpc, true), ("WebSocket", clients.WebSocket, true), ("SSE", clients.Sse, false) })
        {
            var clock = Stopwatch.StartNew();
            var outcomes = await Bounded.RunAsync(churnPerTransport, 32, i => Bounded.OutcomeAsync(() => StreamEndings.EndOneAsync(client, i, bidirectional)));
            var failed = outcomes.Where(o => o is not null).ToList();
            var stats = await server.StatsWhenAsync(s => s.Active == 0, TimeSpan.FromSeconds(30));
            Check(
                failed.Count == 0 && stats == (0, 0),
                $"round {round} churn {name}: {churnPerTransport} streams in {clock.Elapsed.TotalSeconds:0.0} s, {failed.Count} failed, server holds {stats.Active} open, {stats.Unexpected} unexpected failures",
                failed.Count == 0 ? null : Bounded.Describe(failed.Select(f => (name, f))));
        }
    }

    private async Task ClientKilledAsync(int round)
    {
        await using var server = await HostProcess.StartServerAsync();
        await using var client = await HostProcess.StartClientAsync(server, openPerKind);
        var held = await server.StatsAsync();
        client.Kill();
        var after = await server.StatsWhenAsync(s => s.Active == 0, TimeSpan.FromSeconds(30));
        Check(after == (0, 0), $"round {round} client killed: {held.Active} open streams, then {after.Active} open and {after.Unexpected} unexpected failures on the server");
    }

    private async Task ServerKilledAsync(int round)
    {
        var server = await HostProcess.StartServerAsync();
        using var clients = new Clients(server);
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        var open = await clients.OpenAllAsync(Math.Min(openPerKind, 200), limit.Token);
        var outcomes = open.Select(o => (o.Kind, Outcome: Bounded.OutcomeAsync(o.Read))).ToList();
        server.Kill();
        var results = new List<(string Kind, Exception? Outcome)>();
        foreach (var (kind, outcome) in outcomes)
        {
            results.Add((kind, await outcome.WaitAsync(TimeSpan.FromSeconds(30))));
        }

        await server.DisposeAsync();
        var temporary = results.Count(r => r.Outcome is ServiceError { Temporary: true });
        Check(temporary == results.Count, $"round {round} server killed: {temporary} of {results.Count} open streams ended with a temporary error", temporary == results.Count ? null : Bounded.Describe(results));
    }

    private async Task SigTermAsync()
    {
        await using var server = await HostProcess.StartServerAsync();
        using var clients = new Clients(server);
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        var open = await clients.OpenAllAsync(openPerKind, limit.Token);
        var outcomes = open.Select(o => (o.Kind, Outcome: Bounded.OutcomeAsync(o.Read))).ToList();
        var clock = Stopwatch.StartNew();
        await server.TerminateAsync();
        var exited = await server.WaitForExitAsync(TimeSpan.FromSeconds(30));
        clock.Stop();
        var results = new List<(string Kind, Exception? Outcome)>();
        foreach (var (kind, outcome) in outcomes)
        {
            results.Add((kind, await outcome.WaitAsync(TimeSpan.FromSeconds(30))));
        }

        var stopping = results.Count(r => r.Outcome is ServerStoppingError);
        Check(
            exited && clock.Elapsed < TimeSpan.FromSeconds(2) && stopping == results.Count,
            $"SIGTERM: exited in {clock.Elapsed.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture)} s with {results.Count} open streams, {stopping} saw server_stopping",
            stopping == results.Count ? null : Bounded.Describe(results));
    }

    private void Check(bool held, string line, string? detail = null)
    {
        _checks++;
        if (!held)
        {
            _failures++;
        }

        Console.WriteLine((held ? "ok     " : "FAILED ") + line);
        if (!held && detail is not null)
        {
            Console.WriteLine("       " + detail);
        }
    }
}
