// Licensed under the MIT license. See LICENSE in the project root.

using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Streaming.Analytics;
using Streaming.Chat;
using Streaming.Logger;
using Streaming.Monitor;
using Streaming.Services;

namespace Serow.Cli.Tests.CliClient;

/// <summary>The example's four real services on Kestrel, 127.0.0.1 with free ports: gRPC (h2c) and HTTP (REST, WebSocket).</summary>
internal sealed class ExampleServicesHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ExampleServicesHost(WebApplication app, Uri grpc, Uri http)
    {
        _app = app;
        Grpc = grpc;
        Http = http;
    }

    public Uri Grpc { get; }

    public Uri Http { get; }

    /// <summary>The development credentials of chat.connect (a token) and logger.manage (the API key).</summary>
    public static DevelopmentCredentials Credentials { get; } = new("cli-tests-key");

    /// <summary>A token for chat.connect.</summary>
    public static string Token { get; } = Credentials.IssueToken("cli-tests");

    public static async Task<ExampleServicesHost> StartAsync()
    {
        var builder = WebApplication.CreateBuilder();
        ListenOptions? grpcListen = null;
        ListenOptions? httpListen = null;
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, 0, listen =>
            {
                listen.Protocols = HttpProtocols.Http2;
                grpcListen = listen;
            });
            kestrel.Listen(IPAddress.Loopback, 0, listen =>
            {
                listen.Protocols = HttpProtocols.Http1;
                httpListen = listen;
            });
        });
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<LogHub>();
        builder.Services.AddSingleton(ChatTopics.InMemory());
        builder.Services.AddSingleton<ChatRoom>();
        builder.Services.AddSingleton<IMonitorService>(s => new MonitorService(s.GetRequiredService<LogHub>()));
        builder.Services.AddSingleton<IAnalyticsService>(s => new AnalyticsService(s.GetRequiredService<LogHub>()));
        builder.Services.AddSingleton<IChatService>(s => new ChatService(s.GetRequiredService<ChatRoom>(), s.GetRequiredService<LogHub>()));
        builder.Services.AddSingleton<ILoggerService>(s => new LoggerService(s.GetRequiredService<LogHub>()));
        builder.Services.AddStreamingPolicies(Credentials);
        builder.Services.AddMonitorGrpc().AddAnalyticsGrpc().AddChatGrpc().AddLoggerGrpc();
        builder.Services.AddMonitorHttp().AddAnalyticsHttp().AddChatHttp().AddLoggerHttp();

        var app = builder.Build();
        app.MapMonitorGrpc();
        app.MapAnalyticsGrpc();
        app.MapChatGrpc();
        app.MapLoggerGrpc();
        app.MapMonitorHttp();
        app.MapAnalyticsHttp();
        app.MapChatHttp();
        app.MapLoggerHttp();
        await app.StartAsync().WaitAsync(TimeSpan.FromSeconds(30));

        // Kestrel writes the bound port back into each listen option.
        return new ExampleServicesHost(app, Address(grpcListen!), Address(httpListen!));
    }

    public async ValueTask DisposeAsync()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await _app.StopAsync(stop.Token);
        await _app.DisposeAsync();
    }

    private static Uri Address(ListenOptions listen) => new($"http://127.0.0.1:{listen.IPEndPoint!.Port}");
}
