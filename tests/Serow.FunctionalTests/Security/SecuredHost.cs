// Licensed under the MIT license. See LICENSE in the project root.

using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Secured.Vault;
using Serow.AspNetCore;

namespace Serow.FunctionalTests.Security;

/// <summary>
/// The secured vault over gRPC (HTTP/2) and HTTP (HTTP/1.1: REST, WebSocket, SSE) on real Kestrel sockets, with JwtBearer
/// for the "jwt" scheme and Serow's API key and Basic handlers for the others. One host per test class.
/// </summary>
public sealed class SecuredHost : IAsyncLifetime
{
    private WebApplication? _app;

    public Uri GrpcAddress { get; private set; } = null!;

    public Uri HttpAddress { get; private set; } = null!;

    public IServiceProvider Services => _app!.Services;

    /// <summary>The path and query of each finished HTTP request, as the app saw them at the end.</summary>
    public System.Collections.Concurrent.ConcurrentQueue<string> Queries { get; } = new();

    public async ValueTask InitializeAsync() =>
        (_app, GrpcAddress, HttpAddress) = await LoopbackApp.StartAsync(
            builder =>
            {
                builder.Services.AddAuthentication()
                    .AddJwtBearer("jwt", options =>
                    {
                        options.MapInboundClaims = false;
                        options.TokenValidationParameters = TestCredentials.Validation;
                    })
                    .AddSerowApiKey("api_key", options => options.ValidateKey = (key, _) =>
                        ValueTask.FromResult(key == TestCredentials.ApiKey ? TestCredentials.User("partner", "api_key") : null))
                    .AddSerowBasic("basic", options => options.ValidateCredentials = (user, password, _) =>
                        ValueTask.FromResult(user == TestCredentials.BasicUser && password == TestCredentials.BasicPassword ? TestCredentials.User(user, "basic") : null));
                // The OAuth2 scheme's tokens are JWTs the "jwt" handler validates: the designed name is mapped to it.
                builder.Services.AddSerowSecurity(options => options.AuthenticationSchemes["oauth2"] = "jwt");
                builder.Services.AddSingleton<IVaultService, SecuredVaultService>();
                builder.Services.AddVaultGrpc();
                builder.Services.AddVaultHttp();
            },
            app =>
            {
                // What the query looks like once the call is over, for the tests of credentials carried in it.
                app.Use(async (context, next) =>
                {
                    await next();
                    Queries.Enqueue(context.Request.Path + context.Request.QueryString);
                });
                app.MapVaultGrpc();
                app.MapVaultHttp();
            });

    public async ValueTask DisposeAsync() => await LoopbackApp.StopAsync(_app);
}
