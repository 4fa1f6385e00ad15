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

    [Fact]
    public async Task Files_ServeOneFile_AndTheFilesUnderADirectory_NeverOutsideIt()
    {
        using var readme = await _http.GetAsync("/catalog/readme.txt").DefaultTimeout();
        Assert.Equal(HttpStatusCode.OK, readme.StatusCode);
        Assert.Equal("text/plain", readme.Content.Headers.ContentType?.MediaType);
        Assert.Equal("The catalog serves its own readme.\n", await readme.Content.ReadAsStringAsync());

        using var logo = await _http.GetAsync("/catalog/assets/logo.json").DefaultTimeout();
        Assert.Equal(HttpStatusCode.OK, logo.StatusCode);
        Assert.Equal("application/json", logo.Content.Headers.ContentType?.MediaType);

        using var head = await _http.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/catalog/assets/logo.json")).DefaultTimeout();
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(20, head.Content.Headers.ContentLength);

        using var missing = await _http.GetAsync("/catalog/assets/nothing.txt").DefaultTimeout();
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        using var escape = await _http.GetAsync("/catalog/assets/..%2Freadme.txt").DefaultTimeout();
        Assert.Equal(HttpStatusCode.NotFound, escape.StatusCode);
    }

    [Fact]
    public async Task Redirect_AnswersWithTheLocation_AndAFollowingClientGetsTheFile()
    {
        using var noFollow = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = _http.BaseAddress };
        using var moved = await noFollow.GetAsync("/catalog/help").DefaultTimeout();
        Assert.Equal(HttpStatusCode.MovedPermanently, moved.StatusCode);
        Assert.Equal("/catalog/readme.txt", moved.Headers.Location?.OriginalString);

        // The generated client follows it like any HttpClient: the call succeeds.
        await new global::Language.Catalog.CatalogHttpClient(_http).LegacyAsync().DefaultTimeout();
    }

    [Fact]
    public async Task Parent_NestsTheChildsRoutesUnderTheParentsCanonicalRoute()
    {
        using var first = await _http.PostAsync("/items/NST-1/reviews", Json("""{"stars": 4}""")).DefaultTimeout();
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        using var body = JsonDocument.Parse(await first.Content.ReadAsStringAsync());
        Assert.Equal("NST-1", body.RootElement.GetProperty("sku").GetString());

        // The generated client builds the nested route from the payload.
        var added = await new global::Language.Reviews.ReviewsHttpClient(_http).AddAsync(new global::Language.Reviews.AddPayload { Sku = "NST-1", Stars = 5 }).DefaultTimeout();
        Assert.Equal(("NST-1", 2), (added.Sku, added.Count));

        using var invalid = await _http.PostAsync("/items/NST-1/reviews", Json("""{"stars": 9}""")).DefaultTimeout();
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
    }

    [Fact]
    public async Task Multipart_PartsReachTheMethodOneByOne_FromTheGeneratedClientAndFromDotNetsOwnContent()
    {
        var client = new global::Language.Catalog.CatalogHttpClient(_http);
        var big = new byte[3 * 1024 * 1024 + 7];
        Random.Shared.NextBytes(big);

        var result = await client.UploadAsync(
            new global::Language.Catalog.UploadPayload { Sku = "ABC-1" },
            global::Serow.MultipartPart.Of(
                global::Serow.MultipartPart.FromText("note", "hello \"world\""),
                global::Serow.MultipartPart.FromStream("file", new MemoryStream(big), "big.bin"))).DefaultTimeout();

        Assert.Equal(["note:-:text/plain; charset=utf-8:13", $"file:big.bin:application/octet-stream:{big.Length}"], result.Parts);
        Assert.Equal(13 + big.Length, result.Bytes);

        // .NET's own multipart writer, an independent peer.
        using var form = new MultipartFormDataContent { { new StringContent("x"), "first" }, { new ByteArrayContent([1, 2, 3]), "second", "three.bin" } };
        using var response = await _http.PostAsync("/items/ABC-1/attachments", form).DefaultTimeout();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(4, body.RootElement.GetProperty("bytes").GetInt64());
        Assert.Equal(2, body.RootElement.GetProperty("parts").GetArrayLength());
    }

    [Fact]
    public async Task Multipart_ABodyThatIsNotMultipart_IsAnInvalidMessage_AndAMalformedOneToo()
    {
        using var json = await _http.PostAsync("/items/ABC-1/attachments", Json("{}")).DefaultTimeout();
        Assert.Equal(HttpStatusCode.BadRequest, json.StatusCode);
        Assert.Contains("multipart", await json.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var broken = new StringContent("--b\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nno end", Encoding.UTF8);
        broken.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse("multipart/form-data; boundary=b");
        using var malformed = await _http.PostAsync("/items/ABC-1/attachments", broken).DefaultTimeout();
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Contains("malformed", await malformed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ContentType_IsTheRawResponsesMediaType()
    {
        using var label = await _http.GetAsync("/items/ABC-1/label").DefaultTimeout();

        Assert.Equal(HttpStatusCode.OK, label.StatusCode);
        Assert.Equal("text/plain; charset=utf-8", label.Content.Headers.ContentType?.ToString());
        Assert.Equal("Item ABC-1\n", await label.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task MapParams_TakesTheQueryParametersNoOtherAttributeMaps()
    {
        using var response = await _http.GetAsync("/search?tag=new&color=blue&color=green&shape=round").DefaultTimeout();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(["tag=new", "color=green", "shape=round"], body.RootElement.GetProperty("echo").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task MapParams_IntoAMapOfLists_KeepsEveryValue_FromTheWireAndTheGeneratedClient()
    {
        using var response = await _http.GetAsync("/browse?color=blue&color=green&shape=round").DefaultTimeout();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(["color=blue|green", "shape=round"], body.RootElement.GetProperty("echo").EnumerateArray().Select(e => e.GetString()));

        var result = await new global::Language.Catalog.CatalogHttpClient(_http)
            .BrowseAsync(new global::Language.Catalog.BrowsePayload { Query = new() { ["a"] = ["1", "2"], ["b"] = ["x y"] } }).DefaultTimeout();
        Assert.Equal(["a=1|2", "b=x y"], result.Echo);
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
}
