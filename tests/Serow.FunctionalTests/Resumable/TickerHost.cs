// Licensed under the MIT license. See LICENSE in the project root.

using Api.Ticker;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Serow.Topics;

namespace Serow.FunctionalTests.Resumable;

/// <summary>
/// The ticker service over gRPC and HTTP on real Kestrel sockets, relaying a topic the test owns: a host that stops and
/// a new one on the same ports share it, as hosts share a Redis topic.
/// </summary>
internal sealed class TickerHost : IAsyncDisposable
{
    private WebApplication? _app;

    private TickerHost(ITopic<Tick> ticks) => Ticks = ticks;

    public ITopic<Tick> Ticks { get; }

    public TickerService Service { get; private set; } = null!;

    public Uri GrpcAddress { get; private set; } = null!;

    public Uri HttpAddress { get; private set; } = null!;

    /// <summary>Starts a host on free ports (or on the ports of <paramref name="previous"/>, which must have stopped).</summary>
    public static async Task<TickerHost> StartAsync(ITopic<Tick> ticks, TickerHost? previous = null, TimeSpan? keepAlive = null, Action<WebApplication>? map = null)
    {
        var host = new TickerHost(ticks);
        await host.RunAsync(previous, keepAlive, map);
        return host;
    }

    /// <summary>Stops gracefully: open streams end with server_stopping.</summary>
    public Task StopAsync() => LoopbackApp.StopAsync(Interlocked.Exchange(ref _app, null));

    public async ValueTask DisposeAsync() => await StopAsync();

    private async Task RunAsync(TickerHost? previous, TimeSpan? keepAlive, Action<WebApplication>? map)
    {
        (_app, GrpcAddress, HttpAddress) = await LoopbackApp.StartAsync(
            builder =>
            {
                builder.Services.AddHttpContextAccessor();
                builder.Services.AddSingleton(Ticks);
                builder.Services.AddSingleton<TickerService>();
                builder.Services.AddSingleton<ITickerService>(sp => sp.GetRequiredService<TickerService>());
                builder.Services.AddTickerGrpc();
                builder.Services.AddTickerHttp(options =>
                {
                    if (keepAlive is { } interval)
                    {
                        options.KeepAliveInterval = interval;
                    }
                });
            },
            app =>
            {
                app.MapTickerGrpc();
                app.MapTickerHttp();
                map?.Invoke(app);
            },
            previous?.GrpcAddress.Port ?? 0,
            previous?.HttpAddress.Port ?? 0);
        Service = _app.Services.GetRequiredService<TickerService>();
    }
}
