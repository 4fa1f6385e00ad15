// Licensed under the MIT license. See LICENSE in the project root.

using System.Net;
using System.Text.Json;
using Grpc.Core;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Secured.Vault;
using Serow.FunctionalTests.Conformance;
using Serow.Grpc;
using Serow.Grpc.Protobuf;

namespace Serow.FunctionalTests.Security;

/// <summary>
/// A server that registers Serow's gRPC and HTTP services but no ASP.NET Core authentication: Serow adds no
/// authentication middleware to its requests, and the secured methods are refused (fail closed) with a message that
/// says what to register.
/// </summary>
public sealed class ServerWithoutAuthenticationTests : IAsyncLifetime
{
    private WebApplication? _app;
    private Uri _grpc = null!;
    private HttpClient _http = null!;

    public async ValueTask InitializeAsync()
    {
        (_app, _grpc, var http) = await LoopbackApp.StartAsync(
            builder =>
            {
                builder.Services.AddSingleton<IVaultService, SecuredVaultService>();
                builder.Services.AddVaultGrpc();
                builder.Services.AddVaultHttp();
            },
            app =>
            {
                app.MapGet("/probe", (HttpContext context) => context.Features.Get<IAuthenticationFeature>() is null ? "no authentication middleware" : "authentication middleware ran");
                app.MapVaultGrpc();
                app.MapVaultHttp();
            });
        _http = new HttpClient { BaseAddress = http, Timeout = TimeSpan.FromSeconds(30) };
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await LoopbackApp.StopAsync(_app);
    }

    [Fact]
    public async Task Requests_RunNoAuthenticationMiddleware()
    {
        Assert.Equal("no authentication middleware", await _http.GetStringAsync("probe").DefaultTimeout());
    }

    [Fact]
    public async Task Rest_SecuredMethodWithAToken_IsRefused_NamingWhatToRegister()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "vault/write");
        request.Headers.Authorization = new("Bearer", TestCredentials.Token("ada", "vault:write"));

        using var response = await _http.SendAsync(request).DefaultTimeout();

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync().DefaultTimeout());
        Assert.Equal("unauthenticated", body.RootElement.GetProperty("name").GetString());
        Assert.Contains("the server has no authentication handler for scheme \"jwt\" (register one, for example AddAuthentication().AddJwtBearer(\"jwt\")", body.RootElement.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Grpc_SecuredMethodWithAToken_IsUnauthenticated()
    {
        using var channel = SerowGrpcChannel.Create(_grpc);
        var headers = new Metadata { { "authorization", "Bearer " + TestCredentials.Token("ada", "vault:write") } };

        var refused = await Assert.ThrowsAsync<RpcException>(() => channel.CreateCallInvoker().AsyncUnaryCall(VaultGrpcMethods.WriteMethod.Definition, null, new CallOptions(headers), ProtoEmpty.Instance).ResponseAsync.DefaultTimeout());

        Assert.Equal((StatusCode.Unauthenticated, "unauthenticated"), (refused.StatusCode, refused.Trailers.GetValue("serow-error-name")));
        Assert.Contains("no authentication handler for scheme \"jwt\"", refused.Status.Detail, StringComparison.Ordinal);
    }
}
