// Licensed under the MIT license. See LICENSE in the project root.

using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
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

    public async ValueTask InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        var grpcPort = FreePort();
        var httpPort = FreePort();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(System.Net.IPAddress.Loopback, grpcPort, listen => listen.Protocols = HttpProtocols.Http2);
            kestrel.Listen(System.Net.IPAddress.Loopback, httpPort, listen => listen.Protocols = HttpProtocols.Http1);
        });
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
        builder.Services.AddSingleton<IVaultService, SecuredVaultService>();
        builder.Services.AddVaultGrpc();
        builder.Services.AddVaultHttp();
        var app = builder.Build();
        app.MapVaultGrpc();
        app.MapVaultHttp();
        await app.StartAsync().WaitAsync(TimeSpan.FromSeconds(30));
        _app = app;
        GrpcAddress = new Uri($"http://127.0.0.1:{grpcPort}");
        HttpAddress = new Uri($"http://127.0.0.1:{httpPort}/");
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync().WaitAsync(TimeSpan.FromSeconds(30));
            await _app.DisposeAsync();
        }
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
