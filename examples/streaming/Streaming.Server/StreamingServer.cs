// Licensed under the MIT license. See LICENSE in the project root.

using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Streaming.Analytics;
using Streaming.Chat;
using Streaming.Logger;
using Streaming.Monitor;
using Streaming.Services;

namespace Streaming.Server;

/// <summary>Builds the example host: every seed service on gRPC and on HTTP, from one set of implementations.</summary>
public static class StreamingServer
{
    /// <summary>Builds the host; command-line arguments and environment override <paramref name="options"/> (<c>--GrpcPort 9000</c>, <c>--HttpPort 9001</c>).</summary>
    public static WebApplication Build(string[] args, StreamingServerOptions? options = null)
    {
        // "--telemetry" is a flag; configuration wants a value after each switch.
        var telemetry = args.Contains("--telemetry");
        args = [.. args.Where(a => a != "--telemetry")];
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        options ??= new StreamingServerOptions();
        builder.Configuration.Bind(options);
        options.Telemetry |= telemetry;

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(System.Net.IPAddress.Loopback, options.GrpcPort, listen => listen.Protocols = HttpProtocols.Http2);
            kestrel.Listen(System.Net.IPAddress.Loopback, options.HttpPort, listen => listen.Protocols = HttpProtocols.Http1);
        });

        // The transcript and the console stay readable: framework request logs only from warnings up.
        // (Grpc.AspNetCore reports every cancelled stream at Information, with a stack trace.)
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        builder.Logging.AddFilter("Grpc", LogLevel.Warning);
        builder.Services.AddSingleton(options);
        if (options.Redis is { Length: > 0 } redis)
        {
            // Every host on this Redis shares the chat room and the logs; one multiplexed connection carries both.
            var connection = StackExchange.Redis.ConnectionMultiplexer.Connect(redis + ",abortConnect=false");
            builder.Services.AddSingleton(ChatTopics.OnRedis(connection));
            builder.Services.AddSingleton(_ => new LogHub(ChatTopics.LogsOnRedis(connection, options.LogRetention)));
        }
        else
        {
            builder.Services.AddSingleton(ChatTopics.InMemory());
            builder.Services.AddSingleton<LogHub>(_ => new LogHub());
        }

        builder.Services.AddSingleton<ChatRoom>();
        builder.Services.AddSingleton<IMonitorService, MonitorService>();
        builder.Services.AddSingleton<IAnalyticsService, AnalyticsService>();
        builder.Services.AddSingleton<IChatService, ChatService>();
        builder.Services.AddSingleton<ILoggerService, LoggerService>();
        builder.Services.AddHostedService<Heartbeat>();

        // chat.connect takes a JWT the host issues itself, logger.manage the API key (docs/security.md).
        builder.Services.AddStreamingPolicies(new DevelopmentCredentials(options.ApiKey));
        if (options.Telemetry)
        {
            builder.Services.AddOpenTelemetry()
                // Every call is recorded: ASP.NET Core's own request activity, unrecorded here, would otherwise make the
                // default parent-based sampler drop Serow's activity of a call that carries no sampled trace context.
                .WithTracing(tracing => tracing.AddSource(Serow.SerowTelemetry.Name).SetSampler(new AlwaysOnSampler()).AddConsoleExporter())
                .WithMetrics(metrics => metrics.AddMeter(Serow.SerowTelemetry.Name).AddConsoleExporter((_, reader) =>
                    reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = 10_000));
        }

        builder.Services.AddMonitorGrpc().AddAnalyticsGrpc().AddChatGrpc().AddLoggerGrpc();
        builder.Services.AddMonitorHttp().AddAnalyticsHttp().AddChatHttp().AddLoggerHttp();

        var app = builder.Build();
        app.UseDefaultFiles();
        app.UseStaticFiles();
        app.MapMonitorGrpc();
        app.MapAnalyticsGrpc();
        app.MapChatGrpc();
        app.MapLoggerGrpc();
        app.MapMonitorHttp();
        app.MapAnalyticsHttp();
        app.MapChatHttp();
        app.MapLoggerHttp();

        // Development credentials, for the command line and the web page (the host listens on 127.0.0.1 only).
        app.MapPost("/dev/token", (string? user, DevelopmentCredentials credentials) => Results.Text(credentials.IssueToken(user ?? "guest")));
        app.MapGet("/dev/credentials", (string? user, DevelopmentCredentials credentials) =>
            Results.Json(new DevelopmentLogin(credentials.IssueToken(user ?? "guest"), credentials.ApiKey)));
        return app;
    }

    /// <summary>What the web page needs to chat and manage topics: a token and the API key.</summary>
    private sealed record DevelopmentLogin(string Token, string ApiKey);

    /// <summary>The addresses the started host listens on: gRPC first, then HTTP.</summary>
    public static (Uri Grpc, Uri Http) Addresses(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .Select(a => new Uri(a)).ToList();
        var options = app.Services.GetRequiredService<StreamingServerOptions>();
        Uri Pick(int configured, int index) =>
            configured != 0 ? addresses.First(a => a.Port == configured) : addresses[index];
        return (Pick(options.GrpcPort, 0), Pick(options.HttpPort, 1));
    }

    /// <summary>Publishes a heartbeat to the "system" topic so a subscriber always sees live entries.</summary>
    private sealed class Heartbeat(LogHub logs, StreamingServerOptions options) : BackgroundService
    {
        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            var started = DateTimeOffset.UtcNow;
            using var timer = new PeriodicTimer(options.HeartbeatInterval);
            try
            {
                while (await timer.WaitForNextTickAsync(stoppingToken))
                {
                    try
                    {
                        await logs.PublishAsync("system", $"heartbeat: up {(DateTimeOffset.UtcNow - started).TotalSeconds:F0}s", stoppingToken);
                    }
                    catch (Serow.ServiceError error) when (error.Temporary)
                    {
                        // The shared log topic is unavailable (Redis is down): the next beat tries again.
                    }
                }
            }
            catch (OperationCanceledException)
            {
                // The host is stopping.
            }
        }
    }
}
