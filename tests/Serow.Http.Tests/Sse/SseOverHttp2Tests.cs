// Licensed under the MIT license. See LICENSE in the project root.

using System.Net;
using Serow.Http.Tests.Runtime;
using Streams.Feed;

namespace Serow.Http.Tests.Sse;

/// <summary>
/// Server-Sent Events over HTTP/2, where the responses share one connection: the generated client sends its calls with
/// the HttpClient's default version, the server flushes buffered events from the sender's thread there (not behind the
/// thread pool's queued work, as over HTTP/1.1), and every event still arrives.
/// </summary>
public sealed class SseOverHttp2Tests : IAsyncLifetime
{
    private readonly FeedService _feed = new();
    private readonly VersionRecorder _versions = new();
    private StreamsHost _host = null!;
    private HttpClient _http = null!;
    private FeedHttpClient _client = null!;

    public async ValueTask InitializeAsync()
    {
        _host = await StreamsHost.StartHttp2Async(_feed);
        _versions.InnerHandler = new SocketsHttpHandler();
        _http = new HttpClient(_versions)
        {
            BaseAddress = _host.Address,
            DefaultRequestVersion = HttpVersion.Version20,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Timeout = TimeSpan.FromSeconds(30),
        };
        _client = new FeedHttpClient(_http);
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task ALoneEvent_Arrives_WhileTheHandlerWaits()
    {
        await using var stream = await _client.TicksAsync(new TicksPayload { Topic = "wait" }, Timeouts.Token()).DefaultTimeout();

        // The handler sends one event and then waits forever: the buffered event must be flushed without a further send.
        var first = await stream.RecvAsync(Timeouts.Token()).AsTask().DefaultTimeout();

        Assert.Equal("ready", first!.Text);
        Assert.Equal([HttpVersion.Version20], _versions.Seen.Distinct());
    }

    [Fact]
    public async Task ConcurrentStreams_OnOneConnection_EachGetEveryEventInOrder()
    {
        const int Count = 2_000;
        var streams = Enumerable.Range(0, 8).Select(async _ =>
        {
            await using var stream = await _client.TicksAsync(new TicksPayload { Topic = "plain", Count = Count }, Timeouts.Token());
            var ids = new List<string>();
            while (await stream.RecvAsync(Timeouts.Token()) is { } tick)
            {
                ids.Add(tick.Id!);
            }

            return ids;
        });

        var received = await Task.WhenAll(streams).DefaultTimeout();

        var expected = Enumerable.Range(1, Count).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        Assert.All(received, ids => Assert.Equal(expected, ids));
        Assert.Equal([HttpVersion.Version20], _versions.Seen.Distinct());
    }

    [Fact]
    public async Task APostWithABody_GoesOverHttp2_AsTheClientIsConfigured()
    {
        // The generated client builds its own request messages; they take the HttpClient's DefaultRequestVersion and
        // DefaultVersionPolicy, as HttpClient's GetAsync and PostAsync do (before, every call went as HTTP/1.1 and an
        // HTTP/2-only server answered 400).
        await using var stream = await _client.SnapshotsAsync(new SnapshotsPayload { Names = ["ab", "c"], Count = 2 }, Timeouts.Token()).DefaultTimeout();
        var results = new List<SnapshotsResult>();
        while (await stream.RecvAsync(Timeouts.Token()) is { } snapshot)
        {
            results.Add(snapshot);
        }

        Assert.Equal([0, 1], results.Select(r => r.Seq));
        Assert.Equal([HttpVersion.Version20], _versions.Seen.Distinct());
    }

    /// <summary>Records the HTTP version of every response, to show the calls really went over HTTP/2.</summary>
    private sealed class VersionRecorder : DelegatingHandler
    {
        public System.Collections.Concurrent.ConcurrentQueue<Version> Seen { get; } = new();

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            Seen.Enqueue(response.Version);
            return response;
        }
    }
}
