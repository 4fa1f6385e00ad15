// Licensed under the MIT license. See LICENSE in the project root.

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Serow.Http;
using Streams.Feed;
using Serow.Http.Tests.RawBodies;
using Streams.Files;

namespace Serow.Http.Tests.Sse;

/// <summary>
/// A real Kestrel server (127.0.0.1, free port) serving the HttpStreams design's generated endpoints, or, for the
/// client's malformed-stream cases, a raw peer answering every route with fixed bytes.
/// </summary>
public sealed class StreamsHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private StreamsHost(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public Uri Address { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>Serves the generated feed and files endpoints with the test implementations.</summary>
    /// <param name="map">Maps more endpoints beside the services' (the pages of browser tests).</param>
    public static Task<StreamsHost> StartAsync(FeedService feed, FilesService files, Action<SerowHttpOptions>? configure = null, Action<WebApplication>? map = null) =>
        StartCoreAsync(services =>
        {
            services.AddSingleton<IFeedService>(feed);
            services.AddSingleton<IFilesService>(files);
            services.AddFeedHttp(configure);
            services.AddFilesHttp(configure);
        }, app =>
        {
            app.MapFeedHttp();
            app.MapFilesHttp();
            map?.Invoke(app);
        });

    /// <summary>Serves the generated feed endpoints over HTTP/2 only (cleartext, prior knowledge), as a multiplexed connection carries them.</summary>
    public static Task<StreamsHost> StartHttp2Async(FeedService feed) =>
        StartCoreAsync(services =>
        {
            services.AddSingleton<IFeedService>(feed);
            services.AddFeedHttp();
        }, app => app.MapFeedHttp(), Microsoft.AspNetCore.Server.Kestrel.Core.HttpProtocols.Http2);

    /// <summary>A peer that answers every request with <paramref name="body"/> as a <c>text/event-stream</c>, then ends.</summary>
    public static Task<StreamsHost> StartRawAsync(string body) =>
        StartCoreAsync(_ => { }, app => app.Run(async context =>
        {
            context.Response.ContentType = "text/event-stream";
            await context.Response.WriteAsync(body, context.RequestAborted);
        }));

    private static async Task<StreamsHost> StartCoreAsync(Action<IServiceCollection> services, Action<WebApplication> map, Microsoft.AspNetCore.Server.Kestrel.Core.HttpProtocols? protocols = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(System.Net.IPAddress.Loopback, 0, listen =>
            listen.Protocols = protocols ?? Microsoft.AspNetCore.Server.Kestrel.Core.HttpProtocols.Http1AndHttp2));

        builder.Logging.ClearProviders();
        services(builder.Services);
        var app = builder.Build();
        map(app);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new StreamsHost(app, new Uri(address + "/"));
    }

    public HttpClient CreateClient() => new() { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(30) };

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await _app.StopAsync(timeout.Token);
        await _app.DisposeAsync();
    }
}
