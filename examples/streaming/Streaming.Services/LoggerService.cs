// Licensed under the MIT license. See LICENSE in the project root.

using Streaming.Logger;

namespace Streaming.Services;

/// <summary>logger.subscribe: streams the log entries of one topic as they are published.</summary>
public sealed class LoggerService(LogHub logs) : ILoggerService
{
    public async Task SubscribeAsync(SubscribePayload payload, ILoggerSubscribeServerStream stream, CancellationToken cancellationToken)
    {
        using var subscription = logs.Subscribe(payload.Topic);
        await foreach (var entry in subscription.Entries.ReadAllAsync(cancellationToken))
        {
            await stream.SendAsync(new SubscribeResult { Timestamp = entry.Timestamp, Message = entry.Message }, cancellationToken);
        }
    }
}
