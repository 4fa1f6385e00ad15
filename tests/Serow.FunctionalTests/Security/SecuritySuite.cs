// Licensed under the MIT license. See LICENSE in the project root.

using Secured.Vault;
using Serow.FunctionalTests.Conformance;
using Serow.Security;

namespace Serow.FunctionalTests.Security;

/// <summary>
/// Designed security as every transport must enforce it, written once against the generated client: each scheme
/// accepted and refused, scopes, alternatives, <c>NoSecurity()</c>, every streaming pattern, and credentials that expire
/// while a stream is open. A transport derives from this class and says how its client is made.
/// </summary>
public abstract class SecuritySuite(SecuredHost host) : IClassFixture<SecuredHost>
{
    protected SecuredHost Host { get; } = host;

    /// <summary>The transport name a unary handler sees (<c>http</c> for REST).</summary>
    protected abstract string UnaryTransport { get; }

    /// <summary>The transport name the server-streaming handler sees.</summary>
    protected abstract string StreamTransport { get; }

    protected abstract IVaultClient Client(CallCredentials? credentials);

    private static CallCredentials Bearer(string scopes, string name = "ada", TimeSpan? lifetime = null) =>
        CallCredentials.BearerToken(TestCredentials.Token(name, scopes, lifetime));

    // --- unary, bearer token and scopes ---

    [Fact]
    public async Task Unary_TokenGrantingTheScope_HandlerSeesTheCaller()
    {
        var result = await Client(Bearer("vault:read")).WhoamiAsync(new WhoamiPayload { Note = "hi" }).DefaultTimeout();

        Assert.Equal(("ada", UnaryTransport), (result.Name, result.Transport));
    }

    [Fact]
    public async Task Unary_NoCredentials_IsUnauthenticated()
    {
        var error = await Assert.ThrowsAsync<UnauthenticatedError>(() => Client(null).WhoamiAsync(new WhoamiPayload()).DefaultTimeout());

        Assert.Contains("vault.whoami requires a bearer token (scheme \"jwt\")", error.Message);
    }

    [Fact]
    public async Task Unary_TokenSignedByAnotherKey_IsUnauthenticated_WithTheReason()
    {
        var forged = new Microsoft.IdentityModel.Tokens.SymmetricSecurityKey(System.Text.Encoding.UTF8.GetBytes("another-signing-key-of-at-least-256-bits!!!"));
        var client = Client(CallCredentials.BearerToken(TestCredentials.Token("mallory", "vault:read", key: forged)));

        var error = await Assert.ThrowsAsync<UnauthenticatedError>(() => client.WhoamiAsync(new WhoamiPayload()).DefaultTimeout());

        Assert.Contains("was refused", error.Message);
    }

    [Fact]
    public async Task Unary_ExpiredToken_IsUnauthenticated()
    {
        var client = Client(Bearer("vault:read", lifetime: TimeSpan.FromSeconds(-30)));

        await Assert.ThrowsAsync<UnauthenticatedError>(() => client.WhoamiAsync(new WhoamiPayload()).DefaultTimeout());
    }

    [Fact]
    public async Task Unary_TokenWithoutTheRequiredScope_IsPermissionDenied()
    {
        var error = await Assert.ThrowsAsync<PermissionDeniedError>(() => Client(Bearer("vault:read")).WriteAsync().DefaultTimeout());

        Assert.Contains("\"vault:write\"", error.Message);
    }

    [Fact]
    public async Task Unary_TokenWithTheRequiredScope_IsAllowed()
    {
        var result = await Client(Bearer("vault:read vault:write", "grace")).WriteAsync().DefaultTimeout();

        Assert.Equal("grace", result.Name);
    }

    // --- OAuth2: a bearer token validated by the handler the scheme is mapped to ---

    [Fact]
    public async Task OAuth2_TokenGrantingTheScope_IsAllowed()
    {
        var result = await Client(Bearer("vault:admin", "root")).AdminAsync().DefaultTimeout();

        Assert.Equal("root", result.Name);
    }

    [Fact]
    public async Task OAuth2_TokenWithoutTheScope_IsPermissionDenied_AndNoToken_IsUnauthenticated()
    {
        var denied = await Assert.ThrowsAsync<PermissionDeniedError>(() => Client(Bearer("vault:read")).AdminAsync().DefaultTimeout());
        var missing = await Assert.ThrowsAsync<UnauthenticatedError>(() => Client(null).AdminAsync().DefaultTimeout());

        Assert.Contains("\"vault:admin\"", denied.Message);
        Assert.Contains("vault.admin requires", missing.Message);
    }

    // --- API key, Basic, alternatives, public methods ---

    [Fact]
    public async Task ApiKey_Valid_IsAllowed()
    {
        var result = await Client(CallCredentials.ApiKey(TestCredentials.ApiKey)).KeyedAsync().DefaultTimeout();

        Assert.Equal("partner", result.Name);
    }

    [Fact]
    public async Task ApiKey_Wrong_IsUnauthenticated()
    {
        var error = await Assert.ThrowsAsync<UnauthenticatedError>(() => Client(CallCredentials.ApiKey("guess")).KeyedAsync().DefaultTimeout());

        Assert.Contains("API key", error.Message);
        Assert.DoesNotContain("guess", error.Message);
    }

