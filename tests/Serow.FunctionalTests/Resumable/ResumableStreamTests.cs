// Licensed under the MIT license. See LICENSE in the project root.

using System.Runtime.CompilerServices;
using Api;
using Api.Ticker;
using Serow.Grpc;
using Serow.Http;
using Serow.Streaming;
using Serow.Topics;

namespace Serow.FunctionalTests.Resumable;

/// <summary>
/// Resumable server streams on every transport, with the generated clients' reconnect on: dropped connections, a host
/// that stops and comes back, a silent SSE connection, a resume past the topic's retention, and attempts that run out.
/// Every run checks the ticks one by one: all of them, in order, none twice.
/// </summary>
public sealed class ResumableStreamTests
{
    public static TheoryData<string> Transports => new() { "grpc", "websocket", "sse" };

    private static readonly StreamReconnectOptions Fast = new() { MaxAttempts = 20, InitialDelay = TimeSpan.FromMilliseconds(20), MaxDelay = TimeSpan.FromMilliseconds(500) };

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task Dropped_connections_are_resumed_without_loss_or_repeat(string transport)
    {
        var ticks = new InMemoryTopic<Tick>("ticks");
        await using var host = await TickerHost.StartAsync(ticks);
        await PublishAsync(ticks, 1, 100);
        using var clients = new Clients(host, Fast);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var reading = ReadAsync(clients.Open(transport, dropAfter: 37, after: null, timeout.Token), 300, timeout.Token);
        await PublishAsync(ticks, 101, 300);

        var received = await reading;
        AssertComplete(received, 1, 300);
        Assert.True(host.Service.Connections >= 300 / 37, $"{host.Service.Connections} connections for 300 ticks dropped every 37");
        // The first resume asks for what follows the last tick the client got of the 37 sent (a sent tick may still have
        // been waiting for its flush when the connection broke).
        Assert.Contains(host.Service.Resumes.Skip(1).First(), received.Take(37).Select(r => r.Position));
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public Task A_failure_before_the_first_result_resumes_where_the_server_said_the_stream_started(string transport) =>
        ResumesWhereTheServerSaidTheStreamStartedAsync(transport, beforeStart: null);

    [Theory]
    [MemberData(nameof(Transports))]
    public Task A_start_announced_after_the_transport_opened_the_stream_is_still_where_a_failure_resumes(string transport) =>
        // The handler finds its start after the WebSocket upgrade or the event stream's first bytes have gone (the
        // transport opens an idle stream after UpgradeTimeout, 250 ms): the position follows in-band, before any tick.
        ResumesWhereTheServerSaidTheStreamStartedAsync(transport, beforeStart: token => Task.Delay(TimeSpan.FromMilliseconds(750), token));

    private static async Task ResumesWhereTheServerSaidTheStreamStartedAsync(string transport, Func<CancellationToken, Task>? beforeStart)
    {
        var ticks = new InMemoryTopic<Tick>("ticks");
        await using var host = await TickerHost.StartAsync(ticks);
        await PublishAsync(ticks, 1, 10);
        var live = await ticks.LatestAsync();

        // The first call starts at the live end (after tick 10) and says so; ticks 11-20 are published before it fails,
        // with no tick sent. Without the announced start the reconnect would begin at the new live end, after tick 20.
        host.Service.BeforeStart = beforeStart;
        host.Service.AfterStart = async _ => await PublishAsync(ticks, 11, 20);
        using var clients = new Clients(host, Fast);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var reading = ReadAsync(clients.Open(transport, TickerService.LiveSymbol, dropAfter: 0, after: null, timeout.Token), 20, timeout.Token);
        while (host.Service.Connections < 2)
        {
            await Task.Delay(20, timeout.Token);
        }

        await PublishAsync(ticks, 21, 30);
        var received = await reading;
        AssertComplete(received, 11, 30);
        Assert.Equal([null, live.Value], host.Service.Resumes.Take(2));
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task A_stopped_host_replaced_on_the_same_address_is_resumed(string transport)
    {
        var ticks = new InMemoryTopic<Tick>("ticks");
        var first = await TickerHost.StartAsync(ticks);
        await PublishAsync(ticks, 1, 50);
        using var clients = new Clients(first, Fast);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await using var enumerator = clients.Open(transport, dropAfter: null, after: null, timeout.Token).GetAsyncEnumerator(timeout.Token);
        var received = new List<(long Seq, string Position)>();
        while (received.Count < 50 && await enumerator.MoveNextAsync())
        {
            received.Add(enumerator.Current);
        }

        // The host stops (its streams end with server_stopping); the client retries until the replacement is up.
        await first.StopAsync();
        await PublishAsync(ticks, 51, 120);
        await using var second = await TickerHost.StartAsync(ticks, first);
        await PublishAsync(ticks, 121, 200);
        while (received.Count < 200 && await enumerator.MoveNextAsync())
        {
            received.Add(enumerator.Current);
        }

        AssertComplete(received, 1, 200);
        Assert.Equal(received[49].Position, Assert.Single(second.Service.Resumes));
    }

    [Fact]
    public async Task A_silent_event_stream_is_taken_as_lost_and_resumed()
    {
        var ticks = new InMemoryTopic<Tick>("ticks");

        // A server without keepalives on idle streams: the client's idle timeout sees a dead connection.
        await using var host = await TickerHost.StartAsync(ticks, keepAlive: TimeSpan.Zero);
        await PublishAsync(ticks, 1, 10);
        using var clients = new Clients(host, Fast, sseIdleTimeout: TimeSpan.FromMilliseconds(400));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await using var enumerator = clients.Open("sse", dropAfter: null, after: null, timeout.Token).GetAsyncEnumerator(timeout.Token);
        var received = new List<(long Seq, string Position)>();
        while (received.Count < 10 && await enumerator.MoveNextAsync())
        {
            received.Add(enumerator.Current);
        }

        // A read waits on the silent connection (time between reads does not count): it is dropped and resumed, twice.
        var next = enumerator.MoveNextAsync();
        while (host.Service.Connections < 3)
        {
            await Task.Delay(50, timeout.Token);
        }

        await PublishAsync(ticks, 11, 20);
        while (received.Count < 20 && await next)
        {
            received.Add(enumerator.Current);
            next = received.Count < 20 ? enumerator.MoveNextAsync() : ValueTask.FromResult(false);
        }

        AssertComplete(received, 1, 20);
        Assert.All(host.Service.Resumes.Skip(1), position => Assert.Equal(received[9].Position, position));
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task A_resume_past_the_retention_is_resume_expired(string transport)
    {
        var ticks = new InMemoryTopic<Tick>("ticks", retention: 20);
        await using var host = await TickerHost.StartAsync(ticks);
        await PublishAsync(ticks, 1, 100);
        using var clients = new Clients(host, Fast);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        var error = await Assert.ThrowsAsync<ResumeExpiredError>(() => ReadAsync(clients.Open(transport, dropAfter: null, after: "5", timeout.Token), 1, timeout.Token));
        Assert.Equal(ResumeExpiredError.ErrorName, error.Name);
        Assert.Equal(1, host.Service.Connections);
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task Reconnects_that_keep_failing_end_with_a_typed_error(string transport)
    {
        var ticks = new InMemoryTopic<Tick>("ticks");
        var host = await TickerHost.StartAsync(ticks);
        await PublishAsync(ticks, 1, 5);
        using var clients = new Clients(host, new StreamReconnectOptions { MaxAttempts = 3, InitialDelay = TimeSpan.FromMilliseconds(10), MaxDelay = TimeSpan.FromMilliseconds(50) });
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await using var enumerator = clients.Open(transport, dropAfter: null, after: null, timeout.Token).GetAsyncEnumerator(timeout.Token);
        for (var i = 0; i < 5; i++)
        {
            Assert.True(await enumerator.MoveNextAsync());
        }

        await host.StopAsync();
        var error = await Assert.ThrowsAsync<ReconnectFailedError>(async () => await enumerator.MoveNextAsync());
        Assert.Equal(3, error.Attempts);
        Assert.NotNull(error.InnerException);
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task Without_reconnect_options_a_drop_ends_the_stream_with_its_error(string transport)
    {
        var ticks = new InMemoryTopic<Tick>("ticks");
        await using var host = await TickerHost.StartAsync(ticks);
        await PublishAsync(ticks, 1, 20);
        using var clients = new Clients(host, reconnect: null);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        var error = await Assert.ThrowsAnyAsync<Exception>(() => ReadAsync(clients.Open(transport, dropAfter: 5, after: null, timeout.Token), 20, timeout.Token));
        Assert.True(error is ServiceError { Temporary: true } or OperationCanceledException, error.ToString());
        Assert.Equal(1, host.Service.Connections);
    }

    private static async Task PublishAsync(ITopic<Tick> ticks, long from, long to)
    {
        for (var seq = from; seq <= to; seq++)
        {
            await ticks.PublishAsync(new Tick(seq, seq / 100.0));
        }
    }

    private static async Task<List<(long Seq, string Position)>> ReadAsync(IAsyncEnumerable<(long Seq, string Position)> stream, int count, CancellationToken cancellationToken)
    {
        var received = new List<(long Seq, string Position)>();
        await foreach (var tick in stream.WithCancellation(cancellationToken))
        {
            received.Add(tick);
            if (received.Count == count)
            {
                break;
            }
        }

        return received;
    }

    private static void AssertComplete(List<(long Seq, string Position)> received, long from, long to)
    {
        Assert.Equal(Enumerable.Range((int)from, (int)(to - from + 1)).Select(i => (long)i), received.Select(r => r.Seq));
        Assert.Equal(received.Count, received.Select(r => r.Position).Distinct().Count());
    }

    /// <summary>The generated clients of every transport, with the same reconnect options.</summary>
    private sealed class Clients : IDisposable
    {
        private readonly global::Grpc.Net.Client.GrpcChannel _channel;
        private readonly HttpClient _http;
        private readonly TickerGrpcClient _grpc;
        private readonly TickerHttpClient _rest;

        public Clients(TickerHost host, StreamReconnectOptions? reconnect, TimeSpan? sseIdleTimeout = null)
        {
            _channel = SerowGrpcChannel.Create(host.GrpcAddress);
            _http = new HttpClient { BaseAddress = host.HttpAddress, Timeout = TimeSpan.FromSeconds(30) };
            _grpc = new TickerGrpcClient(_channel, new SerowGrpcClientOptions { Reconnect = reconnect });
            var options = new SerowHttpClientOptions { Reconnect = reconnect };
            if (sseIdleTimeout is { } idle)
            {
                options.ServerSentEventsIdleTimeout = idle;
            }

            _rest = new TickerHttpClient(_http, options);
        }

        public IAsyncEnumerable<(long Seq, string Position)> Open(string transport, int? dropAfter, string? after, CancellationToken cancellationToken) =>
            Open(transport, "SRW", dropAfter, after, cancellationToken);

        public async IAsyncEnumerable<(long Seq, string Position)> Open(
            string transport, string symbol, int? dropAfter, string? after, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            if (transport == "sse")
            {
                await using var events = await _rest.EventsAsync(new TickQuery { Symbol = symbol, DropAfter = dropAfter, After = after }, cancellationToken);
                await foreach (var tick in events.WithCancellation(cancellationToken))
                {
                    yield return (tick.Seq, tick.Position);
                }

                yield break;
            }

            ITickerClient client = transport == "grpc" ? _grpc : _rest;
            await using var follow = await client.FollowAsync(new TickQuery { Symbol = symbol, DropAfter = dropAfter, After = after }, cancellationToken);
            await foreach (var tick in follow.WithCancellation(cancellationToken))
            {
                yield return (tick.Seq, tick.Position);
            }
        }

        public void Dispose()
        {
            _channel.Dispose();
            _http.Dispose();
        }
    }
}
