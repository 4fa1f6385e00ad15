// Licensed under the MIT license. See LICENSE in the project root.

using System.Text;
using Streaming;
using Streaming.Analytics;
using Streaming.Chat;
using Streaming.Logger;
using Streaming.Monitor;

namespace Streaming.Demo;

/// <summary>
/// The clients of one transport: the same generated interfaces whatever the transport. <see cref="Chat"/> and
/// <see cref="Logger"/> carry the credentials chat.connect and logger.manage require; the anonymous ones carry none.
/// <see cref="RoomEvents"/> watches chat.events (over HTTP as Server-Sent Events).
/// </summary>
public sealed record SeedClients(
    string Transport, IMonitorClient Monitor, IAnalyticsClient Analytics, IChatClient Chat, ILoggerClient Logger, IChatClient AnonymousChat, ILoggerClient AnonymousLogger)
{
    public IChatClient RoomEvents { get; init; } = Chat;
}

/// <summary>Every flow of the seed documents, written once against the generated client interfaces.</summary>
public sealed class SeedFlows(TextWriter output)
{
    public async Task RunAsync(SeedClients clients, CancellationToken cancellationToken)
    {
        var t = clients.Transport;
        output.WriteLine();
        output.WriteLine($"===== {t} =====");
        await MonitorAsync(clients, t, cancellationToken);
        await AnalyticsAsync(clients, t, cancellationToken);
        await RefusedAsync(clients, t, cancellationToken);
        await ChatAsync(clients, t, cancellationToken);
        await LoggerAsync(clients, t, cancellationToken);
    }

    // The secured methods refuse a caller without credentials before anything streams.
    private async Task RefusedAsync(SeedClients clients, string t, CancellationToken cancellationToken)
    {
        output.WriteLine($"[{t}] security: chat.connect needs a token, logger.manage the API key");
        await ExpectRefusedAsync(t, "chat.connect without a token", async () =>
        {
            await using var chat = await clients.AnonymousChat.ConnectAsync(cancellationToken);
            await chat.SendAsync(new ConnectStreamingPayload { Message = "let me in", UserId = "mallory" }, cancellationToken);
            await chat.RecvAsync(cancellationToken);
        });
        await ExpectRefusedAsync(t, "logger.manage without the API key", async () =>
        {
            await using var manage = await clients.AnonymousLogger.ManageAsync(cancellationToken);
            await manage.SendAsync(new ManageStreamingPayload { Action = "add", Topic = "system" }, cancellationToken);
            await manage.RecvAsync(cancellationToken);
        });
    }

    private async Task ExpectRefusedAsync(string t, string attempt, Func<Task> call)
    {
        try
        {
            await call();
        }
        catch (Serow.Security.UnauthenticatedError error)
        {
            output.WriteLine($"[{t}] {attempt} is refused: {error.Name}: {error.Message}");
            return;
        }

        throw new InvalidOperationException($"{attempt} was not refused over {t}.");
    }

    private async Task MonitorAsync(SeedClients clients, string t, CancellationToken cancellationToken)
    {
        output.WriteLine($"[{t}] monitor.watch (server streaming): 3 samples, one per second");
        await using var watch = await clients.Monitor.WatchAsync(new WatchPayload { Interval = 1 }, cancellationToken);
        for (var i = 1; i <= 3 && await watch.RecvAsync(cancellationToken) is { } metrics; i++)
        {
            output.WriteLine($"[{t}] monitor.watch sample {i}: CPU {metrics.Cpu:F1}%, memory {metrics.Memory:F1}%");
        }
    }

    private async Task AnalyticsAsync(SeedClients clients, string t, CancellationToken cancellationToken)
    {
        output.WriteLine($"[{t}] analytics.process (client streaming): upload 5 events");
        await using var upload = await clients.Analytics.ProcessAsync(cancellationToken);
        for (var i = 1; i <= 5; i++)
        {
            await upload.SendAsync(Event(i), cancellationToken);
        }

        var result = await upload.CloseAndRecvAsync(cancellationToken);
        output.WriteLine($"[{t}] analytics.process sent 5 events, processed_count = {result.ProcessedCount}");
    }

