// Licensed under the MIT license. See LICENSE in the project root.

using CsCheck;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Protowire;
using Protowire.Wire;
using Serow.Grpc.Tests.Interop;
using Proto = Protowire.Wire.Grpc.Proto;

namespace Serow.Grpc.Tests.Protobuf;

/// <summary>
/// Every message shape over real Kestrel sockets: the generated client against the generated server, and protoc's
/// client of the same .proto against the generated server.
/// </summary>
public sealed class WireServiceTests
{
    [Fact]
    public async Task Echo_RandomValues_WithAMetadataAttribute_ComeBackWhole()
    {
        await using var host = await StartAsync();
        using var channel = GrpcChannel.ForAddress(host.Address);
        var client = new WireGrpcClient(channel);

        foreach (var value in WireValues.Everything.Array[40].Single())
        {
            var echoed = await client.EchoAsync(new EchoPayload { Value = value, Trace = "t-1" }).DefaultTimeout();

            Assert.Equal("t-1", echoed.Note);
            value.Note = "t-1";
            Assert.Equal(Hex(value), Hex(echoed));
        }
    }

    [Fact]
    public async Task Echo_FromProtocsClient_IsReadAndAnsweredByTheGeneratedServer()
    {
        await using var host = await StartAsync();
        using var channel = GrpcChannel.ForAddress(host.Address);
        var client = new Proto.Wire.WireClient(channel);
        var request = new Proto.EchoRequest
        {
            Value = new Proto.Everything
            {
                Scalars = new Proto.Scalars { Small = -4, Text = "x", Kind = Proto.Kind.Small, Level = 1 },
                Lists = new Proto.Lists { Ints = { 1, 2, 3 }, Texts = { "a" }, Items = { new Proto.Scalars { Flag = true } } },
                Maps = new Proto.Maps { ByName = { ["k"] = 9 }, ByFlag = { [false] = new Proto.Scalars { Large = 5 } } },
            },
        };

        var response = await client.EchoAsync(request, new Metadata { { "trace", "from-protoc" } }).ResponseAsync.DefaultTimeout();

        // What the server read and wrote back: the note from metadata, and the designed default of level where it was absent.
        request.Value.Note = "from-protoc";
        request.Value.Lists.Items[0].Level = 7;
        request.Value.Maps.ByFlag[false].Level = 7;
        Assert.Equal(request.Value, response);
    }

    [Fact]
    public async Task Wrappers_Envelope_AndObjectStreams_TravelBothWays()
    {
        await using var host = await StartAsync();
        using var channel = GrpcChannel.ForAddress(host.Address);
        var client = new WireGrpcClient(channel);

        Assert.Equal(9.0, await client.SquareAsync(-3).DefaultTimeout());
        Assert.Equal(["a=1", "b=0"], await client.TagsAsync(new Dictionary<string, int> { ["a"] = 1, ["b"] = 0 }).DefaultTimeout());

        await using (var upload = await client.UploadAsync(new UploadPayload { Name = "n" }).DefaultTimeout())
        {
            await upload.SendAsync([1, 2, 3]).DefaultTimeout();
            await upload.SendAsync([]).DefaultTimeout();
            await upload.CloseSendAsync().DefaultTimeout();
            Assert.Equal(3, await upload.RecvAsync().AsTask().DefaultTimeout());
            Assert.Equal(0, await upload.RecvAsync().AsTask().DefaultTimeout());
            Assert.Null(await upload.RecvAsync().AsTask().DefaultTimeout());
        }

        await using var collect = await client.CollectAsync().DefaultTimeout();
        await collect.SendAsync(new Scalars { Flag = true, Small = 41, Medium = 0, Large = 0, Count = 0, Count32 = 0, Count64 = 0, Ratio = 0, Precise = 0 }).DefaultTimeout();
        Assert.Equal(41, await collect.RecvAsync().AsTask().DefaultTimeout());
        await collect.CloseSendAsync().DefaultTimeout();
        Assert.Null(await collect.RecvAsync().AsTask().DefaultTimeout());
    }

    [Fact]
    public async Task ScopedImplementation_IsResolvedPerCall_SingletonOnce()
    {
        ScopedWire.Created = 0;
        await using (var scoped = await KestrelGrpcHost.StartAsync(
            services => services.AddScoped<IWireService, ScopedWire>().AddWireGrpc(),
            app => app.MapWireGrpc()))
        {
            using var channel = GrpcChannel.ForAddress(scoped.Address);
            var client = new WireGrpcClient(channel);
            await client.SquareAsync(2).DefaultTimeout();
            await client.SquareAsync(3).DefaultTimeout();
        }

        Assert.Equal(2, ScopedWire.Created);

        ScopedWire.Created = 0;
        await using var singleton = await KestrelGrpcHost.StartAsync(
            services => services.AddSingleton<IWireService, ScopedWire>().AddWireGrpc(),
            app => app.MapWireGrpc());
        using var singletonChannel = GrpcChannel.ForAddress(singleton.Address);
        var singletonClient = new WireGrpcClient(singletonChannel);
        await singletonClient.SquareAsync(2).DefaultTimeout();
        await singletonClient.SquareAsync(3).DefaultTimeout();

        Assert.Equal(1, ScopedWire.Created);
    }

    private static Task<KestrelGrpcHost> StartAsync() => KestrelGrpcHost.StartAsync(
        services => services.AddSingleton<IWireService, WireService>().AddWireGrpc(),
        app => app.MapWireGrpc());

    private static string Hex(Everything value) => Convert.ToHexString(WireGrpcCodec.Everything.ToByteArray(value));

    private sealed class ScopedWire : WireService
    {
        public static int Created;

        public ScopedWire() => Interlocked.Increment(ref Created);
    }

    private class WireService : IWireService
    {
        public Task<Everything> EchoAsync(EchoPayload payload, CancellationToken cancellationToken)
        {
            var value = payload.Value ?? new Everything();
            value.Note = payload.Trace;
            return Task.FromResult(value);
        }

        public Task<double> SquareAsync(long payload, CancellationToken cancellationToken) => Task.FromResult((double)(payload * payload));

        public Task<List<string>> TagsAsync(Dictionary<string, int> payload, CancellationToken cancellationToken) =>
            Task.FromResult(payload.Select(p => $"{p.Key}={p.Value}").ToList());

        public async Task UploadAsync(UploadPayload payload, IWireUploadServerStream stream, CancellationToken cancellationToken)
        {
            var sizes = new List<long>();
            await foreach (var bytes in stream.WithCancellation(cancellationToken))
            {
                sizes.Add(bytes.Length);
            }

            foreach (var size in sizes)
            {
                await stream.SendAsync(size, cancellationToken);
            }
        }

        public async Task CollectAsync(IWireCollectServerStream stream, CancellationToken cancellationToken)
        {
            await foreach (var scalars in stream.WithCancellation(cancellationToken))
            {
                await stream.SendAsync(scalars.Small, cancellationToken);
            }
        }
    }
}
