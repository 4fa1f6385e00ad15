using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Stocks.Quotes;
using Stocks.Service;

namespace Stocks.Host;

/// <summary>The host: the quotes service over gRPC (HTTP/2) on one port and over HTTP (REST, WebSocket, SSE) on another.</summary>
public static class StocksHost
{
    public static WebApplication Build(string[] args, int grpcPort = 5000, int httpPort = 5001)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, grpcPort, listen => listen.Protocols = HttpProtocols.Http2);
            kestrel.Listen(IPAddress.Loopback, httpPort, listen => listen.Protocols = HttpProtocols.Http1);
        });
        builder.Services.AddSingleton<IQuotesService, QuotesService>();
        builder.Services.AddQuotesGrpc();
        builder.Services.AddQuotesHttp();
        var app = builder.Build();
        app.MapQuotesGrpc();
        app.MapQuotesHttp();
        return app;
    }

    /// <summary>The gRPC and HTTP addresses the host listens on, once started.</summary>
    public static (Uri Grpc, Uri Http) Addresses(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Select(a => new Uri(a)).ToList();
        return (addresses[0], addresses[1]);
    }
}
