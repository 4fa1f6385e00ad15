using Stocks.Quotes;

namespace Stocks.Service;

/// <summary>The quotes service: implements the interface generated from the design.</summary>
public sealed class QuotesService : IQuotesService
{
    public async Task WatchAsync(WatchPayload payload, IQuotesWatchServerStream stream, CancellationToken cancellationToken)
    {
        var price = 100.0;
        for (var sequence = 1; sequence <= payload.Count; sequence++)
        {
            price += Random.Shared.NextDouble() - 0.5;
            await stream.SendAsync(new WatchResult { Symbol = payload.Symbol, Price = Math.Round(price, 2), Sequence = sequence }, cancellationToken);
            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
        }
    }
}
