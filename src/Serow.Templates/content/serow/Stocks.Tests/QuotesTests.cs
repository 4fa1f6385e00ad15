using Serow.Grpc;
using Stocks.Host;
using Stocks.Quotes;

namespace Stocks.Tests;

/// <summary>The host on free ports, called through the generated clients over gRPC and over WebSocket.</summary>
public sealed class QuotesTests
{
    [Fact]
    public async Task Watch_StreamsTheQuotes_OverGrpcAndWebSocket()
    {
        await using var app = StocksHost.Build([], grpcPort: 0, httpPort: 0);
        await app.StartAsync(TestContext.Current.CancellationToken);
        var (grpc, http) = StocksHost.Addresses(app);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        using var channel = SerowGrpcChannel.Create(grpc);
        using var httpClient = new HttpClient { BaseAddress = http };
        IQuotesClient[] clients = [new QuotesGrpcClient(channel), new QuotesHttpClient(httpClient)];
        foreach (var client in clients)
        {
            await using var stream = await client.WatchAsync(new WatchPayload { Symbol = "ACME", Count = 3 }, timeout.Token);
            var sequences = new List<int>();
            while (await stream.RecvAsync(timeout.Token) is { } quote)
            {
                Assert.Equal("ACME", quote.Symbol);
                sequences.Add(quote.Sequence);
            }

            Assert.Equal([1, 2, 3], sequences);
        }
    }

    [Fact]
    public async Task Watch_RefusesAnInvalidSymbol_BeforeCallingTheServer()
    {
        await using var app = StocksHost.Build([], grpcPort: 0, httpPort: 0);
        await app.StartAsync(TestContext.Current.CancellationToken);
        var (grpc, _) = StocksHost.Addresses(app);
        using var channel = SerowGrpcChannel.Create(grpc);
        var client = new QuotesGrpcClient(channel);

        var error = await Assert.ThrowsAsync<Serow.Validation.ValidationException>(() => client.WatchAsync(new WatchPayload { Symbol = "acme!", Count = 3 }, TestContext.Current.CancellationToken));
        Assert.Contains("symbol", error.Message, StringComparison.Ordinal);
    }
}
