// Licensed under the MIT license. See LICENSE in the project root.

using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Serow.Grpc.Tests.Interop.PublicProto;

namespace Serow.Grpc.Tests.Interop;

/// <summary>
/// The gRPC interop test cases (grpc/grpc doc/interop-test-descriptions.md) run by a client compiled from the PUBLIC
/// grpc.testing .proto files — it knows nothing of Serow — against the Serow TestService on Kestrel (h2c).
/// </summary>
public sealed class InteropTests : IAsyncLifetime
{
    private static readonly int[] RequestSizes = [27182, 8, 1828, 45904];
    private static readonly int[] ResponseSizes = [31415, 9, 2653, 58979];
    private const string SpecialMessage = "\t\ntest with whitespace\r\nand Unicode BMP ☺ and non-BMP 😈\t\n";

    private readonly FrameSpy _spy = new();
    private KestrelGrpcHost? _host;
    private GrpcChannel? _channel;
    private TestService.TestServiceClient? _client;

    private TestService.TestServiceClient Client => _client!;

    public async ValueTask InitializeAsync()
    {
        _host = await KestrelGrpcHost.StartAsync(
            services => services.AddSingleton<global::Interop.TestService.ITestServiceService, TestServiceImplementation>().AddTestServiceGrpc(),
            app => app.MapTestServiceGrpc());

        // A plain grpc-dotnet channel: nothing of Serow on the client side. The spy below grpc-dotnet sees what it hides:
        // the response's grpc-encoding header and each message's compressed flag.
        _channel = GrpcChannel.ForAddress(_host.Address, new GrpcChannelOptions { HttpHandler = _spy });
        _client = new TestService.TestServiceClient(_channel);
    }

    public async ValueTask DisposeAsync()
    {
        _channel?.Dispose();
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }

    [Fact]
    public async Task EmptyUnary()
    {
        var response = await Client.EmptyCallAsync(new Empty()).ResponseAsync.DefaultTimeout();

        Assert.Equal(new Empty(), response);
    }

    [Fact]
    public async Task LargeUnary()
    {
        var response = await Client.UnaryCallAsync(LargeRequest()).ResponseAsync.DefaultTimeout();

        Assert.Equal(PayloadType.Compressable, response.Payload.Type);
        Assert.Equal(314159, response.Payload.Body.Length);
        Assert.All(response.Payload.Body, b => Assert.Equal(0, b));
    }

    [Fact]
    public async Task ClientStreaming()
    {
        using var call = Client.StreamingInputCall();
        foreach (var size in RequestSizes)
        {
            await call.RequestStream.WriteAsync(new StreamingInputCallRequest { Payload = Zeros(size) }).DefaultTimeout();
        }

        await call.RequestStream.CompleteAsync().DefaultTimeout();
        var response = await call.ResponseAsync.DefaultTimeout();

        Assert.Equal(74922, response.AggregatedPayloadSize);
    }

    [Fact]
    public async Task ServerStreaming()
    {
        var request = new StreamingOutputCallRequest();
        request.ResponseParameters.AddRange(ResponseSizes.Select(s => new ResponseParameters { Size = s }));

        using var call = Client.StreamingOutputCall(request);
        var sizes = new List<int>();
        while (await call.ResponseStream.MoveNext().DefaultTimeout())
        {
            Assert.Equal(PayloadType.Compressable, call.ResponseStream.Current.Payload.Type);
            sizes.Add(call.ResponseStream.Current.Payload.Body.Length);
        }

        Assert.Equal(ResponseSizes, sizes);
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
    }

    [Fact]
    public async Task ServerStreaming_IntervalBetweenMessages_IsHonoured()
    {
        var request = new StreamingOutputCallRequest();
        request.ResponseParameters.AddRange(ResponseSizes.Select(s => new ResponseParameters { Size = s, IntervalUs = 20_000 }));

        using var call = Client.StreamingOutputCall(request);
        var started = TimeProvider.System.GetTimestamp();
        var count = 0;
        while (await call.ResponseStream.MoveNext().DefaultTimeout())
        {
            count++;
        }

        // Four intervals of 20 ms each before the messages: at least 80 ms in total (a lower bound, not a speed check).
        Assert.Equal(4, count);
        Assert.True(TimeProvider.System.GetElapsedTime(started) >= TimeSpan.FromMilliseconds(80));
    }

