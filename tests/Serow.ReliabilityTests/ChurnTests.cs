// Licensed under the MIT license. See LICENSE in the project root.

using Conformance.Conformance;

namespace Serow.ReliabilityTests;

/// <summary>
/// Many short streams, ended every way a client ends one (read to the end, dispose early, cancel the call, cancel a
/// receive, half-close): afterwards the server holds no stream open, and no handler saw anything but a cancellation.
/// </summary>
[Collection(ReliabilityCollection.Name)]
public sealed class ChurnTests
{
    private const int StreamsPerTransport = 10_000;

    [Fact]
    public async Task TenThousandStreamsPerTransport_LeaveNoStreamOpen_AndNoUnexpectedFailure()
    {
        await using var server = await HostProcess.StartServerAsync();
        using var clients = new Clients(server);
        var transports = new (string Name, IConformanceClient Client, bool Bidirectional)[]
        {
            ("gRPC", clients.Grpc, true),
            ("WebSocket", clients.WebSocket, true),
            ("Server-Sent Events", clients.Sse, false),
        };

        foreach (var (name, client, bidirectional) in transports)
        {
            var outcomes = await Bounded.RunAsync(StreamsPerTransport, 32, i => Bounded.OutcomeAsync(() => StreamEndings.EndOneAsync(client, i, bidirectional)));
            var failed = outcomes.Where(o => o is not null).ToList();
            Assert.True(failed.Count == 0, $"{name}: {failed.Count} streams failed; {Bounded.Describe(failed.Select(f => (name, f)))}");

            var stats = await server.StatsWhenAsync(s => s.Active == 0, TimeSpan.FromSeconds(20));
            Assert.True(stats == (0, 0), $"{name}: after {StreamsPerTransport} streams the server holds {stats.Active} open and logged {stats.Unexpected} unexpected failures\n{server.Transcript}");
        }
    }
}