    private async Task ChatAsync(SeedClients clients, string t, CancellationToken cancellationToken)
    {
        // chat.events, a typed event stream, watches the room while alice and bob talk: the head count first (so the
        // watch is live before anyone joins), then 2 joins, 4 messages and 2 leaves.
        var sse = t == "WebSocket" ? " as Server-Sent Events" : string.Empty;
        await using var events = await clients.RoomEvents.EventsAsync(new EventsPayload { Limit = 9 }, cancellationToken);
        var present = await events.RecvAsync(cancellationToken) ?? throw new InvalidOperationException("chat.events ended before its first event");
        output.WriteLine($"[{t}] chat.events (typed event stream{sse}): watching the room, {Describe(present)}");

        output.WriteLine($"[{t}] chat.connect (bidirectional): alice and bob");
        await using var alice = await clients.Chat.ConnectAsync(cancellationToken);
        await using var bob = await clients.Chat.ConnectAsync(cancellationToken);

        // Each member is in the room once the server has answered it once.
        await alice.SendAsync(new ConnectStreamingPayload { Message = "alice is here", UserId = "alice" }, cancellationToken);
        await ReceiveAsync(alice, "alice", "alice is here", cancellationToken);
        await bob.SendAsync(new ConnectStreamingPayload { Message = "bob is here", UserId = "bob" }, cancellationToken);
        await ReceiveAsync(bob, "bob", "bob is here", cancellationToken);

        await alice.SendAsync(new ConnectStreamingPayload { Message = "hello bob", UserId = "alice" }, cancellationToken);
        var echo = await ReceiveAsync(alice, "alice", "hello bob", cancellationToken);
        output.WriteLine($"[{t}] chat.connect alice <- {echo.UserId}: \"{echo.Message}\" at {echo.Timestamp} (her own message, timestamped)");
        var relayed = await ReceiveAsync(bob, "alice", "hello bob", cancellationToken);
        output.WriteLine($"[{t}] chat.connect bob <- {relayed.UserId}: \"{relayed.Message}\" at {relayed.Timestamp} (broadcast)");
        await bob.SendAsync(new ConnectStreamingPayload { Message = "hi alice", UserId = "bob" }, cancellationToken);
        var answer = await ReceiveAsync(alice, "bob", "hi alice", cancellationToken);
        output.WriteLine($"[{t}] chat.connect alice <- {answer.UserId}: \"{answer.Message}\" at {answer.Timestamp} (broadcast)");

        // Half-close: each stops sending, then drains what is still on its way until the server ends the stream.
        await alice.CloseSendAsync(cancellationToken);
        await bob.CloseSendAsync(cancellationToken);
        while (await alice.RecvAsync(cancellationToken) is not null)
        {
        }

        while (await bob.RecvAsync(cancellationToken) is not null)
        {
        }

        output.WriteLine($"[{t}] chat.connect both half-closed; both streams ended cleanly");

        await foreach (var roomEvent in events.WithCancellation(cancellationToken))
        {
            output.WriteLine($"[{t}] chat.events <- {Describe(roomEvent)}");
        }
    }

    // Match makes every branch of the union answer: a branch added to the design fails this build until handled.
    private static string Describe(RoomEvent roomEvent) => roomEvent.Match(
        present: count => $"present: {count} in the room",
        joined: member => $"joined: {member.UserId} ({member.Members} in the room)",
        message: line => $"message: {line.UserId}: \"{line.Message}\"",
        left: member => $"left: {member.UserId}");

    /// <summary>Receives until the expected message arrives; members also receive what others say, in any order.</summary>
    private static async Task<ConnectResult> ReceiveAsync(IChatConnectClientStream stream, string from, string message, CancellationToken cancellationToken)
    {
        while (await stream.RecvAsync(cancellationToken) is { } received)
        {
            if (received.UserId == from && received.Message == message)
            {
                return received;
            }
        }

        throw new InvalidOperationException($"the chat stream ended before \"{message}\" from {from} arrived");
    }

