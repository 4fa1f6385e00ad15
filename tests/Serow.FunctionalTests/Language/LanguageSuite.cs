// Licensed under the MIT license. See LICENSE in the project root.

using Language;
using Language.Catalog;
using Serow.FunctionalTests.Conformance;
using Serow.Grpc;
using Serow.Validation;

namespace Serow.FunctionalTests.Language;

/// <summary>
/// Extend, Reference, Elem, Key and the Headers/Params groups as every transport must carry them, written once against
/// the generated client.
/// </summary>
public abstract class LanguageSuite(CatalogHost host) : IClassFixture<CatalogHost>
{
    protected CatalogHost Host { get; } = host;

    protected abstract ICatalogClient Client();

    [Fact]
    public async Task Extend_TheBaseAttributesTravelWithTheType()
    {
        var sku = Sku();

        var stored = await Client().PutAsync(new Item { ChangedBy = "ada", Revision = 4, Sku = sku, Tags = ["new", "sale"], Prices = new() { ["EUR"] = 9.5 } }).DefaultTimeout();

        Assert.Equal(("ada", 5, sku), (stored.ChangedBy, stored.Revision, stored.Sku));
        Assert.Equal(["new", "sale"], stored.Tags);
        Assert.Equal(9.5, stored.Prices!["EUR"]);
    }

    [Fact]
    public async Task ElemAndKey_RulesApplyToEveryElementAndKey_WithTheirPath()
    {
        var error = await Assert.ThrowsAsync<ValidationException>(() => Client().PutAsync(new Item
        {
            ChangedBy = string.Empty,
            Sku = "ABC-1",
            Tags = ["ok", "x"],
            Prices = new() { ["GBP"] = 1, ["EUR"] = -2 },
        }).DefaultTimeout());

        // The base type's rule comes with Extend; the element and key rules name the element or entry.
        Assert.Contains(error.Errors, e => e.Field == "changed_by" && e.Rule == "minLength");
        Assert.Contains(error.Errors, e => e.Field == "tags[1]" && e.Rule == "minLength");
        Assert.Contains(error.Errors, e => e.Field == "prices[GBP]" && e.Rule == "enum");
        Assert.Contains(error.Errors, e => e.Field == "prices[EUR]" && e.Rule == "minimum");
    }

    [Fact]
    public async Task Reference_AttributesTakeTheReferencedRules_AndGroupsMapHeadersAndParams()
    {
        var client = Client();
        var sku = Sku();
        await client.PutAsync(new Item { ChangedBy = "ada", Sku = sku, Tags = ["old"] }).DefaultTimeout();

        var dry = await client.PatchAsync(new PatchPayload { Sku = sku, Tenant = "acme", Tags = ["fresh"], DryRun = true }).DefaultTimeout();
        var applied = await client.PatchAsync(new PatchPayload { Sku = sku, Tenant = "acme", Reason = "restock", Tags = ["fresh"] }).DefaultTimeout();

        Assert.Equal(("acme:patch", 1), (dry.ChangedBy, dry.Revision));
        Assert.Equal(("acme:restock", 2), (applied.ChangedBy, applied.Revision));
        Assert.Equal(["fresh"], applied.Tags);

        // sku got Item's pattern through Reference; tags its element rule.
        var error = await Assert.ThrowsAsync<ValidationException>(() => client.PatchAsync(new PatchPayload { Sku = "bad", Tenant = "acme", Tags = ["x"] }).DefaultTimeout());
        Assert.Contains(error.Errors, e => e.Field == "sku" && e.Rule == "pattern");
        Assert.Contains(error.Errors, e => e.Field == "tags[0]" && e.Rule == "minLength");
    }

    [Fact]
    public async Task ResponseHeadersCookiesAndTags_CarryTheWholeResult_AndARequestCookieThePayload()
    {
        var client = Client();
        var user = "user" + Random.Shared.Next(1, 1_000_000);

        var first = await client.LoginAsync(new LoginPayload { User = user, Device = "laptop" }).DefaultTimeout();
        var second = await client.LoginAsync(new LoginPayload { User = user }).DefaultTimeout();

        // Over HTTP the token comes back from the session cookie and the revision from X-Revision.
        Assert.Equal(($"{user} on laptop; #1", 1, "created", user), (first.Token, first.Revision, first.Outcome, first.User));
        Assert.Equal(($"{user} on no device; #2", 2, "resumed"), (second.Token, second.Revision, second.Outcome));
    }

    [Fact]
    public async Task Head_AnswersWithoutABody_AndATypedErrorWhenMissing()
    {
        var client = Client();
        var sku = Sku();
        await client.PutAsync(new Item { ChangedBy = "ada", Sku = sku }).DefaultTimeout();

        await client.ExistsAsync(new ExistsPayload { Sku = sku }).DefaultTimeout();
        await Assert.ThrowsAsync<NotFoundError>(() => client.ExistsAsync(new ExistsPayload { Sku = "ZZZ-0" }).DefaultTimeout());
    }

    [Fact]
    public async Task Multipart_IsServedInProcessAndOverHttp_AndNotOverGrpc()
    {
        var client = Client();

        var upload = client.UploadAsync(new UploadPayload { Sku = "ABC-1" }, global::Serow.MultipartPart.Of(global::Serow.MultipartPart.FromText("a", "xyz")));

        if (client is CatalogGrpcClient)
        {
            await Assert.ThrowsAsync<NotSupportedException>(() => upload);
            return;
        }

        var result = await upload.DefaultTimeout();
        Assert.Equal((3L, "a:-:text/plain; charset=utf-8:3"), (result.Bytes, Assert.Single(result.Parts)));
    }

    [Fact]
    public async Task MapParams_CarryEveryOtherQueryParameter()
    {
        var result = await Client().SearchAsync(new SearchPayload { Tag = "sale", Filters = new() { ["color"] = "red", ["size"] = "M L" } }).DefaultTimeout();

        Assert.Equal(["tag=sale", "color=red", "size=M L"], result.Echo);
    }

    private static string Sku() => "SKU-" + Random.Shared.Next(1, 1_000_000);
}

/// <summary>The language suite in-process.</summary>
public sealed class InProcessLanguageTests(CatalogHost host) : LanguageSuite(host)
{
    protected override ICatalogClient Client() => new CatalogInProcessClient(new CatalogService());
}

/// <summary>The language suite over gRPC.</summary>
public sealed class GrpcLanguageTests(CatalogHost host) : LanguageSuite(host), IDisposable
{
    private readonly global::Grpc.Net.Client.GrpcChannel _channel = SerowGrpcChannel.Create(host.GrpcAddress);

    public void Dispose() => _channel.Dispose();

    protected override ICatalogClient Client() => new CatalogGrpcClient(_channel);
}

/// <summary>The language suite over HTTP (REST).</summary>
public sealed class HttpLanguageTests(CatalogHost host) : LanguageSuite(host), IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = host.HttpAddress, Timeout = TimeSpan.FromSeconds(30) };

    public void Dispose() => _http.Dispose();

    protected override ICatalogClient Client() => new CatalogHttpClient(_http);
}