    [Fact]
    public async Task ApiKey_TokenInstead_IsUnauthenticated()
    {
        await Assert.ThrowsAsync<UnauthenticatedError>(() => Client(Bearer("vault:read vault:write")).KeyedAsync().DefaultTimeout());
    }

    [Fact]
    public async Task Alternatives_BasicCredentials_AreEnough()
    {
        var result = await Client(CallCredentials.Basic(TestCredentials.BasicUser, TestCredentials.BasicPassword)).EitherAsync().DefaultTimeout();

        Assert.Equal(TestCredentials.BasicUser, result.Name);
    }

    [Fact]
    public async Task Alternatives_ApiKey_IsEnough()
    {
        var result = await Client(CallCredentials.ApiKey(TestCredentials.ApiKey)).EitherAsync().DefaultTimeout();

        Assert.Equal("partner", result.Name);
    }

    [Fact]
    public async Task Alternatives_WrongPassword_IsUnauthenticated_NamingBothSchemes()
    {
        var client = Client(CallCredentials.Basic(TestCredentials.BasicUser, "nope"));

        var error = await Assert.ThrowsAsync<UnauthenticatedError>(() => client.EitherAsync().DefaultTimeout());

        Assert.Contains("an API key (scheme \"api_key\") or a user name and password (scheme \"basic\")", error.Message);
        Assert.DoesNotContain("nope", error.Message);
    }

    [Fact]
    public async Task NoSecurity_NeedsNoCredentials_AndHasNoSecuredContext()
    {
        var result = await Client(null).HealthAsync().DefaultTimeout();

        Assert.False(result.Secured);
    }

    [Fact]
    public async Task Credentials_AreAskedForEachCall_SoATokenCanBeRefreshed()
    {
        var calls = 0;
        var client = Client(CallCredentials.BearerToken((context, _) =>
        {
            Assert.Equal("vault", context.Security.Service);
            calls++;
            return ValueTask.FromResult<string?>(TestCredentials.Token("caller" + calls, "vault:read"));
        }));

        var first = await client.WhoamiAsync(new WhoamiPayload()).DefaultTimeout();
        var second = await client.WhoamiAsync(new WhoamiPayload()).DefaultTimeout();
        await client.HealthAsync().DefaultTimeout();

        Assert.Equal(("caller1", "caller2", 2), (first.Name, second.Name, calls));
    }

    // --- streams ---

    [Fact]
    public async Task ServerStream_WithToken_HandlerSeesTheCaller()
    {
        await using var stream = await Client(Bearer("vault:read")).WatchAsync(new WatchPayload { Count = 2, IntervalMs = 1 }).DefaultTimeout();

        var texts = new List<string>();
        await foreach (var result in stream)
        {
            texts.Add(result.Text);
        }

        Assert.Equal(["ada@" + StreamTransport, "tick 1", "tick 2"], texts);
    }

    [Fact]
    public async Task ServerStream_NoCredentials_IsUnauthenticated_BeforeAnyResult()
    {
        await Assert.ThrowsAsync<UnauthenticatedError>(async () =>
        {
            await using var stream = await Client(null).WatchAsync(new WatchPayload { Count = 1 }).DefaultTimeout();
            await stream.RecvAsync().DefaultTimeout();
        });
    }

    [Fact]
    public async Task ServerStream_TokenExpiresWhileOpen_EndsTheStreamWithUnauthenticated()
    {
        await using var stream = await Client(Bearer("vault:read", lifetime: TimeSpan.FromSeconds(3))).WatchAsync(new WatchPayload { Count = 0, IntervalMs = 100 }).DefaultTimeout();
        Assert.StartsWith("ada@", (await stream.RecvAsync().DefaultTimeout())!.Text);

        var error = await Assert.ThrowsAsync<UnauthenticatedError>(async () =>
        {
            while (await stream.RecvAsync().DefaultTimeout() is not null)
            {
            }
        });

        Assert.Contains("expired", error.Message);
    }

    [Fact]
    public async Task ClientStream_WithToken_ReturnsTheCaller()
    {
        await using var stream = await Client(Bearer("vault:read", "lin")).UploadAsync().DefaultTimeout();
        await stream.SendAsync("a").DefaultTimeout();
        await stream.SendAsync("b").DefaultTimeout();

        var result = await stream.CloseAndRecvAsync().DefaultTimeout();

        Assert.Equal(("lin", 2), (result.Name, result.Lines));
    }

    [Fact]
    public async Task ClientStream_NoCredentials_IsUnauthenticated()
    {
        await Assert.ThrowsAsync<UnauthenticatedError>(async () =>
        {
            await using var stream = await Client(null).UploadAsync().DefaultTimeout();
            await stream.CloseAndRecvAsync().DefaultTimeout();
        });
    }

    [Fact]
    public async Task Bidirectional_WithToken_AnswersAsTheCaller()
    {
        await using var stream = await Client(Bearer("vault:read", "kay")).EchoAsync().DefaultTimeout();
        await stream.SendAsync("hello").DefaultTimeout();

        Assert.Equal("kay: hello", await stream.RecvAsync().DefaultTimeout());
    }

    [Fact]
    public async Task Bidirectional_NoCredentials_IsUnauthenticated()
    {
        await Assert.ThrowsAsync<UnauthenticatedError>(async () =>
        {
            await using var stream = await Client(null).EchoAsync().DefaultTimeout();
            await stream.RecvAsync().DefaultTimeout();
        });
    }
}
