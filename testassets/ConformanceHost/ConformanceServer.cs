// Licensed under the MIT license. See LICENSE in the project root.

using Conformance.Conformance;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Serow.FunctionalTests.Conformance;

namespace Serow.ConformanceHost;

/// <summary>
/// Serves the conformance service on two ports (gRPC over h2c, HTTP/1.1 for WebSockets and Server-Sent Events) and
/// reports on stdout: <c>listening grpc=… http=…</c> once started, <c>stopped active=N unexpected=N</c> when it stops.
/// <c>GET /reliability/stats</c> answers <c>active=N unexpected=N</c>: the open streams and the unexpected handler
/// failures logged so far.
/// </summary>
internal static class ConformanceServer
{
    public static async Task<int> RunAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(System.Net.IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2);
            kestrel.Listen(System.Net.IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http1);
            kestrel.Limits.MaxConcurrentConnections = null;
        });
        var failures = new FailureCounter();
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(failures);
        builder.Services.AddSingleton<IConformanceService>(new ConformanceService());
        builder.Services.AddConformanceGrpc();
        builder.Services.AddConformanceHttp();
        var app = builder.Build();
        app.MapConformanceGrpc();
        app.MapConformanceHttp();
        var tracker = app.Services.GetRequiredService<Serow.ServerCallTracker>();
        app.MapGet("/reliability/stats", () => Results.Text($"active={tracker.ActiveStreams} unexpected={failures.Count}"));
        await app.StartAsync();

        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.ToList();
        Console.WriteLine($"listening grpc={addresses[0]} http={addresses[1]}");
        await app.WaitForShutdownAsync();
        Console.WriteLine($"stopped active={tracker.ActiveStreams} unexpected={failures.Count}");
        return 0;
    }

    /// <summary>Counts the unexpected handler failures the Serow runtime logs (and echoes them to stderr).</summary>
    private sealed class FailureCounter : ILoggerProvider, ILogger
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel >= LogLevel.Error)
            {
                Interlocked.Increment(ref _count);
                Console.Error.WriteLine($"{eventId.Name}: {formatter(state, exception)} {exception?.GetType().Name}: {exception?.Message}");
            }
        }

        public void Dispose()
        {
        }
    }
}
