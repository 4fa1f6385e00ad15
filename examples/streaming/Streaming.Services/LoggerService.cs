// Licensed under the MIT license. See LICENSE in the project root.

using Streaming.Logger;

namespace Streaming.Services;

/// <summary>
/// logger.subscribe streams the log entries of one topic as they are published; logger.manage is the interactive
/// variant where the client adds and removes topics on the same open stream.
/// </summary>
public sealed class LoggerService(LogHub logs) : ILoggerService
{
    /// <summary>How many topics one logger.manage stream may follow at once (the design's too_many_topics error says so).</summary>
    public const int MaxTopics = 32;

    public async Task SubscribeAsync(SubscribePayload payload, ILoggerSubscribeServerStream stream, CancellationToken cancellationToken)
    {
        using var subscription = logs.Subscribe(payload.Topic);
        await foreach (var entry in subscription.Entries.ReadAllAsync(cancellationToken))
        {
            await stream.SendAsync(new SubscribeResult { Timestamp = entry.Timestamp, Message = entry.Message }, cancellationToken);
        }
    }

    public async Task FollowAsync(FollowPayload payload, ILoggerFollowServerStream stream, CancellationToken cancellationToken)
    {
        // The topic's position is the entry's id: a client that reconnects after it continues there, on any host. A
        // first call starts at the topic's live end and says so, so that a client whose connection breaks before the
        // first entry resumes there too and misses nothing published meanwhile.
        var after = payload.LastEventId;
        if (string.IsNullOrEmpty(after))
        {
            after = await logs.LatestAsync(cancellationToken);
            await stream.StartAfterAsync(after, cancellationToken);
        }

        await foreach (var entry in logs.FollowAsync(payload.Topic, after, cancellationToken))
        {
            await stream.SendAsync(new FollowResult { Id = entry.Id, Timestamp = entry.Timestamp, Message = entry.Message }, cancellationToken);
        }
    }

    public async Task ManageAsync(ILoggerManageServerStream stream, CancellationToken cancellationToken)
    {
        using var subscription = logs.Subscribe();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);

        // Entries flow out while commands flow in; the stream allows a send and a receive at the same time. Stopping
        // the forwarder ends its wait for the next entry, not a send in flight (whose own token would abort the call).
        var forward = Task.Run(async () =>
        {
            await foreach (var entry in subscription.Entries.ReadAllAsync(stop.Token))
            {
                await stream.SendAsync(new ManageResult { Timestamp = entry.Timestamp, Message = entry.Message, Topic = entry.Topic }, cancellationToken);
            }
        }, CancellationToken.None);

        try
        {
            while (await stream.RecvAsync(cancellationToken) is { } command)
            {
                if (command.Action == "add")
                {
                    // A bounded number of topics per stream: each confirmation lists them, so unbounded topics would let a
                    // client turn a few bytes of commands into a flood of replies.
                    if (!subscription.Topics.Contains(command.Topic) && subscription.Topics.Count >= MaxTopics)
                    {
                        throw new TooManyTopicsError($"this stream already follows {subscription.Topics.Count} topics, the most one stream may follow");
                    }

                    subscription.Add(command.Topic);
                }
                else
                {
                    subscription.Remove(command.Topic);
                }

                // Confirm on the stream itself, so the client knows when the change took effect.
                await stream.SendAsync(new ManageResult
                {
                    Timestamp = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture),
                    Message = $"{command.Action} {command.Topic}: now following [{string.Join(", ", subscription.Topics)}]",
                    Topic = "logger",
                }, cancellationToken);
            }
        }
        finally
        {
            await stop.CancelAsync();
            try
            {
                await forward;
            }
            catch (OperationCanceledException)
            {
                // The forwarder ends by cancellation when the client is done.
            }
        }
    }
}
