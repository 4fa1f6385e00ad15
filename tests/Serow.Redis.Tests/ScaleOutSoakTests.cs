// Licensed under the MIT license. See LICENSE in the project root.

using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Serow.Grpc;
using Serow.Http;
using Serow.Security;
using Serow.Streaming;
using Streaming.Chat;
using Streaming.Logger;
using Streaming.Server;
using Streaming.Services;

namespace Serow.Redis.Tests;

/// <summary>
/// A bounded soak of two example hosts on one real Redis: 1,000 subscribers (logger.follow over gRPC and SSE and
/// logger.subscribe over WebSocket on host B, logger.follow over SSE on host A) receive what a publisher on host A says,
/// so every transport fans out across hosts, for a fixed time (60 s by default,
/// <c>SEROW_SOAK_SECONDS</c> to change it). Every subscriber gets every message once and in order, and when they are gone
/// both hosts' active-call counters are back to 0.
/// </summary>
public sealed class ScaleOutSoakTests(RedisServer redis) : IClassFixture<RedisServer>
{
    private const int Subscribers = 1000;
    private const int MessagesPerSecond = 20;

    private static int Seconds => int.TryParse(Environment.GetEnvironmentVariable("SEROW_SOAK_SECONDS"), CultureInfo.InvariantCulture, out var s) && s > 0 ? s : 60;

    [Fact]
    public async Task ThousandSubscribersOnTwoHosts_GetEveryMessage_AndTheHostsEndWithNoOpenStream()
    {
        redis.RequireInstalled();
        await using var hostA = await ExampleHosts.StartAsync(redis);
        await using var hostB = await ExampleHosts.StartAsync(redis);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(Seconds + 120));
        var run = Guid.NewGuid().ToString("N")[..8];
        var count = Seconds * MessagesPerSecond;
        var (grpcB, httpB) = StreamingServer.Addresses(hostB);
        var (_, httpA) = StreamingServer.Addresses(hostA);
        using var channel = GrpcChannelFor(grpcB);
        using var sseHttp = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue }) { BaseAddress = httpB, Timeout = Timeout.InfiniteTimeSpan };
        using var wsHttp = new HttpClient { BaseAddress = httpB };
        using var sseHttpA = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue }) { BaseAddress = httpA, Timeout = Timeout.InfiniteTimeSpan };
        var grpc = new LoggerGrpcClient(channel);
        var sse = new LoggerHttpClient(sseHttp);
        var ws = new LoggerHttpClient(wsHttp);
        var sseA = new LoggerHttpClient(sseHttpA);

        var live = new CountdownEvent(Subscribers);
        var subscribers = new List<Task<string?>>(Subscribers);
        for (var i = 0; i < Subscribers; i++)
        {
            // Opened concurrently: a stream's first response waits for its first event or the upgrade timeout (250 ms).
            var kind = i % 4;
            subscribers.Add(Task.Run(async () => kind switch
            {
                0 => await ReadAsync<FollowResult>(await grpc.FollowAsync(new FollowPayload { Topic = "chat" }, stop.Token), e => e.Message, run, count, live, stop.Token),
                1 => await ReadAsync<FollowResult>(await sse.FollowAsync(new FollowPayload { Topic = "chat" }, stop.Token), e => e.Message, run, count, live, stop.Token),
                2 => await ReadAsync<FollowResult>(await sseA.FollowAsync(new FollowPayload { Topic = "chat" }, stop.Token), e => e.Message, run, count, live, stop.Token),
                _ => await ReadAsync<SubscribeResult>(await ws.SubscribeAsync(new SubscribePayload { Topic = "chat" }, stop.Token), e => e.Message, run, count, live, stop.Token),
            }, CancellationToken.None));
        }

        await using var publisher = await ExampleHosts.PublisherAsync(hostA, stop.Token);

        // Markers until every subscriber is live (a gRPC call reaches the host lazily), then the numbered messages.
        while (!live.Wait(TimeSpan.FromMilliseconds(200), stop.Token))
        {
            await ExampleHosts.SendAsync(publisher, $"{run} live", stop.Token);
        }

        using var pace = new PeriodicTimer(TimeSpan.FromSeconds(1.0 / MessagesPerSecond));
        for (var i = 0; i < count; i++)
        {
            await ExampleHosts.SendAsync(publisher, $"{run} {i}", stop.Token);
            await pace.WaitForNextTickAsync(stop.Token);
        }

        var failures = (await Task.WhenAll(subscribers)).OfType<string>().ToList();
        Assert.True(failures.Count == 0, $"{failures.Count} of {Subscribers} subscribers failed; first: {failures.FirstOrDefault()}");

        await publisher.CloseSendAsync(stop.Token);
        var trackers = new[] { hostA, hostB }.Select(h => h.Services.GetRequiredService<ServerCallTracker>()).ToArray();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (trackers.Any(t => t.ActiveStreams > 0) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100, stop.Token);
        }

        Assert.Equal([0, 0], trackers.Select(t => t.ActiveStreams));
    }

    // Reads one subscriber's stream until it has every numbered message; returns what went wrong, or null.
    private static async Task<string?> ReadAsync<TEntry>(IStreamReceiver<TEntry> stream, Func<TEntry, string> message, string run, int count, CountdownEvent live, CancellationToken cancellationToken)
        where TEntry : class
    {
        await Task.Yield();
        await using ((IAsyncDisposable)stream)
        {
            var isLive = false;
            var next = 0;
            try
            {
                while (next < count && await stream.RecvAsync(cancellationToken) is { } entry)
                {
                    var text = message(entry);
                    var at = text.IndexOf(run + " ", StringComparison.Ordinal);
                    if (at < 0)
                    {
                        continue;
                    }

                    var rest = text.AsSpan(at + run.Length + 1);
                    if (rest.SequenceEqual("live"))
                    {
                        if (!isLive)
                        {
                            isLive = true;
                            live.Signal();
                        }

                        continue;
                    }

                    var number = int.Parse(rest, CultureInfo.InvariantCulture);
                    if (number != next)
                    {
                        return $"expected message {next}, got {number}";
                    }

                    next++;
                }
            }
            catch (Exception e)
            {
                return $"failed after {next} messages: {e.GetType().Name}: {e.Message}";
            }

            return next == count ? null : $"the stream ended after {next} of {count} messages";
        }
    }

    private static global::Grpc.Net.Client.GrpcChannel GrpcChannelFor(Uri address) =>
        global::Grpc.Net.Client.GrpcChannel.ForAddress(address, new global::Grpc.Net.Client.GrpcChannelOptions
        {
            // Kestrel allows 100 streams per HTTP/2 connection; hundreds of open streams need several connections.
            HttpHandler = new SocketsHttpHandler { EnableMultipleHttp2Connections = true },
        });

}
