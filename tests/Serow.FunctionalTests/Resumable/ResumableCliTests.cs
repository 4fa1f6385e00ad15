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
        await using var host = await HostWithTicksAsync();
        var (_, output, error) = await RunAsync(host, transport, "--reconnect", "10");

        var seqs = output.Lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("seq").GetInt64()).ToList();
        Assert.Equal(Enumerable.Range(1, 30).Select(i => (long)i), seqs);
        Assert.True(host.Service.Connections >= 4, $"{host.Service.Connections} connections; {error}");
    }

    [Theory]
    [InlineData("grpc")]
    [InlineData("http")]
    public async Task WithoutReconnect_ACutEndsTheCommandWithItsError(string transport)
    {
        await using var host = await HostWithTicksAsync();
        var (exit, output, error) = await RunAsync(host, transport);

        Assert.True(exit != 0, error);
        Assert.Equal(7, output.Lines.Count);
        Assert.Contains("connection_lost", error, StringComparison.Ordinal);
        Assert.Contains("--reconnect", error, StringComparison.Ordinal);
        Assert.Equal(1, host.Service.Connections);
    }

    private static async Task<TickerHost> HostWithTicksAsync()
    {
        var ticks = new InMemoryTopic<Tick>("ticks");
        var host = await TickerHost.StartAsync(ticks);
        for (var seq = 1; seq <= 30; seq++)
        {
            await ticks.PublishAsync(new Tick(seq, seq / 100.0));
        }

        return host;
    }

    // Runs "ticker follow" with the server cutting the connection every 7 ticks, until 30 lines are printed or it ends.
    private static async Task<(int Exit, LineCounter Output, string Error)> RunAsync(TickerHost host, string transport, params string[] options)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var output = new LineCounter(30, timeout);
        // The ticks are numbered 1 to 30 and printed in order: the cut after tick n waits until n lines are printed.
        host.Service.BeforeCut = output.WaitForAsync;
        using var error = new StringWriter();
        var url = (transport == "grpc" ? host.GrpcAddress : host.HttpAddress).ToString();
        string[] args = ["--transport", transport, "--url", url, .. options, "ticker", "follow", "--symbol", "SRW", "--drop-after", "7"];
        var exit = await Api.ApiCli.RunAsync(args, new StringReader(string.Empty), output, error, timeout.Token);
        return (exit, output, error.ToString());
    }

    /// <summary>Collects the lines written and cancels the command once it has the expected number.</summary>
    private sealed class LineCounter(int expected, CancellationTokenSource done) : TextWriter
    {
        private readonly StringBuilder _line = new();

        public List<string> Lines { get; } = [];

        public override Encoding Encoding => Encoding.UTF8;

        /// <summary>Waits (at most 10 s) until <paramref name="count"/> lines were written.</summary>
        public async Task WaitForAsync(long count, CancellationToken cancellationToken)
        {
            for (var waited = 0; waited < 2_000; waited++)
            {
                lock (Lines)
                {
                    if (Lines.Count >= count)
                    {
                        return;
                    }
                }

                await Task.Delay(5, cancellationToken);
            }
        }

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
