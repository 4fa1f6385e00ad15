// Licensed under the MIT license. See LICENSE in the project root.

using System.Net;
using System.Net.Http.Json;
using Serow.Http.ServerSentEvents;
using Serow.Http.Tests.RawBodies;
using Serow.Http.Tests.Runtime;
using Serow.Validation;
using Streams.Feed;

namespace Serow.Http.Tests.Sse;

/// <summary>Server-Sent Events through the generated client and server over real Kestrel, and against raw peers.</summary>
public sealed class SseTests : IAsyncLifetime
{
    private readonly FeedService _feed = new();
    private StreamsHost _host = null!;
    private HttpClient _http = null!;
    private FeedHttpClient _client = null!;

    public async ValueTask InitializeAsync()
    {
        _host = await StreamsHost.StartAsync(_feed, new FilesService(), o => o.KeepAliveInterval = TimeSpan.FromMilliseconds(100));
        _http = _host.CreateClient();
        _client = new FeedHttpClient(_http);
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task Ticks_CarryIdTypeRetryAndData()
    {
        await using var stream = await _client.TicksAsync(new TicksPayload { Topic = "plain", Count = 3 }, Timeouts.Token()).DefaultTimeout();

        var results = await ReadAllAsync(stream);

        Assert.Equal(["1", "2", "3"], results.Select(r => r.Id));
        Assert.Equal([null, "even", null], results.Select(r => r.Kind));
        Assert.Equal(["tick 1", "tick 2", "tick 3"], results.Select(r => r.Text));
        Assert.Equal([1500, null, null], results.Select(r => r.RetryMs));
        var sse = Assert.IsAssignableFrom<Serow.Streaming.IStreamPosition>(stream);
        Assert.Equal("3", sse.LastPosition);
        Assert.Equal(TimeSpan.FromMilliseconds(1500), sse.ReconnectionInterval);
    }

    [Fact]
    public async Task Ticks_OnTheWire_AreSpecFrames()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "feed/plain?count=2");

