// Licensed under the MIT license. See LICENSE in the project root.

using Conformance.Conformance;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Serow.Http;

namespace Serow.FunctionalTests.Http;

/// <summary>Serves a conformance service over real Kestrel on 127.0.0.1 with a free port.</summary>
public sealed class HttpTestHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private HttpTestHost(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    /// <summary>The server's address, <c>http://127.0.0.1:port/</c>.</summary>
    public Uri Address { get; }

    public static Task<HttpTestHost> StartAsync(IConformanceService service, Action<SerowHttpOptions>? configure = null, ILoggerProvider? logs = null, Action<WebApplication>? map = null) =>
        StartAsync(services => services.AddSingleton(service), configure, logs, map);

    /// <summary>Serves the conformance service that <paramref name="register"/> registers (with any lifetime).</summary>
    /// <param name="map">Maps more endpoints beside the service's (the pages of browser tests).</param>
    /// <param name="protocols">One protocol setting for the endpoint (HTTP/2 only, for example); HTTP/1.1 and HTTP/2 when null.</param>
    public static async Task<HttpTestHost> StartAsync(Action<IServiceCollection> register, Action<SerowHttpOptions>? configure = null, ILoggerProvider? logs = null, Action<WebApplication>? map = null, Microsoft.AspNetCore.Server.Kestrel.Core.HttpProtocols? protocols = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(System.Net.IPAddress.Loopback, 0, listen =>
            listen.Protocols = protocols ?? Microsoft.AspNetCore.Server.Kestrel.Core.HttpProtocols.Http1AndHttp2));

        // Accepted sockets inherit the listener's buffer sizes: small send buffers make backpressure visible with
        // thousands of small frames instead of millions (the kernel otherwise grows them to megabytes).
        builder.WebHost.UseSockets(sockets => sockets.CreateBoundListenSocket = endpoint =>
        {
            var socket = SocketTransportOptions.CreateDefaultBoundListenSocket(endpoint);
            socket.SendBufferSize = 16 * 1024;
            return socket;
        });
        builder.Logging.ClearProviders();
        if (logs is not null)
        {
            builder.Logging.AddProvider(logs);
        }

        register(builder.Services);
        builder.Services.AddConformanceHttp(configure);
        var app = builder.Build();
        app.MapConformanceHttp();
        map?.Invoke(app);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new HttpTestHost(app, new Uri(address + "/"));
    }

    public HttpClient CreateHttpClient() => new() { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>Stops the server as a host stops (SIGTERM): open streams are told the server is stopping.</summary>
    public Task StopAsync() => _app.StopAsync();

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await _app.StopAsync(timeout.Token);
        await _app.DisposeAsync();
    }
}
