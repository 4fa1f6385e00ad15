// Licensed under the MIT license. See LICENSE in the project root.

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;

namespace Serow.FunctionalTests;

/// <summary>
/// A web application on two loopback ports, as the transports need them: gRPC over HTTP/2 without TLS on one, HTTP/1.1
/// (REST, WebSocket, SSE) on the other.
/// </summary>
internal static class LoopbackApp
{
    public static async Task<(WebApplication App, Uri Grpc, Uri Http)> StartAsync(Action<WebApplicationBuilder> configure, Action<WebApplication> map, int grpcPort = 0, int httpPort = 0)
    {
        // The content root is the test output, where files served with the designs' Files are copied.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        grpcPort = grpcPort == 0 ? FreePort() : grpcPort;
        httpPort = httpPort == 0 ? FreePort() : httpPort;
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(System.Net.IPAddress.Loopback, grpcPort, listen => listen.Protocols = HttpProtocols.Http2);
            kestrel.Listen(System.Net.IPAddress.Loopback, httpPort, listen => listen.Protocols = HttpProtocols.Http1);
        });
        configure(builder);
        var app = builder.Build();
        map(app);
        await app.StartAsync().WaitAsync(TimeSpan.FromSeconds(30));
        return (app, new Uri($"http://127.0.0.1:{grpcPort}"), new Uri($"http://127.0.0.1:{httpPort}/"));
    }

    public static async Task StopAsync(WebApplication? app)
    {
        if (app is not null)
        {
            await app.StopAsync().WaitAsync(TimeSpan.FromSeconds(30));
            await app.DisposeAsync();
        }
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
