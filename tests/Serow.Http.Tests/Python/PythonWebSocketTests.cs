// Licensed under the MIT license. See LICENSE in the project root.

using Serow.Http.Tests.Runtime;
using Streaming.Logger;

namespace Serow.Http.Tests.Python;

/// <summary>
/// docs/protocol-websocket.md read by someone else: an independent client (Python's websockets library, no Serow code)
/// against the streaming example's host. Each test runs one scenario of tests/tools/python-ws/ws_client.py and checks
/// its exit code and printed checks, observing the server side (log subscriptions, chat members) in between.
/// </summary>
public sealed class PythonWebSocketTests
{
    [Fact]
    public async Task Subscribe_ReceivesEntries_AndClosingEndsTheSubscription()
    {
        await using var host = await ExampleHost.StartAsync();

        var run = await PythonClient.RunAsync(host.WebSocketBase, "subscribe", host: host, onWait: async tag =>
        {
            if (tag == "subscribed")
            {
                // The Python subscriber's subscription is live: upload through Serow's generated client.
                Assert.Equal(1, host.Logs.SubscriptionCount);
                return $"uploaded {await host.UploadAsync(7, Timeouts.Token())}";
            }

            // After the client's 1001 close the server cancels the handler, which disposes its subscription.
            Assert.True(await ExampleHost.EventuallyAsync(() => host.Logs.SubscriptionCount == 0), $"{host.Logs.SubscriptionCount} subscriptions left");
            return "";
        });

        run.AssertPassed(
            "upload 3: processed_count is 3",
            "upload 3: the server's close is 1000",
            "subscribe: received \"processed 3 events\"",
            "subscribe: received \"processed 5 events\"",
            "subscribe: entry has exactly timestamp and message",
            "subscribe: timestamp is RFC 3339",
            "subscribe: received the entry of the other client's upload",
            "data frame on a server stream: close 1008",
            "subscribe: closed with 1001");
    }

    [Fact]
    public async Task CloseFrames_1000_1001_NoStatus_OnEveryKindOfStream_AreAnsweredAtOnce_AndCancelTheHandlers()
    {
        await using var host = await ExampleHost.StartAsync();

        var run = await PythonClient.RunAsync(host.WebSocketBase, "closes", host: host, onWait: async _ =>
        {
            // Every stream was stopped by its client's close: each handler's token fired and the call ended.
            Assert.True(await ExampleHost.EventuallyAsync(() => host.Calls.ActiveStreams == 0), $"{host.Calls.ActiveStreams} streams still open");
            return "";
        });

        var checks = new List<string>();
        foreach (var kind in new[] { "server stream", "client stream", "bidirectional stream" })
        {
            foreach (var variant in new[] { "1000", "1001", "no status" })
            {
                checks.Add($"{kind}, close {variant}: the server answers within 1 s");
                checks.Add($"{kind}, close {variant}: the server's close frame arrived (no reset)");
            }
        }

        run.AssertPassed([.. checks]);
        Assert.Equal(0, host.Logs.SubscriptionCount);
        Assert.Equal(0, host.Chat.MemberCount);
    }

    [Fact]
    public async Task Chat_EchoBroadcastAndHalfClose()
    {
        await using var host = await ExampleHost.StartAsync();

        var run = await PythonClient.RunAsync(host.WebSocketBase, "chat", host: host);

        run.AssertPassed(
            "chat: the sender gets its message back",
            "chat: the other member receives the broadcast",
            "half-close: the server's remaining messages arrive after the client's end of input",
            "half-close: then the server closes with 1000",
            "null frame ends input: the server closes with 1000");
        Assert.True(await ExampleHost.EventuallyAsync(() => host.Chat.MemberCount == 0), $"{host.Chat.MemberCount} chat members left");
    }

