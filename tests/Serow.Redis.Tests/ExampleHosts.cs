// Licensed under the MIT license. See LICENSE in the project root.

using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Serow.Http;
using Serow.Security;
using Streaming.Chat;
using Streaming.Server;
using Streaming.Services;

namespace Serow.Redis.Tests;

/// <summary>Hosts of the streaming example on the test Redis, and a chat publisher on one of them.</summary>
internal static class ExampleHosts
{
    /// <summary>Starts a host whose chat room and logs are on <paramref name="redis"/> (the log topic keeps <paramref name="retention"/> entries).</summary>
    public static async Task<WebApplication> StartAsync(RedisServer redis, int retention = 1_000_000)
    {
        var app = StreamingServer.Build(["--Logging:LogLevel:Default=Warning"], new StreamingServerOptions { GrpcPort = 0, HttpPort = 0, Redis = $"127.0.0.1:{redis.Port}", LogRetention = retention });
        await app.StartAsync().WaitAsync(TimeSpan.FromSeconds(30));
        return app;
    }

    /// <summary>A token the host's development issuer signs.</summary>
    public static CallCredentials Token(WebApplication host, string user) =>
        CallCredentials.BearerToken(host.Services.GetRequiredService<DevelopmentCredentials>().IssueToken(user));

    /// <summary>A chat.connect stream on the host: each chat message is also a "chat" log entry.</summary>
    public static async Task<IChatConnectClientStream> PublisherAsync(WebApplication host, CancellationToken cancellationToken)
    {
        var http = new HttpClient { BaseAddress = StreamingServer.Addresses(host).Http };
        return await new ChatHttpClient(http, new SerowHttpClientOptions { Credentials = Token(host, "publisher") }).ConnectAsync(cancellationToken);
    }

    /// <summary>Sends a chat message and waits for its answer, so the entry is known to be in the log.</summary>
    public static async Task SendAsync(IChatConnectClientStream publisher, string message, CancellationToken cancellationToken)
    {
        await publisher.SendAsync(new ConnectStreamingPayload { UserId = "publisher", Message = message }, cancellationToken);
        Assert.NotNull(await publisher.RecvAsync(cancellationToken));
    }
}
