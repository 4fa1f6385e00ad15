// Licensed under the MIT license. See LICENSE in the project root.

using System.Collections;
using System.Diagnostics;
using System.Globalization;
using Serow.Http;
using Serow.Security;
using Serow.Streaming;
using Streaming.Chat;
using Streaming.Logger;
using Streaming.ScaleOut;

// Two example hosts share their topics on one Redis. A subscriber follows the "chat" log topic on host B while
// publishers send chat messages on host A; host B is killed mid-stream; the subscriber's generated client reconnects
// (its connections fail over to host A) and resumes after the last entry it received. Every message is checked:
// none lost, none twice, each publisher's in order.
//   Streaming.ScaleOut --a http://127.0.0.1:PA/ --b http://127.0.0.1:PB/ --kill PID_OF_B [--count 100000] [--publishers 4]
var options = Options.Parse(args);
using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
var token = timeout.Token;
var run = Guid.NewGuid().ToString("N")[..8];
var prefix = $"scaleout-{run} ";

using var hostA = new HttpClient { BaseAddress = options.A };
using var issued = await hostA.PostAsync("dev/token?user=publisher", null, token);
issued.EnsureSuccessStatusCode();
var credentials = CallCredentials.BearerToken(await issued.Content.ReadAsStringAsync(token));

// The subscriber: its connections go to host B while it is up, then to host A.
var current = options.B;
using var failover = new HttpClient(FailoverConnector.Handler([options.B, options.A], host => current = host)) { BaseAddress = options.B, Timeout = Timeout.InfiniteTimeSpan };
var subscriber = new LoggerHttpClient(failover, new SerowHttpClientOptions
{
    Reconnect = new StreamReconnectOptions { MaxAttempts = 30, InitialDelay = TimeSpan.FromMilliseconds(100), MaxDelay = TimeSpan.FromSeconds(2) },
});
await using var follow = await subscriber.FollowAsync(new FollowPayload { Topic = "chat" }, token);
Console.WriteLine($"subscriber: following the \"chat\" log on host B ({options.B})");

// A marker first: once it arrives, the follower is live and sees every message after it.
var publishers = new ChatHttpClient[options.Publishers];
for (var i = 0; i < publishers.Length; i++)
{
    publishers[i] = new ChatHttpClient(hostA, new SerowHttpClientOptions { Credentials = credentials });
}

await using (var marker = await publishers[0].ConnectAsync(token))
{
    await marker.SendAsync(new ConnectStreamingPayload { UserId = "publisher", Message = $"scaleout-{run} start" }, token);
    await marker.RecvAsync(token);
}

while (await follow.RecvAsync(token) is { } entry && !entry.Message.EndsWith($"scaleout-{run} start", StringComparison.Ordinal))
{
}

Console.WriteLine($"publishers: {options.Publishers} chat.connect streams on host A ({options.A}) send {options.Count:N0} messages");
var stopwatch = Stopwatch.StartNew();
var publishing = Task.WhenAll(publishers.Select((client, p) => PublishAsync(client, p, token)));

var seen = new BitArray(options.Count);
var lastOf = Enumerable.Repeat(-1, options.Publishers).ToArray();
int distinct = 0, duplicated = 0, outOfOrder = 0;
var killed = false;
using var idle = CancellationTokenSource.CreateLinkedTokenSource(token);
while (distinct < options.Count)
{
    // No progress for 60 s ends the run: what arrived by then is reported.
    idle.CancelAfter(TimeSpan.FromSeconds(60));
    FollowResult? entry;
    try
    {
        entry = await follow.RecvAsync(idle.Token);
    }
    catch (OperationCanceledException) when (!token.IsCancellationRequested)
    {
        Console.WriteLine("subscriber: no entry for 60 s");
        break;
    }

    if (entry is null)
    {
        break;
    }

    var at = entry.Message.IndexOf(prefix, StringComparison.Ordinal);
    if (at < 0 || !int.TryParse(entry.Message.AsSpan(at + prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number >= options.Count)
    {
        continue;
    }

    if (seen[number])
    {
        duplicated++;
        continue;
    }

    seen[number] = true;
    distinct++;
    var publisher = number % options.Publishers;
    if (number < lastOf[publisher])
    {
        outOfOrder++;
    }

    lastOf[publisher] = number;
    if (!killed && distinct >= options.Count / 3)
    {
        killed = true;
        Process.GetProcessById(options.Kill).Kill(entireProcessTree: true);
        Console.WriteLine($"host B killed after {distinct:N0} messages (last entry {entry.Id}); the subscriber reconnects");
    }
}

await publishing;
Console.WriteLine($"subscriber: now on {(current == options.A ? "host A" : "host B")} ({current}), {stopwatch.Elapsed.TotalSeconds:F1} s, last entry {((IStreamPosition)follow).LastPosition}");
if (outOfOrder > 0)
{
    Console.WriteLine($"{outOfOrder} messages arrived out of their publisher's order");
}

Console.WriteLine($"received {distinct} of {options.Count}, {options.Count - distinct} lost, {duplicated} duplicated");
return distinct == options.Count && duplicated == 0 && outOfOrder == 0 && current == options.A ? 0 : 1;

// Publisher p sends the numbers p, p + P, p + 2P… and reads the host's answers as they come.
async Task PublishAsync(ChatHttpClient client, int p, CancellationToken cancellationToken)
{
    await using var stream = await client.ConnectAsync(cancellationToken);
    var answers = Task.Run(async () =>
    {
        while (await stream.RecvAsync(cancellationToken) is not null)
        {
        }
    }, cancellationToken);
    for (var number = p; number < options.Count; number += options.Publishers)
    {
        await stream.SendAsync(new ConnectStreamingPayload { UserId = "publisher", Message = prefix + number.ToString(CultureInfo.InvariantCulture) }, cancellationToken);
    }

    await stream.CloseSendAsync(cancellationToken);
    await answers;
}

/// <summary>The command line.</summary>
internal sealed record Options(Uri A, Uri B, int Kill, int Count, int Publishers)
{
    public static Options Parse(string[] args)
    {
        string Value(string name, string? fallback = null)
        {
            var index = Array.IndexOf(args, name);
            return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback ?? throw new ArgumentException($"{name} is required");
        }

        return new Options(
            new Uri(Value("--a")),
            new Uri(Value("--b")),
            int.Parse(Value("--kill"), CultureInfo.InvariantCulture),
            int.Parse(Value("--count", "100000"), CultureInfo.InvariantCulture),
            int.Parse(Value("--publishers", "4"), CultureInfo.InvariantCulture));
    }
}
