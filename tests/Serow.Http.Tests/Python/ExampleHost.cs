// Licensed under the MIT license. See LICENSE in the project root.

using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Serow.Http.Tests.Runtime;
using Streaming.Analytics;
using Streaming.Server;
using Streaming.Services;

namespace Serow.Http.Tests.Python;

/// <summary>
/// The streaming example's host (examples/streaming/Streaming.Server) on 127.0.0.1 with free ports, as a user runs it;
/// the tests observe the services' state (log subscriptions, chat members) through the host's own singletons.
/// </summary>
public sealed class ExampleHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ExampleHost(WebApplication app)
    {
        _app = app;
        (_, Http) = StreamingServer.Addresses(app);
        WebSocketBase = new Uri("ws://" + Http.Authority);
        Logs = app.Services.GetRequiredService<LogHub>();
        Chat = app.Services.GetRequiredService<ChatRoom>();
        Calls = app.Services.GetRequiredService<Serow.ServerCallTracker>();
        Credentials = app.Services.GetRequiredService<DevelopmentCredentials>();
    }

    /// <summary>The host's development credentials: tokens for chat.connect, the API key of logger.manage.</summary>
    public DevelopmentCredentials Credentials { get; }

    /// <summary>Client options that carry a token and the API key, for the secured methods.</summary>
    public SerowHttpClientOptions Secured() => new()
    {
        Credentials = Serow.Security.CallCredentials.Combine(
            Serow.Security.CallCredentials.BearerToken(Credentials.IssueToken("tests")),
            Serow.Security.CallCredentials.ApiKey(Credentials.ApiKey)),
    };

    /// <summary>The server's open streams, counted by the Serow runtime.</summary>
    public Serow.ServerCallTracker Calls { get; }

    /// <summary>The HTTP address (REST, WebSocket streams, the web page), ending in '/'.</summary>
    public Uri Http { get; }

    /// <summary>ws://127.0.0.1:port, the base a WebSocket client appends the designed paths to.</summary>
    public Uri WebSocketBase { get; }

    public LogHub Logs { get; }

    public ChatRoom Chat { get; }

    public static async Task<ExampleHost> StartAsync(TimeSpan? heartbeat = null)
    {
        var options = new StreamingServerOptions { GrpcPort = 0, HttpPort = 0 };
        if (heartbeat is { } interval)
        {
            options.HeartbeatInterval = interval;
        }

        // The host's own information logs (one line per request) only clutter the test output.
        var app = StreamingServer.Build(["--Logging:LogLevel:Default=Warning"], options);
        await app.StartAsync().WaitAsync(Timeouts.Default);
        return new ExampleHost(app);
    }

    /// <summary>Waits (bounded) until <paramref name="condition"/> holds; false when it still does not after <paramref name="timeout"/>.</summary>
    public static async Task<bool> EventuallyAsync(Func<bool> condition, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? Timeouts.Default);
        for (var i = 0; i < 10_000 && DateTime.UtcNow < deadline; i++)
        {
            if (condition())
            {
                return true;
            }

            await Task.Delay(20);
        }

        return condition();
    }

    /// <summary>analytics.process through the generated HTTP client: the service publishes "processed N events" to the "analytics" topic.</summary>
    public async Task<long> UploadAsync(int count, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = Http, Timeout = Timeouts.Default };
        var client = new AnalyticsHttpClient(http);
        await using var upload = await client.ProcessAsync(cancellationToken);
        for (var i = 1; i <= count; i++)
        {
            await upload.SendAsync(new ProcessStreamingPayload
            {
                EventType = "click",
                Timestamp = DateTimeOffset.UtcNow.ToString("O"),
                Data = Encoding.UTF8.GetBytes($"event {i}"),
            }, cancellationToken);
        }

        return (await upload.CloseAndRecvAsync(cancellationToken)).ProcessedCount;
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await _app.StopAsync(timeout.Token);
        await _app.DisposeAsync();
    }
}
