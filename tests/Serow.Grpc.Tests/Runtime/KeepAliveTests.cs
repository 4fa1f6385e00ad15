// Licensed under the MIT license. See LICENSE in the project root.

using Interop.TestService;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Serow.Grpc.Tests.Interop;

namespace Serow.Grpc.Tests.Runtime;

/// <summary>Keepalive settings reach the HTTP/2 stacks on both sides, and a call over them keeps working across idle time.</summary>
public sealed class KeepAliveTests
{
    [Fact]
    public void ClientHandler_GetsThePingDelayTimeoutAndPolicy()
    {
        using var handler = SerowGrpcChannel.CreateHandler(new SerowGrpcClientOptions
        {
            KeepAlivePingDelay = TimeSpan.FromSeconds(7),
            KeepAlivePingTimeout = TimeSpan.FromSeconds(3),
        });

        Assert.Equal(TimeSpan.FromSeconds(7), handler.KeepAlivePingDelay);
        Assert.Equal(TimeSpan.FromSeconds(3), handler.KeepAlivePingTimeout);
        Assert.Equal(HttpKeepAlivePingPolicy.Always, handler.KeepAlivePingPolicy);
        Assert.True(handler.EnableMultipleHttp2Connections);
    }

    [Fact]
    public void ClientHandler_WithoutKeepAlive_SendsNoPings()
    {
        using var handler = SerowGrpcChannel.CreateHandler();

        Assert.Equal(Timeout.InfiniteTimeSpan, handler.KeepAlivePingDelay);
    }

    [Fact]
    public async Task Server_KestrelHttp2Limits_GetThePingDelayAndTimeout_AndCallsWorkAcrossIdleTime()
    {
        await using var host = await KestrelGrpcHost.StartAsync(
            services => services.AddSingleton<ITestServiceService, TestServiceImplementation>().AddTestServiceGrpc(o =>
            {
                o.KeepAlivePingDelay = TimeSpan.FromSeconds(1);
                o.KeepAlivePingTimeout = TimeSpan.FromSeconds(5);
            }),
            app => app.MapTestServiceGrpc());

        var http2 = host.App.Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value.Limits.Http2;
        Assert.Equal(TimeSpan.FromSeconds(1), http2.KeepAlivePingDelay);
        Assert.Equal(TimeSpan.FromSeconds(5), http2.KeepAlivePingTimeout);

        // Both sides ping every second while a bidirectional call sits idle for 2.5 s; the call goes on afterwards.
        var options = new SerowGrpcClientOptions { KeepAlivePingDelay = TimeSpan.FromSeconds(1), KeepAlivePingTimeout = TimeSpan.FromSeconds(5) };
        using var channel = SerowGrpcChannel.Create(host.Address, options);
        var client = new TestServiceGrpcClient(channel, options);
        await using var stream = await client.FullDuplexCallAsync().DefaultTimeout();
        await stream.SendAsync(Request(10)).DefaultTimeout();
        Assert.Equal(10, (await stream.RecvAsync().DefaultTimeout())?.Payload?.Body?.Length);

        await Task.Delay(TimeSpan.FromSeconds(2.5));

        await stream.SendAsync(Request(20)).DefaultTimeout();
        Assert.Equal(20, (await stream.RecvAsync().DefaultTimeout())?.Payload?.Body?.Length);
        await stream.CloseSendAsync().DefaultTimeout();
        Assert.Null(await stream.RecvAsync().DefaultTimeout());
    }

    private static global::Interop.StreamingOutputCallRequest Request(int size) =>
        new() { ResponseParameters = [new global::Interop.ResponseParameters { Size = size, IntervalUs = 0 }] };
}