    [Fact]
    public async Task Manage_AddAndRemoveTopicsOnOneStream()
    {
        await using var host = await ExampleHost.StartAsync();

        var run = await PythonClient.RunAsync(host.WebSocketBase, "manage", host: host);

        run.AssertPassed(
            "manage: add is confirmed on the stream",
            "manage: the followed topic's entry arrives",
            "manage: remove is confirmed",
            "manage: half-close ends the call with 1000");
        Assert.True(await ExampleHost.EventuallyAsync(() => host.Logs.SubscriptionCount == 0), $"{host.Logs.SubscriptionCount} subscriptions left");
    }

    [Fact]
    public async Task BadPeers_GetTypedErrorFramesAndCloseCodes_WhileOtherStreamsKeepWorking()
    {
        await using var host = await ExampleHost.StartAsync(heartbeat: TimeSpan.FromMilliseconds(100));
        using var http = new HttpClient { BaseAddress = host.Http, Timeout = Timeouts.Default };
        var logger = new LoggerHttpClient(http);

        // A healthy stream of Serow's generated client, open through all the bad cases (the script keeps its own too).
        await using var system = await logger.SubscribeAsync(new SubscribePayload { Topic = "system" }, Timeouts.Token());
        Assert.NotNull(await system.RecvAsync(Timeouts.Token()));

        var run = await PythonClient.RunAsync(host.WebSocketBase, "errors", host: host);

        run.AssertPassed(
            "invalid action: the violation names field action and rule enum",
            "invalid action: close 4400 invalid_message",
            "missing topic: close 4400",
            "oversized message: close 1009",
            "invalid JSON: close 1007",
            "binary frame: close 1003",
            "refused upgrade: Serow-Error header holds the error body",
            "parallel chat stream still works after binary frame",
            "parallel chat stream ends normally");

        // The generated client's stream is still live: a heartbeat published after the script is received.
        var published = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture);
        SubscribeResult? entry = null;
        for (var i = 0; i < 1000 && (entry is null || string.CompareOrdinal(entry.Timestamp, published) < 0); i++)
        {
            entry = await system.RecvAsync(Timeouts.Token());
            Assert.NotNull(entry);
        }

        Assert.StartsWith("heartbeat", entry!.Message, StringComparison.Ordinal);

        // Every refused connection's handler ended: only the generated client's subscription is left.
        Assert.True(await ExampleHost.EventuallyAsync(() => host.Logs.SubscriptionCount == 1), $"{host.Logs.SubscriptionCount} subscriptions");
        Assert.True(await ExampleHost.EventuallyAsync(() => host.Chat.MemberCount == 0), $"{host.Chat.MemberCount} chat members left");
    }

    [Fact]
    public async Task Disconnect_WithoutCloseFrame_CancelsTheServerHandlers()
    {
        await using var host = await ExampleHost.StartAsync();
        var seen = (Members: -1, Subscriptions: -1);

        var run = await PythonClient.RunAsync(host.WebSocketBase, "disconnect", host: host, onWait: async tag =>
        {
            if (tag == "connected")
            {
                // Both handlers run: chat.connect holds a room member, logger.manage a log subscription.
                await ExampleHost.EventuallyAsync(() => host.Chat.MemberCount == 1 && host.Logs.SubscriptionCount == 1);
                seen = (host.Chat.MemberCount, host.Logs.SubscriptionCount);
                return "drop";
            }

            // The client dropped both TCP connections without a close frame: the server cancels both handlers.
            Assert.True(await ExampleHost.EventuallyAsync(() => host.Chat.MemberCount == 0), $"{host.Chat.MemberCount} chat members left");
            Assert.True(await ExampleHost.EventuallyAsync(() => host.Logs.SubscriptionCount == 0), $"{host.Logs.SubscriptionCount} subscriptions left");
            return "";
        });

        Assert.Equal((1, 1), seen);
        run.AssertPassed("disconnect: chat member and log follower are connected", "disconnect: the test saw both handlers running");
    }
}