    [Fact]
    public async Task PingPong()
    {
        using var call = Client.FullDuplexCall();
        for (var i = 0; i < ResponseSizes.Length; i++)
        {
            await call.RequestStream.WriteAsync(OutputRequest(ResponseSizes[i], RequestSizes[i])).DefaultTimeout();
            Assert.True(await call.ResponseStream.MoveNext().DefaultTimeout());
            Assert.Equal(ResponseSizes[i], call.ResponseStream.Current.Payload.Body.Length);
        }

        await call.RequestStream.CompleteAsync().DefaultTimeout();

        Assert.False(await call.ResponseStream.MoveNext().DefaultTimeout());
    }

    [Fact]
    public async Task HalfDuplex_AnswersAfterTheClientHalfCloses()
    {
        using var call = Client.HalfDuplexCall();
        for (var i = 0; i < ResponseSizes.Length; i++)
        {
            await call.RequestStream.WriteAsync(OutputRequest(ResponseSizes[i], RequestSizes[i])).DefaultTimeout();
        }

        // Nothing arrives while the request stream is open.
        var first = call.ResponseStream.MoveNext();
        await Task.Delay(100);
        Assert.False(first.IsCompleted);

        await call.RequestStream.CompleteAsync().DefaultTimeout();
        var sizes = new List<int>();
        if (await first.DefaultTimeout())
        {
            sizes.Add(call.ResponseStream.Current.Payload.Body.Length);
            while (await call.ResponseStream.MoveNext().DefaultTimeout())
            {
                sizes.Add(call.ResponseStream.Current.Payload.Body.Length);
            }
        }

        Assert.Equal(ResponseSizes, sizes);
    }

    [Fact]
    public async Task EmptyStream()
    {
        using var call = Client.FullDuplexCall();

        await call.RequestStream.CompleteAsync().DefaultTimeout();

        Assert.False(await call.ResponseStream.MoveNext().DefaultTimeout());
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
    }

