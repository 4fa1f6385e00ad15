// Licensed under the MIT license. See LICENSE in the project root.

using System.Diagnostics;

namespace Serow.ReliabilityTests;

/// <summary>
/// How a server process ends, measured from outside it: SIGTERM ends every open stream with a typed "server is
/// stopping" error and the process exits promptly; a killed server leaves its clients with a temporary error, not a hang.
/// </summary>
[Collection(ReliabilityCollection.Name)]
public sealed class ShutdownTests
{
    private const int StreamsPerKind = 1000;

    [Fact]
    public async Task SigTerm_WithAThousandOpenStreamsOfEachKind_ExitsWithinTwoSeconds_AndEveryClientSeesServerStopping()
    {
        await using var server = await HostProcess.StartServerAsync();
        using var clients = new Clients(server);
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        var open = await clients.OpenAllAsync(StreamsPerKind, limit.Token);
        var stats = await server.StatsAsync();
        Assert.Equal(open.Count, stats.Active);
        var outcomes = open.Select(o => (o.Kind, Outcome: Bounded.OutcomeAsync(o.Read))).ToList();

        var clock = Stopwatch.StartNew();
        await server.TerminateAsync();
        var exited = await server.WaitForExitAsync(TimeSpan.FromSeconds(30));
        clock.Stop();

        Assert.True(exited, server.Transcript);
        var results = new List<(string Kind, Exception? Outcome)>();
        foreach (var (kind, outcome) in outcomes)
        {
            results.Add((kind, await outcome.WaitAsync(TimeSpan.FromSeconds(30))));
        }

        Assert.True(results.All(r => r.Outcome is ServerStoppingError), Bounded.Describe(results) + "\n" + server.Transcript[..Math.Min(3000, server.Transcript.Length)]);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"the server took {clock.Elapsed.TotalSeconds:F2} s to exit after SIGTERM with {open.Count} open streams");
        Assert.Contains("stopped active=0 unexpected=0", server.Transcript, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ServerKilled_EveryOpenStreamEndsWithATemporaryError()
    {
        await using var server = await HostProcess.StartServerAsync();
        using var clients = new Clients(server);
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var open = await clients.OpenAllAsync(100, limit.Token);
        var outcomes = open.Select(o => (o.Kind, Outcome: Bounded.OutcomeAsync(o.Read))).ToList();

        server.Kill();

        var results = new List<(string Kind, Exception? Outcome)>();
        foreach (var (kind, outcome) in outcomes)
        {
            results.Add((kind, await outcome.WaitAsync(TimeSpan.FromSeconds(30))));
        }

        Assert.True(results.All(r => r.Outcome is ServiceError { Temporary: true }), Bounded.Describe(results));
    }

    [Fact]
    public async Task ClientKilled_TheServerCancelsEveryHandler_AndNoneFailsUnexpectedly()
    {
        await using var server = await HostProcess.StartServerAsync();
        await using var client = await HostProcess.StartClientAsync(server, 100);
        var held = await server.StatsAsync();
        Assert.Equal(600, held.Active);

        client.Kill();

        var after = await server.StatsWhenAsync(s => s.Active == 0, TimeSpan.FromSeconds(20));
        Assert.Equal((0, 0), after);
    }
}