    private async Task LoggerAsync(SeedClients clients, string t, CancellationToken cancellationToken)
    {
        output.WriteLine($"[{t}] logger.subscribe (server streaming): topic \"analytics\" while 2 events are uploaded");
        await using (var subscription = await clients.Logger.SubscribeAsync(new SubscribePayload { Topic = "analytics" }, cancellationToken))
        {
            // The subscription is live once the server has started streaming; a short upload then produces one entry.
            var first = subscription.RecvAsync(cancellationToken).AsTask();
            await UploadAsync(clients, 2, first, cancellationToken);
            var entry = await first;
            output.WriteLine($"[{t}] logger.subscribe <- [{entry!.Timestamp}] {entry.Message}");
        }

        var sse = t == "WebSocket" ? " as Server-Sent Events" : string.Empty;
        output.WriteLine($"[{t}] logger.follow (server streaming{sse}): topic \"analytics\", then resume after a disconnect");
        string lastId;
        await using (var follow = await clients.Logger.FollowAsync(new FollowPayload { Topic = "analytics" }, cancellationToken))
        {
            var first = follow.RecvAsync(cancellationToken).AsTask();
            await UploadAsync(clients, 4, first, cancellationToken);
            var entry = (await first)!;
            lastId = entry.Id;
            output.WriteLine($"[{t}] logger.follow <- id {entry.Id}: {entry.Message}");
        }

        // Entries published while nobody follows are replayed to a follower that resumes after the last id it saw.
        await UploadAsync(clients, 6, null, cancellationToken);
        await using (var resumed = await clients.Logger.FollowAsync(new FollowPayload { Topic = "analytics", LastEventId = lastId }, cancellationToken))
        {
            while (await resumed.RecvAsync(cancellationToken) is { } entry)
            {
                if (entry.Message == "processed 6 events")
                {
                    output.WriteLine($"[{t}] logger.follow resumed after id {lastId} <- id {entry.Id}: {entry.Message} (published while disconnected)");
                    break;
                }
            }
        }

        output.WriteLine($"[{t}] logger.manage (bidirectional): change topics on the same open stream");
        await using var manage = await clients.Logger.ManageAsync(cancellationToken);
        await manage.SendAsync(new ManageStreamingPayload { Action = "add", Topic = "analytics" }, cancellationToken);
        output.WriteLine($"[{t}] logger.manage <- {(await manage.RecvAsync(cancellationToken))!.Message}");
        await UploadAsync(clients, 3, null, cancellationToken);
        var analytics = await manage.RecvAsync(cancellationToken);
        output.WriteLine($"[{t}] logger.manage <- [{analytics!.Topic}] {analytics.Message}");
        await manage.SendAsync(new ManageStreamingPayload { Action = "add", Topic = "chat" }, cancellationToken);
        output.WriteLine($"[{t}] logger.manage <- {(await manage.RecvAsync(cancellationToken))!.Message}");
        await manage.SendAsync(new ManageStreamingPayload { Action = "remove", Topic = "analytics" }, cancellationToken);
        output.WriteLine($"[{t}] logger.manage <- {(await manage.RecvAsync(cancellationToken))!.Message}");
        await UploadAsync(clients, 1, null, cancellationToken);
        await using (var chat = await clients.Chat.ConnectAsync(cancellationToken))
        {
            await chat.SendAsync(new ConnectStreamingPayload { Message = "anyone there?", UserId = "carol" }, cancellationToken);
            await chat.RecvAsync(cancellationToken);
            await chat.CloseSendAsync(cancellationToken);
        }

        var chatEntry = await manage.RecvAsync(cancellationToken);
        output.WriteLine($"[{t}] logger.manage <- [{chatEntry!.Topic}] {chatEntry.Message} (the analytics upload in between was not followed)");
        await manage.CloseSendAsync(cancellationToken);
    }

    private static async Task UploadAsync(SeedClients clients, int count, Task? until, CancellationToken cancellationToken)
    {
        // A subscription opened over a network is live a moment after the call returns: repeat a small upload until
        // the subscriber has seen an entry (bounded), instead of guessing a delay.
        for (var attempt = 0; attempt < 50; attempt++)
        {
            await using var upload = await clients.Analytics.ProcessAsync(cancellationToken);
            for (var i = 1; i <= count; i++)
            {
                await upload.SendAsync(Event(i), cancellationToken);
            }

            await upload.CloseAndRecvAsync(cancellationToken);
            if (until is null || await Task.WhenAny(until, Task.Delay(200, cancellationToken)) == until)
            {
                return;
            }
        }
    }

    private static ProcessStreamingPayload Event(int i) => new()
    {
        EventType = i % 2 == 0 ? "click" : "view",
        Timestamp = DateTimeOffset.UtcNow.ToString("O"),
        Data = Encoding.UTF8.GetBytes($"event {i}"),
    };
}