    [Fact]
    public async Task CancelAfterBegin()
    {
        using var cancellation = new CancellationTokenSource();
        using var call = Client.StreamingInputCall(cancellationToken: cancellation.Token);

        await cancellation.CancelAsync();

        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync.DefaultTimeout());
        Assert.Equal(StatusCode.Cancelled, error.StatusCode);
    }

    [Fact]
    public async Task CancelAfterFirstResponse()
    {
        using var cancellation = new CancellationTokenSource();
        using var call = Client.FullDuplexCall(cancellationToken: cancellation.Token);
        await call.RequestStream.WriteAsync(OutputRequest(31415, 27182)).DefaultTimeout();
        Assert.True(await call.ResponseStream.MoveNext().DefaultTimeout());
        Assert.Equal(31415, call.ResponseStream.Current.Payload.Body.Length);

        await cancellation.CancelAsync();

        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext().DefaultTimeout());
        Assert.Equal(StatusCode.Cancelled, error.StatusCode);
    }

    [Fact]
    public async Task TimeoutOnSleepingServer()
    {
        using var call = Client.FullDuplexCall(deadline: DateTime.UtcNow.AddMilliseconds(1));
        try
        {
            await call.RequestStream.WriteAsync(new StreamingOutputCallRequest { Payload = Zeros(27182) }).DefaultTimeout();
        }
        catch (RpcException e)
        {
            // The deadline may already have passed when the message is written.
            Assert.Equal(StatusCode.DeadlineExceeded, e.StatusCode);
        }

        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext().DefaultTimeout());
        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
    }

    [Fact]
    public async Task CustomMetadata_Unary()
    {
        using var call = Client.UnaryCallAsync(LargeRequest(), EchoMetadata());

        var response = await call.ResponseAsync.DefaultTimeout();
        var headers = await call.ResponseHeadersAsync.DefaultTimeout();

        Assert.Equal(314159, response.Payload.Body.Length);
        Assert.Equal("test_initial_metadata_value", headers.GetValue(TestServiceImplementation.EchoInitialKey));
        Assert.Equal([0xab, 0xab, 0xab], call.GetTrailers().GetValueBytes(TestServiceImplementation.EchoTrailingKey));
    }

    [Fact]
    public async Task CustomMetadata_FullDuplex()
    {
        using var call = Client.FullDuplexCall(EchoMetadata());
        await call.RequestStream.WriteAsync(OutputRequest(314159, 271828)).DefaultTimeout();
        await call.RequestStream.CompleteAsync().DefaultTimeout();

        Assert.True(await call.ResponseStream.MoveNext().DefaultTimeout());
        Assert.Equal(314159, call.ResponseStream.Current.Payload.Body.Length);
        Assert.False(await call.ResponseStream.MoveNext().DefaultTimeout());
        var headers = await call.ResponseHeadersAsync.DefaultTimeout();

        Assert.Equal("test_initial_metadata_value", headers.GetValue(TestServiceImplementation.EchoInitialKey));
        Assert.Equal([0xab, 0xab, 0xab], call.GetTrailers().GetValueBytes(TestServiceImplementation.EchoTrailingKey));
    }

    [Fact]
    public async Task StatusCodeAndMessage_Unary()
    {
        var request = new SimpleRequest { ResponseStatus = new EchoStatus { Code = 2, Message = "test status message" } };

        var error = await Assert.ThrowsAsync<RpcException>(() => Client.UnaryCallAsync(request).ResponseAsync.DefaultTimeout());

        Assert.Equal(StatusCode.Unknown, error.StatusCode);
        Assert.Equal("test status message", error.Status.Detail);
    }

    [Fact]
    public async Task StatusCodeAndMessage_FullDuplex()
    {
        using var call = Client.FullDuplexCall();
        await call.RequestStream.WriteAsync(new StreamingOutputCallRequest { ResponseStatus = new EchoStatus { Code = 2, Message = "test status message" } }).DefaultTimeout();
        await call.RequestStream.CompleteAsync().DefaultTimeout();

        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext().DefaultTimeout());

        Assert.Equal(StatusCode.Unknown, error.StatusCode);
        Assert.Equal("test status message", error.Status.Detail);
    }

    [Fact]
    public async Task SpecialStatusMessage()
    {
        var request = new SimpleRequest { ResponseStatus = new EchoStatus { Code = 2, Message = SpecialMessage } };

        var error = await Assert.ThrowsAsync<RpcException>(() => Client.UnaryCallAsync(request).ResponseAsync.DefaultTimeout());

        Assert.Equal(StatusCode.Unknown, error.StatusCode);
        Assert.Equal(SpecialMessage, error.Status.Detail);
    }

    [Fact]
    public async Task UnimplementedMethod()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => Client.UnimplementedCallAsync(new Empty()).ResponseAsync.DefaultTimeout());

        Assert.Equal(StatusCode.Unimplemented, error.StatusCode);
    }

    [Fact]
    public async Task ClientCompressedUnary()
    {
        // Probe: a request that expects compression but travels uncompressed is refused.
        var probe = LargeRequest();
        probe.ExpectCompressed = new BoolValue { Value = true };
        var error = await Assert.ThrowsAsync<RpcException>(() => Client.UnaryCallAsync(probe).ResponseAsync.DefaultTimeout());
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);

        var compressed = LargeRequest();
        compressed.ExpectCompressed = new BoolValue { Value = true };
        var response = await Client.UnaryCallAsync(compressed, Gzip()).ResponseAsync.DefaultTimeout();
        Assert.Equal(314159, response.Payload.Body.Length);

        var uncompressed = LargeRequest();
        uncompressed.ExpectCompressed = new BoolValue { Value = false };
        response = await Client.UnaryCallAsync(uncompressed).ResponseAsync.DefaultTimeout();
        Assert.Equal(314159, response.Payload.Body.Length);
    }

    [Fact]
    public async Task ClientCompressedStreaming()
    {
        // Probe: an uncompressed call whose message expects compression is refused.
        using (var probe = Client.StreamingInputCall())
        {
            try
            {
                await probe.RequestStream.WriteAsync(new StreamingInputCallRequest { ExpectCompressed = new BoolValue { Value = true }, Payload = Zeros(27182) }).DefaultTimeout();
                await probe.RequestStream.CompleteAsync().DefaultTimeout();
            }
            catch (RpcException)
            {
                // Depending on timing the refusal surfaces on the write or on the response.
            }

            var error = await Assert.ThrowsAsync<RpcException>(() => probe.ResponseAsync.DefaultTimeout());
            Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        }

        using var call = Client.StreamingInputCall(Gzip());
        await call.RequestStream.WriteAsync(new StreamingInputCallRequest { ExpectCompressed = new BoolValue { Value = true }, Payload = Zeros(27182) }).DefaultTimeout();
        call.RequestStream.WriteOptions = new WriteOptions(WriteFlags.NoCompress);
        await call.RequestStream.WriteAsync(new StreamingInputCallRequest { ExpectCompressed = new BoolValue { Value = false }, Payload = Zeros(45904) }).DefaultTimeout();
        await call.RequestStream.CompleteAsync().DefaultTimeout();

        var response = await call.ResponseAsync.DefaultTimeout();
        Assert.Equal(73086, response.AggregatedPayloadSize);
    }

    [Fact]
    public async Task ServerCompressedUnary()
    {
        foreach (var compress in new[] { true, false })
        {
            var request = LargeRequest();
            request.ResponseCompressed = new BoolValue { Value = compress };
            using var call = Client.UnaryCallAsync(request);

            var response = await call.ResponseAsync.DefaultTimeout();

            Assert.Equal(314159, response.Payload.Body.Length);
            var spied = _spy.Responses.Last();
            Assert.Equal(compress ? "gzip" : null, spied.Encoding);
            Assert.Equal([compress], spied.Compressed);
        }
    }

    [Fact]
    public async Task ServerCompressedStreaming()
    {
        var request = new StreamingOutputCallRequest();
        request.ResponseParameters.Add(new ResponseParameters { Size = 31415, Compressed = new BoolValue { Value = true } });
        request.ResponseParameters.Add(new ResponseParameters { Size = 92653, Compressed = new BoolValue { Value = false } });

        using var call = Client.StreamingOutputCall(request);
        var sizes = new List<int>();
        while (await call.ResponseStream.MoveNext().DefaultTimeout())
        {
            sizes.Add(call.ResponseStream.Current.Payload.Body.Length);
        }

        Assert.Equal([31415, 92653], sizes);
        var spied = Assert.Single(_spy.Responses);
        Assert.Equal("gzip", spied.Encoding);
        Assert.Equal([true, false], spied.Compressed);
    }

    private static Payload Zeros(int size) => new() { Type = PayloadType.Compressable, Body = ByteString.CopyFrom(new byte[size]) };

    private static SimpleRequest LargeRequest() =>
        new() { ResponseType = PayloadType.Compressable, ResponseSize = 314159, Payload = Zeros(271828) };

    private static StreamingOutputCallRequest OutputRequest(int responseSize, int payloadSize)
    {
        var request = new StreamingOutputCallRequest { Payload = Zeros(payloadSize) };
        request.ResponseParameters.Add(new ResponseParameters { Size = responseSize });
        return request;
    }

    private static Metadata EchoMetadata() => new()
    {
        { TestServiceImplementation.EchoInitialKey, "test_initial_metadata_value" },
        { TestServiceImplementation.EchoTrailingKey, new byte[] { 0xab, 0xab, 0xab } },
    };

    private static Metadata Gzip() => new() { { GrpcHeaders.RequestEncoding, "gzip" } };
}
