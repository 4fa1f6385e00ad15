// Licensed under the MIT license. See LICENSE in the project root.

using System.Net;
using System.Net.Sockets;
using Grpc.Net.Client;
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
/// logger.follow (a resumable stream) across two example hosts on one real Redis, through the generated clients with
/// reconnect on: a follower whose host stops fails over to the other host and resumes; a follower cut off by a Redis
/// restart resumes on the same host. Each run checks every entry: all of them, in order, none twice.
/// </summary>
public sealed class ExampleResumeTests(RedisServer redis) : IClassFixture<RedisServer>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private static readonly StreamReconnectOptions Reconnect = new() { MaxAttempts = 40, InitialDelay = TimeSpan.FromMilliseconds(50), MaxDelay = TimeSpan.FromMilliseconds(500) };

    public static TheoryData<string> Transports => new() { "grpc", "sse" };

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task AFollowerWhoseHostStops_ResumesOnTheOtherHost(string transport)
    {
        redis.RequireInstalled();
        await using var hostA = await ExampleHosts.StartAsync(redis);
        var hostB = await ExampleHosts.StartAsync(redis);
        using var stop = new CancellationTokenSource(Timeout);
        var run = Guid.NewGuid().ToString("N")[..8];
        var b = transport == "grpc" ? StreamingServer.Addresses(hostB).Grpc : StreamingServer.Addresses(hostB).Http;
        var a = transport == "grpc" ? StreamingServer.Addresses(hostA).Grpc : StreamingServer.Addresses(hostA).Http;
        using var follower = new Follower(transport, b, [b, a]);
        await using var follow = await follower.Client.FollowAsync(new FollowPayload { Topic = "chat" }, stop.Token);
        await using var publisher = await ExampleHosts.PublisherAsync(hostA, stop.Token);
        await StartFollowingAsync(publisher, follow, run, stop.Token);

        var sending = Task.Run(async () =>
        {
            for (var i = 0; i < 300; i++)
            {
                await ExampleHosts.SendAsync(publisher, $"{run} {i}", stop.Token);
            }
        }, CancellationToken.None);

        var received = await ReadNumbersAsync(follow, run, 300, async count =>
        {
            if (count == 100)
            {
                // Host B stops: its streams end with server_stopping; the follower's next connection lands on host A.
                await hostB.StopAsync().WaitAsync(Timeout);
                await hostB.DisposeAsync();
            }
        }, stop.Token);

        await sending;
        Assert.Equal(Enumerable.Range(0, 300), received);
        Assert.Equal(a.Port, follower.LastConnected?.Port);
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task AFollowerCutOffByARedisRestart_ResumesWithoutLossOrRepeat(string transport)
    {
        redis.RequireInstalled();
        await using var host = await ExampleHosts.StartAsync(redis);
        using var stop = new CancellationTokenSource(Timeout);
        var run = Guid.NewGuid().ToString("N")[..8];
        var address = transport == "grpc" ? StreamingServer.Addresses(host).Grpc : StreamingServer.Addresses(host).Http;
        using var follower = new Follower(transport, address, [address]);
        await using var follow = await follower.Client.FollowAsync(new FollowPayload { Topic = "chat" }, stop.Token);
        await using var publisher = await ExampleHosts.PublisherAsync(host, stop.Token);
        await StartFollowingAsync(publisher, follow, run, stop.Token);
        for (var i = 0; i < 50; i++)
        {
            await ExampleHosts.SendAsync(publisher, $"{run} {i}", stop.Token);
        }

        var received = await ReadNumbersAsync(follow, run, 50, null, stop.Token);

        // A read waits while Redis restarts: the host's subscription fails (temporary), the client reconnects until the
        // host can read the topic again, then resumes after entry 49.
        var next = follow.RecvAsync(stop.Token).AsTask();
        await redis.StopAsync();
        await Task.Delay(500, stop.Token);
        await redis.StartAsync();

        // A new chat stream: the first one may have ended with the temporary error of a publish made while Redis was down.
        await using var publisherAfter = await ExampleHosts.PublisherAsync(host, stop.Token);
        for (var i = 50; i < 100; i++)
        {
            await ExampleHosts.SendAsync(publisherAfter, $"{run} {i}", stop.Token);
        }

        var pending = await next;
        while (pending is not null)
        {
            if (Number(pending, run) is { } number)
            {
                received.Add(number);
            }

            pending = received.Count < 100 ? await follow.RecvAsync(stop.Token) : null;
        }

        Assert.Equal(Enumerable.Range(0, 100), received);
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task AFollowerWhoseConnectionDrops_ResumesWithoutLossOrRepeat(string transport)
    {
        redis.RequireInstalled();
        await using var host = await ExampleHosts.StartAsync(redis);
        using var stop = new CancellationTokenSource(Timeout);
        var run = Guid.NewGuid().ToString("N")[..8];
        var address = transport == "grpc" ? StreamingServer.Addresses(host).Grpc : StreamingServer.Addresses(host).Http;
        using var follower = new Follower(transport, address, [address]);
        await using var follow = await follower.Client.FollowAsync(new FollowPayload { Topic = "chat" }, stop.Token);
        await using var publisher = await ExampleHosts.PublisherAsync(host, stop.Token);
        await StartFollowingAsync(publisher, follow, run, stop.Token);
        for (var i = 0; i < 50; i++)
        {
            await ExampleHosts.SendAsync(publisher, $"{run} {i}", stop.Token);
        }

        var received = await ReadNumbersAsync(follow, run, 100, async count =>
        {
            if (count == 40)
            {
                // The client's own connection breaks (as on a network change); what is published next can only arrive
                // on a new connection.
                follower.DropConnections();
                for (var i = 50; i < 100; i++)
                {
                    await ExampleHosts.SendAsync(publisher, $"{run} {i}", stop.Token);
                }
            }
        }, stop.Token);

        Assert.Equal(Enumerable.Range(0, 100), received);
        Assert.True(follower.Connections >= 2, $"{follower.Connections} connections");
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task AResumePastTheRetention_IsResumeExpired(string transport)
    {
        redis.RequireInstalled();
        await using var host = await ExampleHosts.StartAsync(redis, retention: 10);
        using var stop = new CancellationTokenSource(Timeout);
        await using (var publisher = await ExampleHosts.PublisherAsync(host, stop.Token))
        {
            // Redis trims whole nodes of about 100 entries: 300 entries past a retention of 10 drop the oldest.
            for (var i = 0; i < 300; i++)
            {
                await ExampleHosts.SendAsync(publisher, $"filler {i}", stop.Token);
            }
        }

        var address = transport == "grpc" ? StreamingServer.Addresses(host).Grpc : StreamingServer.Addresses(host).Http;
        using var follower = new Follower(transport, address, [address]);
        var error = await Assert.ThrowsAsync<Serow.Topics.ResumeExpiredError>(async () =>
        {
            await using var follow = await follower.Client.FollowAsync(new FollowPayload { Topic = "chat", LastEventId = "0-1" }, stop.Token);
            await follow.RecvAsync(stop.Token);
        });
        Assert.Contains("cannot resume after 0-1", error.Message, StringComparison.Ordinal);
    }

    // Reads the numbered entries of this run until it has `count`, calling `each` with the count after each one.
    private static async Task<List<int>> ReadNumbersAsync(ILoggerFollowClientStream follow, string run, int count, Func<int, Task>? each, CancellationToken cancellationToken)
    {
        var received = new List<int>();
        while (received.Count < count && await follow.RecvAsync(cancellationToken) is { } entry)
        {
            if (Number(entry, run) is { } number)
            {
                received.Add(number);
                if (each is not null)
                {
                    await each(received.Count);
                }
            }
        }

        return received;
    }

    private static int? Number(FollowResult entry, string run)
    {
        var at = entry.Message.IndexOf(run + " ", StringComparison.Ordinal);
        return at >= 0 && int.TryParse(entry.Message.AsSpan(at + run.Length + 1), out var number) ? number : null;
    }

    // A follower reads from the live end once its call reaches the host (a gRPC call starts lazily): markers go out until
    // one arrives, and every entry after it is seen.
    private static async Task StartFollowingAsync(IChatConnectClientStream publisher, ILoggerFollowClientStream follow, string run, CancellationToken cancellationToken)
    {
        using var live = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var markers = Task.Run(async () =>
        {
            while (!live.IsCancellationRequested)
            {
                await ExampleHosts.SendAsync(publisher, $"{run} start", cancellationToken);
                await Task.Delay(100, cancellationToken);
            }
        }, CancellationToken.None);
        while (await follow.RecvAsync(cancellationToken) is { } entry && !entry.Message.EndsWith($"{run} start", StringComparison.Ordinal))
        {
        }

        await live.CancelAsync();
        await markers;
    }

    /// <summary>A logger client whose connections go to the first host of a list that accepts them.</summary>
    private sealed class Follower : IDisposable
    {
        private readonly HttpClient? _http;
        private readonly GrpcChannel? _channel;
        private readonly System.Collections.Concurrent.ConcurrentBag<NetworkStream> _streams = [];
        private int _connections;

        public Follower(string transport, Uri address, Uri[] hosts)
        {
            var handler = new SocketsHttpHandler
            {
                ConnectCallback = async (_, cancellationToken) =>
                {
                    foreach (var host in hosts)
                    {
                        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                        try
                        {
                            await socket.ConnectAsync(new DnsEndPoint(host.Host, host.Port), cancellationToken);
                            LastConnected = host;
                            Interlocked.Increment(ref _connections);
                            var stream = new NetworkStream(socket, ownsSocket: true);
                            _streams.Add(stream);
                            return stream;
                        }
                        catch (SocketException)
                        {
                            socket.Dispose();
                        }
                    }

                    throw new HttpRequestException("no host accepted the connection");
                },
                EnableMultipleHttp2Connections = true,
            };
            if (transport == "grpc")
            {
                _channel = GrpcChannel.ForAddress(address, new GrpcChannelOptions { HttpHandler = handler });
                Client = new LoggerGrpcClient(_channel, new SerowGrpcClientOptions { Reconnect = Reconnect });
            }
            else
            {
                _http = new HttpClient(handler) { BaseAddress = address, Timeout = System.Threading.Timeout.InfiniteTimeSpan };
                Client = new LoggerHttpClient(_http, new SerowHttpClientOptions { Reconnect = Reconnect });
            }
        }

        public ILoggerClient Client { get; }

        public Uri? LastConnected { get; private set; }

        public int Connections => Volatile.Read(ref _connections);

        /// <summary>Breaks every connection made so far, under the client's feet.</summary>
        public void DropConnections()
        {
            foreach (var stream in _streams)
            {
                try
                {
                    stream.Socket.Shutdown(SocketShutdown.Both);
                }
                catch (ObjectDisposedException)
                {
                    // Closed already.
                }
            }
        }

        public void Dispose()
        {
            _channel?.Dispose();
            _http?.Dispose();
        }
    }
}
