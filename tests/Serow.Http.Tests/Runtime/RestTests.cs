// Licensed under the MIT license. See LICENSE in the project root.

using System.Net;
using System.Net.Http.Json;
using System.Text;
using Serow.Http;

namespace Serow.Http.Tests.Runtime;

public sealed class RestTests : IAsyncLifetime
{
    private TestServer _server = null!;
    private HttpClient _client = null!;

    public async ValueTask InitializeAsync()
    {
        _server = await TestServer.StartAsync();
        _client = _server.CreateClient();
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task InvalidRequest_Is400ListingEveryViolation()
    {
        using var content = new StringContent("{}", Encoding.UTF8, "application/json");

        using var response = await _client.PostAsync("notes?count=0", content, Timeouts.Token());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = HttpErrors.TryParse(await response.Content.ReadAsStringAsync(Timeouts.Token()))!;
        Assert.Equal("invalid_message", body.Name);
        Assert.Equal([("text", "required"), ("count", "minimum")], body.Errors!.Select(e => (e.Field, e.Rule)));
        Assert.True(response.Headers.Contains(HttpErrors.HeaderName));
    }

    [Fact]
    public async Task UndecodableParameterAndBody_AreReportedTogether()
    {
        using var content = new StringContent("{\"text\": 12}", Encoding.UTF8, "application/json");

        using var response = await _client.PostAsync("notes?count=abc", content, Timeouts.Token());

        var body = HttpErrors.TryParse(await response.Content.ReadAsStringAsync(Timeouts.Token()))!;
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(body.Errors!, e => e.Rule == "decode" && e.Field == "count");
        Assert.Contains(body.Errors!, e => e.Rule == "decode" && e.Message.Contains("request body", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("teapot", 418, "teapot")]
    [InlineData("slow", 504, "slow")]
    [InlineData("crash", 500, "internal")]
    public async Task Errors_MapToDesignedOrFlagStatus(string text, int status, string name)
    {
        using var response = await _client.PostAsJsonAsync("notes", new { text }, Timeouts.Token());

        Assert.Equal(status, (int)response.StatusCode);
        var raw = await response.Content.ReadAsStringAsync(Timeouts.Token());
        Assert.Equal(name, HttpErrors.TryParse(raw)!.Name);
        Assert.DoesNotContain("secret", raw, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ValidRequest_ReturnsResult()
    {
        using var response = await _client.PostAsJsonAsync("notes?count=3", new { text = "hi" }, Timeouts.Token());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("{\"text\":\"hi\",\"count\":3}", await response.Content.ReadAsStringAsync(Timeouts.Token()));
    }

    [Fact]
    public async Task StreamRoute_WithoutUpgrade_Is426()
    {
        using var response = await _client.GetAsync("notes/echo", Timeouts.Token());

        Assert.Equal(426, (int)response.StatusCode);
        Assert.Equal("websocket_required", HttpErrors.TryParse(await response.Content.ReadAsStringAsync(Timeouts.Token()))!.Name);
    }
}
