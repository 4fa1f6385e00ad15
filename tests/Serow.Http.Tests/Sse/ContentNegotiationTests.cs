// Licensed under the MIT license. See LICENSE in the project root.

using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Primitives;
using Serow.Http.ServerSentEvents.Internal;
using Serow.Http.Tests.RawBodies;
using Serow.Http.Tests.Runtime;

namespace Serow.Http.Tests.Sse;

/// <summary>
/// A server stream served as Server-Sent Events that also answers JSON (the results collected in one array) and NDJSON
/// (one line per result) when the request accepts them (`AnswerJSON`, `AnswerNDJSON` in the design), over real Kestrel.
/// </summary>
public sealed class ContentNegotiationTests : IAsyncLifetime
{
    private readonly FeedService _feed = new();
    private StreamsHost _host = null!;
    private HttpClient _http = null!;

    public async ValueTask InitializeAsync()
    {
        _host = await StreamsHost.StartAsync(_feed, new FilesService(), o => o.MaxCollectedResultsSize = 4096);
        _http = _host.CreateClient();
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task AcceptJson_GetsEveryWholeResultInOneArray()
    {
        using var response = await GetAsync("feed/plain?count=3", "application/json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        var results = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Timeouts.Token())).RootElement;
        Assert.Equal(3, results.GetArrayLength());
        // Whole results, not only the attribute mapped to the events' data.
        Assert.Equal("1", results[0].GetProperty("id").GetString());
        Assert.Equal(1500, results[0].GetProperty("retry_ms").GetInt32());
        Assert.Equal("even", results[1].GetProperty("kind").GetString());
        Assert.Equal("tick 3", results[2].GetProperty("text").GetString());
    }

    [Fact]
    public async Task AcceptJson_WithNoResult_GetsAnEmptyArray()
    {
        using var response = await GetAsync("feed/plain?count=0", "application/json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("[]", await response.Content.ReadAsStringAsync(Timeouts.Token()));
    }

    [Fact]
    public async Task AcceptJson_FailureAfterResults_IsAnOrdinaryErrorResponse()
    {
        using var response = await GetAsync("feed/fail_after?count=2", "application/json");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var body = HttpErrors.TryParse(await response.Content.ReadAsStringAsync(Timeouts.Token()))!;
        Assert.Equal("gone", body.Name);
        Assert.Equal("the topic went away mid-stream", body.Message);
    }

    [Fact]
    public async Task AcceptJson_PastTheCollectionLimit_Is406_PointingToTheStreamingTypes()
    {
        using var response = await GetAsync("feed/plain?count=500", "application/json");

        Assert.Equal(HttpStatusCode.NotAcceptable, response.StatusCode);
        var body = HttpErrors.TryParse(await response.Content.ReadAsStringAsync(Timeouts.Token()))!;
        Assert.Equal("not_acceptable", body.Name);
        Assert.Contains("application/x-ndjson", body.Message, StringComparison.Ordinal);
        await AssertServerKeepsServingAsync();
    }

    [Fact]
    public async Task AcceptNdjson_GetsOneWholeResultPerLine()
    {
        using var response = await GetAsync("feed/plain?count=3", "application/x-ndjson");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/x-ndjson", response.Content.Headers.ContentType!.MediaType);
        var text = await response.Content.ReadAsStringAsync(Timeouts.Token());
        Assert.EndsWith("\n", text, StringComparison.Ordinal);
        var lines = text.TrimEnd('\n').Split('\n');
        Assert.Equal(["tick 1", "tick 2", "tick 3"], lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("text").GetString()));
        Assert.Equal("even", JsonDocument.Parse(lines[1]).RootElement.GetProperty("kind").GetString());
    }

    [Fact]
    public async Task AcceptNdjson_FailureAfterResults_EndsWithAnErrorLine()
    {
        using var response = await GetAsync("feed/fail_after?count=2", "application/x-ndjson");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var lines = (await response.Content.ReadAsStringAsync(Timeouts.Token())).TrimEnd('\n').Split('\n');
        Assert.Equal(3, lines.Length);
        var error = JsonDocument.Parse(lines[2]).RootElement.GetProperty("serow_error");
        Assert.Equal("gone", error.GetProperty("name").GetString());
    }

    [Fact]
    public async Task AcceptEventStream_OrAnything_StaysServerSentEvents()
    {
        using var preferred = await GetAsync("feed/plain?count=1", "application/json;q=0.5, text/event-stream");
        using var anything = await GetAsync("feed/plain?count=1", "*/*");

        Assert.Equal("text/event-stream", preferred.Content.Headers.ContentType!.MediaType);
        Assert.Equal("text/event-stream", anything.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task AMethodThatDoesNotAnswerJson_StaysServerSentEvents()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "snapshots") { Content = new StringContent("""{"names":["a"],"count":1}""", System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Accept.ParseAdd("application/json");

        using var response = await _http.SendAsync(request, Timeouts.Token()).DefaultTimeout();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType!.MediaType);
    }

    [Theory]
    [InlineData("", true, true, "ServerSentEvents")]
    [InlineData("application/json", true, true, "Json")]
    [InlineData("application/json", false, true, "ServerSentEvents")]
    [InlineData("application/x-ndjson", true, true, "Ndjson")]
    [InlineData("application/x-ndjson;q=0.9, application/json", true, true, "Json")]
    [InlineData("application/json;q=0.2, application/x-ndjson;q=0.8", true, true, "Ndjson")]
    [InlineData("text/event-stream, application/json", true, true, "ServerSentEvents")]
    [InlineData("application/json;q=0, application/x-ndjson;q=0.1", true, true, "Ndjson")]
    [InlineData("text/html, application/*", false, true, "Ndjson")]
    [InlineData("text/html", true, true, "ServerSentEvents")]
    [InlineData("not a media type", true, true, "ServerSentEvents")]
    public void Negotiation_FollowsTheRequestsPreferences(string accept, bool json, bool ndjson, string expected)
    {
        Assert.Equal(expected, ResultsFormatNegotiation.Choose(new StringValues(accept), json, ndjson).ToString());
    }

    private async Task<HttpResponseMessage> GetAsync(string path, string accept)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.TryAddWithoutValidation("Accept", accept);
        return await _http.SendAsync(request, Timeouts.Token()).DefaultTimeout();
    }

    private async Task AssertServerKeepsServingAsync()
    {
        using var response = await GetAsync("feed/plain?count=1", "application/json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
