// Licensed under the MIT license. See LICENSE in the project root.

using System.Diagnostics;
using Bench.Bench;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Serow.Benchmarks.Grpc.Server;

/// <summary>
/// The server process: two Kestrel hosts with identical settings (h2c on 127.0.0.1, port 0, no logging), one serving
/// Serow's generated service, one the hand-written service. It prints its ports, then answers commands on stdin
/// (<c>alloc</c>: bytes allocated so far; <c>cpu</c>: processor time so far in ms; <c>work</c>: thread-pool work items completed so far) until stdin closes.
/// </summary>
internal static class BenchServers
{
    /// <param name="telemetry">
    /// Whether an OpenTelemetry SDK listens to Serow's activity source and meter, exporting traces through a batch
    /// processor (as an OTLP exporter would, to an exporter that only counts) and metrics to memory.
    /// </param>
    public static async Task<int> RunAsync(bool telemetry)
    {
        using var sampler = AllocationSampler.StartFromEnvironment();
        using var tracing = telemetry ? BenchTelemetry.StartTracing() : null;
        using var metrics = telemetry ? BenchTelemetry.StartMetrics() : null;
        await using var serow = Build(builder =>
        {
            builder.Services.AddSingleton<IBenchService, SerowBenchService>();
            builder.Services.AddSingleton<IBenchServerInterceptors, PassInterceptors>();
            builder.Services.AddBenchGrpc();
        }, app => app.MapBenchGrpc());
        await using var handWritten = Build(builder => builder.Services.AddGrpc(), app => app.MapGrpcService<HandWrittenBenchService>());
        await serow.StartAsync();
        await handWritten.StartAsync();
        Console.WriteLine($"ports {Port(serow)} {Port(handWritten)}");
        Console.Out.Flush();

        var process = Process.GetCurrentProcess();
        while (await Console.In.ReadLineAsync() is { } command)
        {
            var answer = command switch
            {
                "alloc" => GC.GetTotalAllocatedBytes(precise: true).ToString(System.Globalization.CultureInfo.InvariantCulture),
                "cpu" => CpuMilliseconds(process),
                "work" => ThreadPool.CompletedWorkItemCount.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "jit" => System.Runtime.JitInfo.GetCompiledMethodCount().ToString(System.Globalization.CultureInfo.InvariantCulture),
                _ => "?",
            };
            Console.WriteLine(answer);
            Console.Out.Flush();
        }

        await serow.StopAsync();
        await handWritten.StopAsync();
        return 0;
    }

    private static string CpuMilliseconds(Process process)
    {
        process.Refresh();
        return ((long)process.TotalProcessorTime.TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    private static WebApplication Build(Action<WebApplicationBuilder> services, Action<WebApplication> map)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
            kestrel.Listen(System.Net.IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2));
        services(builder);
        var app = builder.Build();
        map(app);
        return app;
    }

    private static int Port(WebApplication app) =>
        new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()).Port;
}
