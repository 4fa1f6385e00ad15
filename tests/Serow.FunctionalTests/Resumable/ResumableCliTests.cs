// Licensed under the MIT license. See LICENSE in the project root.

using System.Text;
using System.Text.Json;
using Serow.Topics;

namespace Serow.FunctionalTests.Resumable;

/// <summary>
/// The generated command-line client with <c>--reconnect</c>: a follow whose connection the server cuts every few ticks
/// prints every tick once and in order, on both transports; without it the first cut ends the command with its error.
/// </summary>
public sealed class ResumableCliTests
{
    [Theory]
    [InlineData("grpc")]
    [InlineData("http")]
    public async Task Reconnect_PrintsEveryTickOnce(string transport)
    {
        var ticks = new InMemoryTopic<Tick>("ticks");
        await using var host = await TickerHost.StartAsync(ticks);
        for (var seq = 1; seq <= 30; seq++)
        {
            await ticks.PublishAsync(new Tick(seq, seq / 100.0));
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var output = new LineCounter(30, timeout);
        using var error = new StringWriter();
        var url = (transport == "grpc" ? host.GrpcAddress : host.HttpAddress).ToString();
        await Api.ApiCli.RunAsync(["--transport", transport, "--url", url, "--reconnect", "10", "ticker", "follow", "--symbol", "SRW", "--drop-after", "7"], new StringReader(string.Empty), output, error, timeout.Token);

        var seqs = output.Lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("seq").GetInt64()).ToList();
        Assert.Equal(Enumerable.Range(1, 30).Select(i => (long)i), seqs);
        Assert.True(host.Service.Connections >= 4, $"{host.Service.Connections} connections; {error}");
    }

    [Theory]
    [InlineData("grpc")]
    [InlineData("http")]
    public async Task WithoutReconnect_ACutEndsTheCommandWithItsError(string transport)
    {
        var ticks = new InMemoryTopic<Tick>("ticks");
        await using var host = await TickerHost.StartAsync(ticks);
        for (var seq = 1; seq <= 30; seq++)
        {
            await ticks.PublishAsync(new Tick(seq, seq / 100.0));
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var output = new LineCounter(30, timeout);
        using var error = new StringWriter();
        var url = (transport == "grpc" ? host.GrpcAddress : host.HttpAddress).ToString();
        var exit = await Api.ApiCli.RunAsync(["--transport", transport, "--url", url, "ticker", "follow", "--symbol", "SRW", "--drop-after", "7"], new StringReader(string.Empty), output, error, timeout.Token);

        Assert.True(exit != 0, error.ToString());
        Assert.Equal(7, output.Lines.Count);
        Assert.Contains("connection_lost", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("--reconnect", error.ToString(), StringComparison.Ordinal);
        Assert.Equal(1, host.Service.Connections);
    }

    /// <summary>Collects the lines written and cancels the command once it has the expected number.</summary>
    private sealed class LineCounter(int expected, CancellationTokenSource done) : TextWriter
    {
        private readonly StringBuilder _line = new();

        public List<string> Lines { get; } = [];

        public override Encoding Encoding => Encoding.UTF8;

        public override void Write(char value)
        {
            if (value == '\n')
            {
                lock (Lines)
                {
                    Lines.Add(_line.ToString().TrimEnd('\r'));
                    _line.Clear();
                    if (Lines.Count == expected)
                    {
                        done.Cancel();
                    }
                }

                return;
            }

            _line.Append(value);
        }
    }
}
