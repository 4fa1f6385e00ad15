// Licensed under the MIT license. See LICENSE in the project root.

using System.Net;
using System.Text;
using System.Text.Json;
using Serow.FunctionalTests.Conformance;

namespace Serow.FunctionalTests.Language;

/// <summary>What a peer without Serow's client sees of cookies, response headers and tagged responses.</summary>
public sealed class HttpMappingWireTests(CatalogHost host) : IClassFixture<CatalogHost>, IDisposable
{
    private readonly HttpClient _http = new(new HttpClientHandler { UseCookies = false }) { BaseAddress = host.HttpAddress, Timeout = TimeSpan.FromSeconds(30) };

    public void Dispose() => _http.Dispose();

    [Fact]
    public async Task TaggedResponse_SetsItsStatusHeaderAndCookie_AndLeavesThemOutOfTheBody()
    {
        var user = "wire" + Random.Shared.Next(1, 1_000_000);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/sessions") { Content = Json($$"""{"user": "{{user}}"}""") };
        request.Headers.Add("Cookie", "device_id=phone%201");

        using var created = await _http.SendAsync(request).DefaultTimeout();

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("1", Assert.Single(created.Headers.GetValues("X-Revision")));
        var cookie = Assert.Single(created.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith($"session={Uri.EscapeDataString($"{user} on phone 1; #1")};", cookie, StringComparison.Ordinal);
        foreach (var attribute in new[] { "max-age=3600", "path=/", "secure", "samesite=strict", "httponly" })
        {
            Assert.Contains(attribute, cookie, StringComparison.OrdinalIgnoreCase);
        }

        using var body = JsonDocument.Parse(await created.Content.ReadAsStringAsync());
        Assert.Equal(["outcome", "user"], body.RootElement.EnumerateObject().Select(p => p.Name).Order());

        using var resumed = await _http.PostAsync("/sessions", Json($$"""{"user": "{{user}}"}""")).DefaultTimeout();
        Assert.Equal(HttpStatusCode.OK, resumed.StatusCode);
        Assert.Equal("2", Assert.Single(resumed.Headers.GetValues("X-Revision")));
        Assert.DoesNotContain("max-age", Assert.Single(resumed.Headers.GetValues("Set-Cookie")), StringComparison.OrdinalIgnoreCase);
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
}
