using Stocks.Quotes;

namespace Stocks.Service;

/// <summary>The quotes service: implements the interface generated from the design.</summary>
public sealed class QuotesService : IQuotesService
{
    public async Task WatchAsync(WatchPayload payload, IQuotesWatchServerStream stream, CancellationToken cancellationToken)
    {
        for (var sequence = 1; sequence <= payload.Count; sequence++)
        {
            var price = 100 + (sequence * 0.25);
            await stream.SendAsync(new WatchResult { Symbol = payload.Symbol, Price = price, Sequence = sequence }, cancellationToken);
            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
        }
    }
}
