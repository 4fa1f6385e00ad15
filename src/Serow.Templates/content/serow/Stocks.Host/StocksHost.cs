using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Stocks.Quotes;
using Stocks.Service;

namespace Stocks.Host;

/// <summary>
/// The host: the quotes service over gRPC (HTTP/2) on one port and over HTTP (REST, WebSocket, SSE) on another. The
/// ports are 8090 and 8080 (the generated client's defaults) unless given here or as <c>--GrpcPort</c> and <c>--HttpPort</c>.
/// </summary>
public static class StocksHost
{
    public static WebApplication Build(string[] args, int? grpcPort = null, int? httpPort = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        var grpc = grpcPort ?? builder.Configuration.GetValue("GrpcPort", 8090);
        var http = httpPort ?? builder.Configuration.GetValue("HttpPort", 8080);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, grpc, listen => listen.Protocols = HttpProtocols.Http2);
            kestrel.Listen(IPAddress.Loopback, http, listen => listen.Protocols = HttpProtocols.Http1);
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
