// Licensed under the MIT license. See LICENSE in the project root.

using Conformance.Conformance;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Serow.FunctionalTests.Conformance;
using Serow.Grpc.Tests.Interop;

namespace Serow.Grpc.Tests.Runtime;

/// <summary>
/// <see cref="SerowGrpcOptions.BufferWrites"/> (on by default) over real Kestrel: results written without a flush each
/// still reach the client when the method waits, keep their order before a typed error, and a burst to a client that
/// reads nothing stays bounded by HTTP/2 flow control.
/// </summary>
public sealed class ServerWriteBufferingTests
{
    [Fact]
    public void BufferWrites_IsOnByDefault() => Assert.True(new SerowGrpcOptions().BufferWrites);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task OneResult_ThenTheMethodWaits_ReachesTheClient(bool bufferWrites)
    {
        var service = new ConformanceService();
        await using var host = await StartAsync(service, bufferWrites);
        using var channel = SerowGrpcChannel.Create(host.Address);
        var client = new ConformanceGrpcClient(channel);

        // The method sends one result and then waits until cancelled: the result must not stay in the server's buffer.
        await using var stream = await client.CountAsync(new CountPayload { To = 1, WaitForCancel = true }).DefaultTimeout();

        Assert.Equal(1, (await stream.RecvAsync().AsTask().DefaultTimeout())?.Value);
    }

    [Fact]
    public async Task SeveralResults_ThenTheMethodWaits_AllReachTheClientInOrder()
    {
        var service = new ConformanceService();
        await using var host = await StartAsync(service, bufferWrites: true);
        using var channel = SerowGrpcChannel.Create(host.Address);
        var client = new ConformanceGrpcClient(channel);

        await using var stream = await client.CountAsync(new CountPayload { To = 7, WaitForCancel = true }).DefaultTimeout();

        for (var i = 1; i <= 7; i++)
        {
            Assert.Equal(i, (await stream.RecvAsync().AsTask().DefaultTimeout())?.Value);
        }
    }

    [Fact]
    public async Task ABurstThenATypedError_EveryResultArrivesBeforeTheError()
    {
        const int Burst = 5_000;
        var service = new ConformanceService();
        await using var host = await StartAsync(service, bufferWrites: true);
        using var channel = SerowGrpcChannel.Create(host.Address);
        var client = new ConformanceGrpcClient(channel);

        await using var stream = await client.CountAsync(new CountPayload { To = Burst + 1, FailAt = Burst + 1 }).DefaultTimeout();

        for (var i = 1; i <= Burst; i++)
        {
            Assert.Equal(i, (await stream.RecvAsync().AsTask().DefaultTimeout())?.Value);
        }

        var error = await Assert.ThrowsAsync<BoomError>(() => stream.RecvAsync().AsTask().DefaultTimeout());
        Assert.Equal($"count failed before {Burst + 1}", error.Message);
    }

    [Fact]
    public async Task AHugeBurstToAClientThatReadsNothing_StaysBoundedByFlowControl()
    {
        const int Burst = 2_000_000;
        var service = new ConformanceService();
        await using var host = await StartAsync(service, bufferWrites: true);
        using var channel = SerowGrpcChannel.Create(host.Address);
        var client = new ConformanceGrpcClient(channel);

        await using var stream = await client.CountAsync(new CountPayload { To = Burst }).DefaultTimeout();
        var sent = await WaitUntilStableAsync(() => service.Sent);

        // Each result is a few bytes on the wire: what the server accepted is what fits in the HTTP/2 windows, Kestrel's
        // response buffer, the socket buffers and at most one flush limit of buffered writes — not the burst.
        Assert.InRange(sent, 1, 200_000);
        var received = 0;
        for (var i = 0; i < 1_000; i++)
        {
            Assert.Equal(++received, (await stream.RecvAsync().AsTask().DefaultTimeout())?.Value);
        }
    }

    [Fact]
    public async Task ABidirectionalEcho_AnswersEachMessageBeforeTheNextArrives()
    {
        var service = new ConformanceService();
        await using var host = await StartAsync(service, bufferWrites: true);
        using var channel = SerowGrpcChannel.Create(host.Address);
        var client = new ConformanceGrpcClient(channel);

        // Ping-pong: the method sends, then waits for the next message; the send must leave without a later write.
        await using var stream = await client.ChatAsync().DefaultTimeout();
        for (var i = 1; i <= 50; i++)
        {
            await stream.SendAsync(new ChatStreamingPayload { Text = $"m{i}" }).AsTask().DefaultTimeout();
            Assert.NotNull(await stream.RecvAsync().AsTask().DefaultTimeout());
        }

        await stream.CloseSendAsync().AsTask().DefaultTimeout();
    }

    private static Task<KestrelGrpcHost> StartAsync(ConformanceService service, bool bufferWrites) =>
        KestrelGrpcHost.StartAsync(
            services => services.AddSingleton<IConformanceService>(service).AddConformanceGrpc(o => o.BufferWrites = bufferWrites),
            app => app.MapConformanceGrpc());

    private static async Task<int> WaitUntilStableAsync(Func<int> read)
    {
        // Bounded: at most 20 s of 100 ms polls; stable once three polls in a row agree.
        var last = -1;
        var same = 0;
        for (var i = 0; i < 200 && same < 3; i++)
        {
            await Task.Delay(100);
            var now = read();
            same = now == last ? same + 1 : 0;
            last = now;
        }

        return last;
    }
}
