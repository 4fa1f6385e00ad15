// Licensed under the MIT license. See LICENSE in the project root.

using System.Globalization;
using Serow.Validation;
using Streaming.Analytics;

namespace Streaming.Services;

/// <summary>analytics.process: counts the uploaded events, rejecting one whose timestamp is not RFC 3339.</summary>
public sealed class AnalyticsService(LogHub logs) : IAnalyticsService
{
    public async Task ProcessAsync(IAnalyticsProcessServerStream stream, CancellationToken cancellationToken)
    {
        long count = 0;
        await foreach (var analyticsEvent in stream.WithCancellation(cancellationToken))
        {
            if (!DateTimeOffset.TryParse(analyticsEvent.Timestamp, CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            {
                throw new ValidationException(
                    [new ValidationError($"events[{count}].timestamp", "format", $"event {count + 1}: timestamp \"{analyticsEvent.Timestamp}\" is not a date-time")]);
            }

            count++;
        }

        await logs.PublishAsync("analytics", $"processed {count} events", cancellationToken);
        await stream.SendAndCloseAsync(new ProcessResult { ProcessedCount = count }, cancellationToken);
    }
}
