// Licensed under the MIT license. See LICENSE in the project root.

using Streams.Feed;

namespace Serow.Http.Tests.Sse;

/// <summary>The feed implementation the SSE tests drive: the topic chooses the behaviour.</summary>
public sealed class FeedService : IFeedService
{
    public const string MultilineText = "first\nsecond\n\nfourth";

    /// <summary>Completes when a handler saw its token fire.</summary>
    public TaskCompletionSource HandlerCancelled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The Last-Event-ID the last ticks call received.</summary>
    public string? LastIdSeen { get; private set; }

    public async Task TicksAsync(TicksPayload payload, IFeedTicksServerStream stream, CancellationToken cancellationToken)
    {
        LastIdSeen = payload.LastId;
        var start = int.TryParse(payload.LastId, out var last) ? last + 1 : 1;
        var count = payload.Count ?? 3;
        switch (payload.Topic)
        {
            case "fail_before":
                throw new GoneError("the topic was removed");
            case "multiline":
                await stream.SendAsync(new TicksResult { Id = "1", Text = MultilineText }, cancellationToken);
                return;
            case "reserved":
                await stream.SendAsync(new TicksResult { Kind = "error", Text = "not an error" }, cancellationToken);
                return;
            case "wait":
                await stream.SendAsync(new TicksResult { Id = "1", Text = "ready" }, cancellationToken);
                try
                {
                    await Task.Delay(Timeout.Infinite, cancellationToken);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    HandlerCancelled.TrySetResult();
                    throw;
                }

                return;
            case "idle":
                await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
                return;
        }

        for (var i = start; i < start + count; i++)
        {
            await stream.SendAsync(
                new TicksResult
                {
                    Id = i.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    Kind = i % 2 == 0 ? "even" : null,
                    Text = "tick " + i,
                    RetryMs = i == start ? 1500 : null,
                },
                cancellationToken);
        }

        if (payload.Topic == "fail_after")
        {
            throw new GoneError("the topic went away mid-stream");
        }
    }

    public async Task SnapshotsAsync(SnapshotsPayload payload, IFeedSnapshotsServerStream stream, CancellationToken cancellationToken)
    {
        for (var i = 0; i < payload.Count; i++)
        {
            await stream.SendAsync(
                new SnapshotsResult { Seq = i, Values = payload.Names.ToDictionary(n => n, n => n.Length + i / 10.0) },
                cancellationToken);
        }
    }
}
