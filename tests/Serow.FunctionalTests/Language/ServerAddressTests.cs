// Licensed under the MIT license. See LICENSE in the project root.

using System.Net;
using System.Text;
using Language;
using Language.Catalog;

namespace Serow.FunctionalTests.Language;

/// <summary>Server, Host, URI and Variable: the generated addresses and the HTTP client's default server.</summary>
public sealed class ServerAddressTests
{
    [Fact]
    public void GeneratedServers_GiveEachHostsAddresses_WithVariablesCheckedAgainstTheirEnum()
    {
        Assert.Equal(new Uri("http://localhost:8080"), LanguageServers.DefaultHttp);
        Assert.Equal(new Uri("http://localhost:8090"), LanguageServers.DefaultGrpc);
        Assert.Equal(new Uri("https://eu.catalog.example.com/v1"), LanguageServers.Catalog.Production.Http());
        Assert.Equal(new Uri("https://us.catalog.example.com:443"), LanguageServers.Catalog.Production.Grpc("us"));

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => LanguageServers.Catalog.Production.Http("mars"));
        Assert.Equal("region", error.ParamName);
    }

    [Fact]
    public async Task HttpClient_WithoutABaseAddress_CallsTheDesignsFirstHost()
    {
        var handler = new RecordingHandler();
        using var http = new HttpClient(handler);

        var item = await new CatalogHttpClient(http).PutAsync(new Item { ChangedBy = "ada", Sku = "ABC-1" });

        Assert.Equal(new Uri("http://localhost:8080/items"), handler.RequestUri);
        Assert.Equal("ABC-1", item.Sku);
        Assert.Equal(new Uri("http://localhost:8080"), CatalogHttpClient.DefaultServer);
    }

    [Fact]
    public async Task HttpClient_WithABaseAddress_CallsIt()
    {
        var handler = new RecordingHandler();
        using var http = new HttpClient(handler) { BaseAddress = new Uri("http://127.0.0.1:1234/") };

        await new CatalogHttpClient(http).PutAsync(new Item { ChangedBy = "ada", Sku = "ABC-1" });

        Assert.Equal(new Uri("http://127.0.0.1:1234/items"), handler.RequestUri);
    }

    // Answers every request with the item it was sent, and remembers where it was sent.
    private sealed class RecordingHandler : HttpMessageHandler
    {
        public Uri? RequestUri { get; private set; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            RequestUri = request.RequestUri;
            var body = await request.Content!.ReadAsStringAsync(cancellationToken);
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        }
    }
}