        using var response = await _http.SendAsync(request, Timeouts.Token()).DefaultTimeout();
        var text = await response.Content.ReadAsStringAsync(Timeouts.Token());

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("no-cache", response.Headers.CacheControl!.ToString());
        Assert.Equal("data: tick 1\nid: 1\nretry: 1500\n\nevent: even\ndata: tick 2\nid: 2\n\n", text);
    }

    [Fact]
    public async Task MultilineData_IsSeveralDataLines_JoinedWithLf()
    {
        await using var stream = await _client.TicksAsync(new TicksPayload { Topic = "multiline" }, Timeouts.Token()).DefaultTimeout();
        var raw = await _http.GetStringAsync("feed/multiline", Timeouts.Token()).DefaultTimeout();

        var result = await stream.RecvAsync(Timeouts.Token()).AsTask().DefaultTimeout();

        Assert.Equal(FeedService.MultilineText, result!.Text);
        Assert.Contains("data: first\ndata: second\ndata: \ndata: fourth\n", raw, StringComparison.Ordinal);
        Assert.Null(await stream.RecvAsync(Timeouts.Token()).AsTask().DefaultTimeout());
    }

    [Fact]
    public async Task Resume_SendsLastEventId_AndTheServerContinuesAfterIt()
    {
        string lastId;
        await using (var first = await _client.TicksAsync(new TicksPayload { Topic = "plain", Count = 5 }, Timeouts.Token()).DefaultTimeout())
        {
            await first.RecvAsync(Timeouts.Token()).AsTask().DefaultTimeout();
            lastId = (await first.RecvAsync(Timeouts.Token()).AsTask().DefaultTimeout())!.Id!;
        }

        await using var resumed = await _client.TicksAsync(new TicksPayload { Topic = "plain", Count = 2, LastId = lastId }, Timeouts.Token()).DefaultTimeout();
        var results = await ReadAllAsync(resumed);

        Assert.Equal("2", _feed.LastIdSeen);
        Assert.Equal(["3", "4"], results.Select(r => r.Id));
    }

    [Fact]
    public async Task LastEventIdHeader_OfARawClient_FillsTheRequestIdAttribute()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "feed/plain?count=1");
        request.Headers.Add("Last-Event-ID", "41");

        using var response = await _http.SendAsync(request, Timeouts.Token()).DefaultTimeout();
        var text = await response.Content.ReadAsStringAsync(Timeouts.Token());

        Assert.Equal("41", _feed.LastIdSeen);
        Assert.Contains("\nid: 42\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ErrorBeforeFirstEvent_IsAnHttpError_TypedAtTheCall()
    {
        var error = await Assert.ThrowsAsync<GoneError>(() => _client.TicksAsync(new TicksPayload { Topic = "fail_before" }, Timeouts.Token()).DefaultTimeout());
        using var response = await _http.GetAsync("feed/fail_before", Timeouts.Token()).DefaultTimeout();

        Assert.Equal("the topic was removed", error.Message);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("gone", HttpErrors.TryParse(await response.Content.ReadAsStringAsync(Timeouts.Token()))!.Name);
    }

    [Fact]
    public async Task InvalidPayload_Is400_TypedAtTheCall()
    {
        var error = await Assert.ThrowsAsync<ValidationException>(() => _client.TicksAsync(new TicksPayload { Topic = "plain", Count = -1 }, Timeouts.Token()).DefaultTimeout());

        Assert.Contains(error.Errors, e => e.Field == "count" && e.Rule == "minimum");
    }

    [Fact]
    public async Task ErrorAfterFirstEvent_IsAnErrorEvent_RethrownTypedAfterTheResults()
    {
        await using var stream = await _client.TicksAsync(new TicksPayload { Topic = "fail_after", Count = 2 }, Timeouts.Token()).DefaultTimeout();
        var raw = await _http.GetStringAsync("feed/fail_after?count=1", Timeouts.Token()).DefaultTimeout();

        var first = await stream.RecvAsync(Timeouts.Token()).AsTask().DefaultTimeout();
        var second = await stream.RecvAsync(Timeouts.Token()).AsTask().DefaultTimeout();
        var error = await Assert.ThrowsAsync<GoneError>(() => stream.RecvAsync(Timeouts.Token()).AsTask().DefaultTimeout());

        Assert.Equal(("1", "2"), (first!.Id, second!.Id));
        Assert.Equal("the topic went away mid-stream", error.Message);
        Assert.Matches("event: error\ndata: \\{\"name\":\"gone\",\"id\":\"[^\"]+\",\"message\":\"the topic went away mid-stream\",\"temporary\":false,\"timeout\":false,\"fault\":false\\}\n\n$", raw);
        await Assert.ThrowsAsync<GoneError>(() => stream.RecvAsync(Timeouts.Token()).AsTask().DefaultTimeout());
    }

    [Fact]
    public async Task ReservedEventType_FailsTheSend()
    {
        var error = await Assert.ThrowsAsync<ServiceError>(() => _client.TicksAsync(new TicksPayload { Topic = "reserved" }, Timeouts.Token()).DefaultTimeout());

        Assert.Equal(ServiceError.InternalName, error.Name);
    }

    [Fact]
    public async Task ClientDisconnect_CancelsTheHandler()
    {
        var stream = await _client.TicksAsync(new TicksPayload { Topic = "wait" }, Timeouts.Token()).DefaultTimeout();
        Assert.Equal("ready", (await stream.RecvAsync(Timeouts.Token()).AsTask().DefaultTimeout())!.Text);

        await stream.DisposeAsync();

        await _feed.HandlerCancelled.Task.DefaultTimeout();
    }

    [Fact]
    public async Task IdleStream_GetsKeepAliveComments_WhichTheClientIgnores()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "feed/wait");
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, Timeouts.Token()).DefaultTimeout();
        await using var body = await response.Content.ReadAsStreamAsync(Timeouts.Token());
        using var reader = new StreamReader(body);

        var lines = new List<string>();
        for (var i = 0; i < 10 && !lines.Contains(": keepalive"); i++)
        {
            lines.Add((await reader.ReadLineAsync(Timeouts.Token()).AsTask().DefaultTimeout())!);
        }

        Assert.Equal(["data: ready", "id: 1", ""], lines.Take(3));
        Assert.Contains(": keepalive", lines);
    }

    [Fact]
    public async Task SlowHandler_StartsTheResponse_SoTheCallReturnsBeforeTheFirstEvent()
    {
        await using var stream = await _client.TicksAsync(new TicksPayload { Topic = "idle" }, Timeouts.Token()).DefaultTimeout();

        Assert.Null(await stream.RecvAsync(Timeouts.Token()).AsTask().DefaultTimeout());
    }

    [Fact]
    public async Task InheritedServerSentEvents_PostWithBody_WholeResultAsJson()
    {
        using var client = new HttpClient { BaseAddress = _host.Address };
        var feed = new FeedHttpClient(client);

        await using var stream = await feed.SnapshotsAsync(new SnapshotsPayload { Names = ["ab", "c"], Count = 2 }, Timeouts.Token()).DefaultTimeout();
        var results = await ReadAllAsync(stream);
        using var raw = await client.PostAsJsonAsync("snapshots", new { names = new[] { "x" }, count = 1 }, Timeouts.Token());

        Assert.Equal([0, 1], results.Select(r => r.Seq));
        Assert.Equal(2.1, results[1].Values["ab"]);
        Assert.Equal("data: {\"seq\":0,\"values\":{\"x\":1}}\n\n", await raw.Content.ReadAsStringAsync(Timeouts.Token()));
    }

    [Fact]
    public async Task RawPeer_PartialTrailingFrame_IsDiscarded_CommentsAndCrLfHandled()
    {
        await using var peer = await StreamsHost.StartRawAsync(": hello\r\nid: 7\r\ndata: one\r\ndata: two\r\n\r\nevent: even\ndata: three\n\ndata: partial");
        using var http = peer.CreateClient();
        var client = new FeedHttpClient(http);

        await using var stream = await client.TicksAsync(new TicksPayload { Topic = "any" }, Timeouts.Token()).DefaultTimeout();
        var results = await ReadAllAsync(stream);

        Assert.Equal(["one\ntwo", "three"], results.Select(r => r.Text));
        // The result's id is the event's own id field; the stream's last event id persists across events, as the spec says.
        Assert.Equal(["7", null], results.Select(r => r.Id));
        Assert.Equal([null, "even"], results.Select(r => r.Kind));
        Assert.Equal("7", ((Serow.Streaming.IStreamPosition)stream).LastPosition);
    }

    [Fact]
    public async Task RawPeer_InvalidResult_IsAValidationError_AndTheStreamGoesOn()
    {
        await using var peer = await StreamsHost.StartRawAsync($"data: {new string('x', 201)}\n\ndata: ok\n\n");
        using var http = peer.CreateClient();
        var client = new FeedHttpClient(http);

        await using var stream = await client.TicksAsync(new TicksPayload { Topic = "any" }, Timeouts.Token()).DefaultTimeout();

        var error = await Assert.ThrowsAsync<ValidationException>(() => stream.RecvAsync(Timeouts.Token()).AsTask().DefaultTimeout());
        Assert.Contains(error.Errors, e => e.Field == "text" && e.Rule == "maxLength");
        Assert.Equal("ok", (await stream.RecvAsync(Timeouts.Token()).AsTask().DefaultTimeout())!.Text);
        Assert.Null(await stream.RecvAsync(Timeouts.Token()).AsTask().DefaultTimeout());
    }

    [Fact]
    public async Task RawPeer_UndecodableErrorEvent_IsAProtocolError()
    {
        await using var peer = await StreamsHost.StartRawAsync("event: error\ndata: oops\n\n");
        using var http = peer.CreateClient();
        var client = new FeedHttpClient(http);

        await using var stream = await client.TicksAsync(new TicksPayload { Topic = "any" }, Timeouts.Token()).DefaultTimeout();

        var error = await Assert.ThrowsAsync<ServiceError>(() => stream.RecvAsync(Timeouts.Token()).AsTask().DefaultTimeout());
        Assert.Equal("protocol_error", error.Name);
    }

    private static async Task<List<T>> ReadAllAsync<T>(IAsyncEnumerable<T> stream)
    {
        var results = new List<T>();
        await foreach (var result in stream.WithCancellation(Timeouts.Token()))
        {
            results.Add(result);
            Assert.True(results.Count < 100, "too many results");
        }

        return results;
    }
}
