// Licensed under the MIT license. See LICENSE in the project root.

using System.Text;
using Streaming.Analytics;
using Streaming.Chat;
using Streaming.Logger;
using Streaming.Monitor;
using Streaming.Services;

// Every flow of the seed documents, through the generated in-process clients.
using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
var token = timeout.Token;
var logs = new LogHub();
var room = new ChatRoom();

Console.WriteLine("Serow streaming example: the four seed services through the in-process transport");

Console.WriteLine();
Console.WriteLine("monitor.watch (server streaming): 3 samples, one per second");
var monitor = new MonitorInProcessClient(new MonitorService(logs));
await using (var watch = await monitor.WatchAsync(new WatchPayload { Interval = 1 }, token))
{
    for (var i = 1; i <= 3 && await watch.RecvAsync(token) is { } metrics; i++)
    {
        Console.WriteLine($"  sample {i}: CPU {metrics.Cpu:F1}%, memory {metrics.Memory:F1}%");
    }
}

Console.WriteLine();
Console.WriteLine("logger.subscribe (server streaming): entries of topic \"analytics\" while events are uploaded");
var logger = new LoggerInProcessClient(new LoggerService(logs));
await using var subscription = await logger.SubscribeAsync(new SubscribePayload { Topic = "analytics" }, token);
var firstEntry = subscription.RecvAsync(token).AsTask();

Console.WriteLine();
Console.WriteLine("analytics.process (client streaming): upload 5 events");
var analytics = new AnalyticsInProcessClient(new AnalyticsService(logs));
await using (var upload = await analytics.ProcessAsync(token))
{
    for (var i = 1; i <= 5; i++)
    {
        await upload.SendAsync(new ProcessStreamingPayload
        {
            EventType = i % 2 == 0 ? "click" : "view",
            Timestamp = DateTimeOffset.UtcNow.ToString("O"),
            Data = Encoding.UTF8.GetBytes($"event {i}"),
        }, token);
    }

    var result = await upload.CloseAndRecvAsync(token);
    Console.WriteLine($"  sent 5 events, server processed_count = {result.ProcessedCount}");
}

var entry = await firstEntry.WaitAsync(token);
Console.WriteLine($"  logger received: [{entry!.Timestamp}] {entry.Message}");

Console.WriteLine();
Console.WriteLine("chat.connect (bidirectional): alice and bob");
var chat = new ChatInProcessClient(new ChatService(room, logs));
await using var alice = await chat.ConnectAsync(token);
await using var bob = await chat.ConnectAsync(token);
await alice.SendAsync(new ConnectStreamingPayload { Message = "hello bob", UserId = "alice" }, token);
var echo = await alice.RecvAsync(token);
Console.WriteLine($"  alice <- {echo!.UserId}: {echo.Message} at {echo.Timestamp}");
var relayed = await bob.RecvAsync(token);
Console.WriteLine($"  bob   <- {relayed!.UserId}: {relayed.Message} at {relayed.Timestamp}");
await bob.SendAsync(new ConnectStreamingPayload { Message = "hi alice", UserId = "bob" }, token);
Console.WriteLine($"  bob   <- {(await bob.RecvAsync(token))!.Message} (own message, timestamped)");
Console.WriteLine($"  alice <- {(await alice.RecvAsync(token))!.Message} (from bob)");
await alice.CloseSendAsync(token);
await bob.CloseSendAsync(token);
Console.WriteLine($"  both closed their send side; streams ended: alice {await alice.RecvAsync(token) is null}, bob {await bob.RecvAsync(token) is null}");

Console.WriteLine();
Console.WriteLine("logger.manage (bidirectional): change topics on the same open stream");
await using (var manage = await logger.ManageAsync(token))
{
    await manage.SendAsync(new ManageStreamingPayload { Action = "add", Topic = "database" }, token);
    Console.WriteLine($"  <- {(await manage.RecvAsync(token))!.Message}");
    logs.Publish("database", "connection pool exhausted");
    logs.Publish("network", "link down (not followed yet)");
    var database = await manage.RecvAsync(token);
    Console.WriteLine($"  <- [{database!.Topic}] {database.Message}");
    await manage.SendAsync(new ManageStreamingPayload { Action = "add", Topic = "network" }, token);
    Console.WriteLine($"  <- {(await manage.RecvAsync(token))!.Message}");
    logs.Publish("network", "link up");
    var network = await manage.RecvAsync(token);
    Console.WriteLine($"  <- [{network!.Topic}] {network.Message}");
    await manage.SendAsync(new ManageStreamingPayload { Action = "remove", Topic = "database" }, token);
    Console.WriteLine($"  <- {(await manage.RecvAsync(token))!.Message}");
    logs.Publish("database", "query failed (no longer followed)");
    logs.Publish("network", "latency 12 ms");
    var last = await manage.RecvAsync(token);
    Console.WriteLine($"  <- [{last!.Topic}] {last.Message}");
    await manage.CloseSendAsync(token);
}

Console.WriteLine();
Console.WriteLine("done: every flow completed");
