// Licensed under the MIT license. See LICENSE in the project root.

using System.Net;
using System.Text;
using System.Text.Json;
using Serow.FunctionalTests.Conformance;

namespace Serow.FunctionalTests.Unions;

/// <summary>What a peer without Serow's client sees of a union: the tagged JSON, the SSE event types, the errors.</summary>
public sealed class UnionWireTests(RoomsHost host) : IClassFixture<RoomsHost>, IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = host.HttpAddress, Timeout = TimeSpan.FromSeconds(30) };

    public void Dispose() => _http.Dispose();

    [Fact]
    public async Task Rest_AUnionIsTheBranchBesideItsValue()
    {
        using var response = await _http.PostAsync("/describe", Json("""{"Value": {"user": "ada"}, "Type": "joined"}""")).DefaultTimeout();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("notice", body.RootElement.GetProperty("Type").GetString());
        Assert.Equal("ada joined", body.RootElement.GetProperty("Value").GetString());
    }

    [Theory]
    [InlineData("""{"Type": "shout", "Value": "hey"}""", "\"shout\" is not a branch")]
    [InlineData("""{"Value": "hey"}""", "\"Type\" is required")]
    [InlineData("""{"Type": "notice"}""", "\"Value\" is required")]
    [InlineData("""["notice", "hey"]""", "is a union")]
    public async Task Rest_AMalformedUnion_IsABadRequestThatSaysWhy_AndTheServerKeepsServing(string json, string reason)
    {
        using var response = await _http.PostAsync("/describe", Json(json)).DefaultTimeout();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        using var error = JsonDocument.Parse(body);
        Assert.Equal("invalid_message", error.RootElement.GetProperty("name").GetString());
        Assert.Contains(reason, error.RootElement.GetProperty("message").GetString(), StringComparison.Ordinal);
        using var after = await _http.PostAsync("/describe", Json("""{"Type": "count", "Value": 2}""")).DefaultTimeout();
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    [Fact]
    public async Task Rest_AnInvalidBranchValue_NamesTheFieldAndRule()
    {
        using var response = await _http.PostAsync("/measure", Json("""{"name": "s", "geometry": {"kind": "square", "data": {"side": 0}}}""")).DefaultTimeout();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains("geometry.data.side", text, StringComparison.Ordinal);
        Assert.Contains("exclusiveMinimum", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sse_EachEventTypeIsItsBranch_AndItsDataTheTaggedUnion()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/rooms/lobby/events");
        request.Headers.Accept.ParseAdd("text/event-stream");
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead).DefaultTimeout();
        var text = await response.Content.ReadAsStringAsync().DefaultTimeout();

        var events = text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries)
            .Select(block => block.Split('\n'))
            .Where(lines => lines.Any(l => l.StartsWith("data:", StringComparison.Ordinal)))
            .Select(lines => (
                Type: lines.FirstOrDefault(l => l.StartsWith("event:", StringComparison.Ordinal))?["event:".Length..].Trim(),
                Data: lines.First(l => l.StartsWith("data:", StringComparison.Ordinal))["data:".Length..].Trim()))
            .ToList();
        Assert.Equal(["count", "joined", "message", "left", "notice"], events.Select(e => e.Type));
        Assert.Equal("""{"Type":"joined","Value":{"user":"ada"}}""", events[1].Data);
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
}
