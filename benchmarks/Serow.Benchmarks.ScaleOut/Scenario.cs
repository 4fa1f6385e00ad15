// Licensed under the MIT license. See LICENSE in the project root.

using System.Diagnostics;
using System.Net;
using Api;
using Api.Ticker;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Serow.Grpc;
using Serow.Http;
using Serow.Streaming;
using Serow.Topics;
using StackExchange.Redis;

namespace Serow.Benchmarks.ScaleOut;

/// <summary>What one system delivered to one set of subscribers.</summary>
internal sealed record ScenarioResult(string System, int Subscribers, int Messages, double Rate, double P50, double P99, long Lost, int Reconnected, double CpuPerDelivery, double BytesPerDelivery, double WorkItemsPerDelivery)
{
    public override string ToString() => FormattableString.Invariant(
        $"{Subscribers,5} subscribers  {System,-16} delivered {Rate,10:N0} msgs/s  p50 {P50,7:F1} ms  p99 {P99,7:F1} ms  lost {Lost}  reconnected {Reconnected}  CPU {CpuPerDelivery,5:F1} us/delivery  {BytesPerDelivery,5:F0} B/delivery  {WorkItemsPerDelivery,4:F2} work items/delivery");
}

/// <summary>One run: hosts A and B on one Redis, N subscribers on host B, M ticks published on host A.</summary>
internal static class Scenario
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(2);

    // SEROW_BENCH_PUBLISH_WINDOW=N: the burst's publisher keeps up to N publishes in flight (both systems send them in
    // order on one Redis connection) instead of awaiting each; the rate then shows host B's fan-out more than the
    // latency of one publish.
    private static readonly int PublishWindow =
        int.TryParse(Environment.GetEnvironmentVariable("SEROW_BENCH_PUBLISH_WINDOW"), out var window) && window > 1 ? window : 1;

    public static async Task<ScenarioResult> RunAsync(string redisAddress, string system, int subscribers, int burst, int paced, double rate)
    {
        // First a burst published as fast as the publisher can (the delivered rate), then ticks at a fixed rate every
        // system keeps up with (the publish-to-delivery latency, without queueing behind the burst).
        var messages = burst + paced;
        var run = Guid.NewGuid().ToString("N")[..8];
        await using var redisA = await ConnectionMultiplexer.ConnectAsync(redisAddress);
        await using var redisB = await ConnectionMultiplexer.ConnectAsync(redisAddress);
        var published = new long[messages];
        var latencies = new long[subscribers][];
        var counts = new int[subscribers];
        var reconnected = 0;
        using var stop = new CancellationTokenSource(Limit * 2);

        // Host B serves the subscribers; host A only publishes (its own Redis connection, its own SignalR server).
        await using var hostB = await StartHostBAsync(system, redisB, run);
        Func<long, Task> publish;
        IHost? hostA = null;
        if (system == "SignalR")
        {
            hostA = SignalRPublisher(redisAddress, run);
            await hostA.StartAsync();
            var hub = hostA.Services.GetRequiredService<IHubContext<FeedHub>>();
            publish = seq => hub.Clients.All.SendAsync("tick", seq, stop.Token);
        }
        else
        {
            var topic = BenchTicker.Topic(redisA, "bench:" + run);
            publish = async seq => await topic.PublishAsync(new Tick(seq, seq / 100.0), stop.Token);
        }

        var clients = new Clients(system, hostB.GrpcAddress, hostB.HttpAddress);
        // Awaited, not waited on: a thread blocked for the whole burst would make the thread pool add workers (on 2
        // cores), and every idle worker spins.
        var first = new Countdown(subscribers);
        var done = new Countdown(subscribers);
        var burstDone = new Countdown(subscribers);
        long lastDelivery = 0;
        long lastBurstDelivery = 0;

        var seen = new bool[subscribers][];
        long duplicated = 0;
        void Deliver(int subscriber, long seq)
        {
            var now = Stopwatch.GetTimestamp();
            if (seq < 0 || seq >= messages)
            {
                return;
            }

            var mine = latencies[subscriber] ??= new long[messages];
            var heard = seen[subscriber] ??= new bool[messages];
            if (heard[seq])
            {
                Interlocked.Increment(ref duplicated);
                return;
            }

            heard[seq] = true;
            var count = counts[subscriber];
            mine[count] = now - Volatile.Read(ref published[seq]);
            counts[subscriber] = count + 1;
            if (count + 1 == burst)
            {
                Interlocked.Exchange(ref lastBurstDelivery, now);
                burstDone.Signal();
            }

            if (count + 1 == messages)
            {
                Interlocked.Exchange(ref lastDelivery, now);
                done.Signal();
            }
        }

        // Open every subscriber (50 at a time), then wait until each is live.
        using var opening = new SemaphoreSlim(50);
        var readers = await Task.WhenAll(Enumerable.Range(0, subscribers).Select(async s =>
        {
            await opening.WaitAsync(stop.Token);
            try
            {
                return await clients.OpenAsync(s, messages, (seq) => Deliver(s, seq), () => first.Signal(), () => Interlocked.Increment(ref reconnected), stop.Token);
            }
            finally
            {
                opening.Release();
            }
        }));

        // SignalR has no history: warm-up ticks (-1) until every client has heard one. Serow's subscribers read the
        // fresh topic from its start, so they are live once open.
        if (system == "SignalR")
        {
            while (!await first.WaitAsync(TimeSpan.FromMilliseconds(100), stop.Token))
            {
                await publish(-1);
            }
        }

        // The process's CPU time over the burst (publisher, both hosts, every client and StackExchange.Redis alike) per
        // delivery, and the bytes it allocated: what each system costs, less noisy than the rate on a shared machine.
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var allocatedBefore = GC.GetTotalAllocatedBytes();
        var workItemsBefore = ThreadPool.CompletedWorkItemCount;
        var started = Stopwatch.GetTimestamp();
        var inFlight = new Queue<Task>();
        for (var seq = 0; seq < burst; seq++)
        {
            Volatile.Write(ref published[seq], Stopwatch.GetTimestamp());
            inFlight.Enqueue(publish(seq));
            if (inFlight.Count >= PublishWindow)
            {
                await inFlight.Dequeue();
            }
        }

        await Task.WhenAll(inFlight);

        var burstComplete = await burstDone.WaitAsync(Limit, CancellationToken.None);
        var burstEnd = burstComplete ? Interlocked.Read(ref lastBurstDelivery) : Stopwatch.GetTimestamp();
        var burstCpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        var burstAllocated = GC.GetTotalAllocatedBytes() - allocatedBefore;
        var burstWorkItems = ThreadPool.CompletedWorkItemCount - workItemsBefore;
        using (var pace = new PeriodicTimer(TimeSpan.FromSeconds(1 / rate)))
        {
            for (var seq = burst; seq < messages; seq++)
            {
                await pace.WaitForNextTickAsync(stop.Token);
                Volatile.Write(ref published[seq], Stopwatch.GetTimestamp());
                await publish(seq);
            }
        }

        var complete = await done.WaitAsync(Limit, CancellationToken.None);
        if (!complete)
        {
            Console.WriteLine($"  incomplete: {counts.Count(c => c == messages)} of {subscribers} subscribers got every tick; fewest {counts.Min()}");
        }

        var delivered = counts.Sum();
        var lost = (long)subscribers * messages - delivered + Interlocked.Read(ref duplicated);
        await Task.WhenAll(readers.Select(r => r.DisposeAsync().AsTask()));
        await clients.DisposeAsync();
        if (hostA is not null)
        {
            await hostA.StopAsync();
            hostA.Dispose();
        }

        await redisA.GetDatabase().KeyDeleteAsync("serow:topic:bench:" + run);
        // Latencies of the paced ticks only (each subscriber's last `paced` deliveries).
        var all = latencies.Select((l, i) => l is null ? [] : l.Take(counts[i]).Skip(burst)).SelectMany(l => l).Order().ToArray();
        double Millis(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
        return new ScenarioResult(system, subscribers, messages,
            (double)subscribers * burst / ((burstEnd - started) / (double)Stopwatch.Frequency),
            all.Length == 0 ? double.NaN : Millis(all[all.Length / 2]),
            all.Length == 0 ? double.NaN : Millis(all[(int)(all.Length * 0.99)]),
            lost,
            reconnected,
            burstCpu.TotalMicroseconds / ((double)subscribers * burst),
            burstAllocated / ((double)subscribers * burst),
            burstWorkItems / ((double)subscribers * burst));
    }

    private static IHost SignalRPublisher(string redisAddress, string run)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSignalR().AddStackExchangeRedis(redisAddress, o => o.Configuration.ChannelPrefix = RedisChannel.Literal("bench-" + run));
        return builder.Build();
    }

    private static async Task<HostB> StartHostBAsync(string system, IConnectionMultiplexer redis, string run)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2);
            kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http1);
            kestrel.Limits.Http2.MaxStreamsPerConnection = 2_000;
        });
        if (system == "SignalR")
        {
            builder.Services.AddSignalR().AddStackExchangeRedis(redis.Configuration, o => o.Configuration.ChannelPrefix = RedisChannel.Literal("bench-" + run));
        }
        else
        {
            builder.Services.AddHttpContextAccessor();
            builder.Services.AddSingleton<ITopic<Tick>>(BenchTicker.Topic(redis, "bench:" + run));
            builder.Services.AddSingleton<ITickerService, BenchTicker>();
            // SEROW_BENCH_BUFFER_WRITES=false: every message flushed on its own.
            var bufferWrites = Environment.GetEnvironmentVariable("SEROW_BENCH_BUFFER_WRITES") != "false";
            builder.Services.AddTickerGrpc(o => o.BufferWrites = bufferWrites);
            builder.Services.AddTickerHttp(o => o.BufferWrites = bufferWrites);
        }

        var app = builder.Build();
        if (system == "SignalR")
        {
            app.MapHub<FeedHub>("/feed");
        }
        else
        {
            app.MapTickerGrpc();
            app.MapTickerHttp();
        }

        await app.StartAsync();
        var addresses = app.Urls.Select(u => new Uri(u)).ToArray();
        return new HostB(app, addresses[0], addresses[1]);
    }

    private sealed class HostB(WebApplication app, Uri grpc, Uri http) : IAsyncDisposable
    {
        public Uri GrpcAddress { get; } = grpc;

        public Uri HttpAddress { get; } = http;

        public async ValueTask DisposeAsync()
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    /// <summary>The subscribers' clients: one HttpClient or channel shared by all, as one client machine would.</summary>
    private sealed class Clients(string system, Uri grpc, Uri http) : IAsyncDisposable
    {
        private static readonly StreamReconnectOptions Reconnect = new() { MaxAttempts = 20, InitialDelay = TimeSpan.FromMilliseconds(20), MaxDelay = TimeSpan.FromMilliseconds(500) };
        private readonly HttpClient _http = new(new SocketsHttpHandler { EnableMultipleHttp2Connections = true }) { BaseAddress = http, Timeout = Timeout.InfiniteTimeSpan };
        // SEROW_BENCH_GRPC_CHANNELS=N: the gRPC subscribers spread over N channels (N HTTP/2 connections) instead of
        // sharing one, as subscribers on N client machines would.
        private readonly global::Grpc.Net.Client.GrpcChannel[] _channels = Enumerable.Range(0, GrpcChannels).Select(_ => global::Grpc.Net.Client.GrpcChannel.ForAddress(grpc, new global::Grpc.Net.Client.GrpcChannelOptions
        {
            HttpHandler = new SocketsHttpHandler { EnableMultipleHttp2Connections = true },
        })).ToArray();

        private static int GrpcChannels =>
            int.TryParse(Environment.GetEnvironmentVariable("SEROW_BENCH_GRPC_CHANNELS"), out var channels) && channels > 1 ? channels : 1;

        public async Task<IAsyncDisposable> OpenAsync(int subscriber, int messages, Action<long> deliver, Action live, Action reconnected, CancellationToken cancellationToken)
        {
            if (system == "SignalR")
            {
                var connection = new HubConnectionBuilder()
                    .WithUrl(new Uri(http, "feed"), o =>
                    {
                        o.Transports = HttpTransportType.WebSockets;
                        o.SkipNegotiation = true;
                    })
                    .Build();
                var heard = 0;
                connection.On<long>("tick", seq =>
                {
                    if (Interlocked.Exchange(ref heard, 1) == 0)
                    {
                        live();
                    }

                    deliver(seq);
                });
                await connection.StartAsync(cancellationToken);
                return connection;
            }

            // Every 10th subscriber's first connection is cut after half the ticks; it resumes after its last one
            // (SEROW_BENCH_NO_DROPS=1 leaves every connection alone).
            int? dropAfter = subscriber % 10 == 0 && Environment.GetEnvironmentVariable("SEROW_BENCH_NO_DROPS") is null ? messages / 2 : null;
            // WebSocket subscribers ask for serow.v1.batch, as the WebSocket benchmark's Serow client does (ticks the
            // server sends in a row share a frame); SEROW_BENCH_NO_BATCH=1 measures one frame per tick. SSE ignores it.
            var options = new SerowHttpClientOptions { Reconnect = Reconnect, Batching = Environment.GetEnvironmentVariable("SEROW_BENCH_NO_BATCH") is null };
            var grpcOptions = new SerowGrpcClientOptions { Reconnect = Reconnect };
            var reader = system switch
            {
                "Serow SSE" => Read(await new TickerHttpClient(_http, options).EventsAsync(new TickQuery { Symbol = SymbolOf(subscriber), DropAfter = dropAfter }, cancellationToken), r => r.Seq, r => r.Position),
                "Serow gRPC" => Read(await new TickerGrpcClient(_channels[subscriber % _channels.Length], grpcOptions).FollowAsync(new TickQuery { Symbol = SymbolOf(subscriber), DropAfter = dropAfter }, cancellationToken), r => r.Seq, r => r.Position),
                _ => Read(await new TickerHttpClient(_http, options).FollowAsync(new TickQuery { Symbol = SymbolOf(subscriber), DropAfter = dropAfter }, cancellationToken), r => r.Seq, r => r.Position),
            };
            return reader;

            Reader Read<TResult>(IStreamReceiver<TResult> stream, Func<TResult, long> seqOf, Func<TResult, string> positionOf)
                where TResult : class
            {
                var task = Task.Run(async () =>
                {
                    var received = 0;
                    while (received < messages && await stream.RecvAsync(cancellationToken) is { } result)
                    {
                        _ = positionOf(result);
                        deliver(seqOf(result));
                        received++;
                    }

                    if (dropAfter is not null)
                    {
                        reconnected();
                    }
                }, CancellationToken.None);
                return new Reader((IAsyncDisposable)stream, task);
            }
        }

        // One symbol per subscriber (the design allows 1–8 capital letters): the server cuts each subscriber's connection once.
        private static string SymbolOf(int subscriber) =>
            string.Concat("S", (char)('A' + subscriber / 676 % 26), (char)('A' + subscriber / 26 % 26), (char)('A' + subscriber % 26));

        public async ValueTask DisposeAsync()
        {
            _http.Dispose();
            foreach (var channel in _channels)
            {
                channel.Dispose();
            }
            await Task.CompletedTask;
        }
    }

    private static int s_failures;

    /// <summary>How many subscribers have yet to reach a point of the run; awaited without holding a thread.</summary>
    private sealed class Countdown(int count)
    {
        private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _remaining = count;

        public void Signal()
        {
            if (Interlocked.Decrement(ref _remaining) == 0)
            {
                _reached.TrySetResult();
            }
        }

        /// <summary>False when <paramref name="timeout"/> passed first.</summary>
        public async Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
        {
            try
            {
                await _reached.Task.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
                return true;
            }
            catch (TimeoutException)
            {
                return false;
            }
        }
    }

    private sealed class Reader(IAsyncDisposable stream, Task reading) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                await reading;
            }
            catch (Exception e) when (e is OperationCanceledException or ServiceError)
            {
                // Reported as lost ticks; the first few failures are printed.
                if (Interlocked.Increment(ref s_failures) <= 3)
                {
                    Console.WriteLine($"  a subscriber failed: {e.GetType().Name}: {e.Message}");
                }
            }

            await stream.DisposeAsync();
        }
    }
}
