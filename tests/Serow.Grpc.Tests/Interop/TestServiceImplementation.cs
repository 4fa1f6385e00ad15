// Licensed under the MIT license. See LICENSE in the project root.

using Grpc.Core;
using Interop.TestService;
using Microsoft.AspNetCore.Http;
using BoolValue = global::Interop.BoolValue;
using EchoStatus = global::Interop.EchoStatus;
using Payload = global::Interop.Payload;
using SimpleRequest = global::Interop.SimpleRequest;
using SimpleResponse = global::Interop.SimpleResponse;
using StreamingInputCallResponse = global::Interop.StreamingInputCallResponse;
using StreamingOutputCallRequest = global::Interop.StreamingOutputCallRequest;
using StreamingOutputCallResponse = global::Interop.StreamingOutputCallResponse;

namespace Serow.Grpc.Tests.Interop;

/// <summary>
/// grpc.testing.TestService on the Serow service interface generated from the interop design, doing what a server
/// must do to pass the interop test cases: sizes, intervals, echoed metadata, requested statuses, per-message
/// response compression, compressed-request checks, half-duplex answers after half-close, and UNIMPLEMENTED.
/// </summary>
public sealed class TestServiceImplementation : ITestServiceService
{
    /// <summary>Request metadata the server sends back as a response header.</summary>
    public const string EchoInitialKey = "x-grpc-test-echo-initial";

    /// <summary>Binary request metadata the server sends back as a trailer.</summary>
    public const string EchoTrailingKey = "x-grpc-test-echo-trailing-bin";

    // The response header grpc-dotnet reads to compress the response messages of a call (the server-side twin of the client's).
    private const string CompressResponses = "grpc-internal-encoding-request";

    public Task EmptyCallAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<SimpleResponse> UnaryCallAsync(SimpleRequest payload, CancellationToken cancellationToken)
    {
        var call = Call();
        EchoMetadata(call, compress: payload.ResponseCompressed?.Value == true);
        EnsureCompressed(call, payload.ExpectCompressed);
        EnsureStatus(payload.ResponseStatus);
        if (payload.ResponseCompressed is { Value: false })
        {
            call.Server.WriteOptions = new WriteOptions(WriteFlags.NoCompress);
        }

        return Task.FromResult(new SimpleResponse { Payload = Zeros(payload.ResponseSize) });
    }

    public async Task StreamingOutputCallAsync(StreamingOutputCallRequest payload, ITestServiceStreamingOutputCallServerStream stream, CancellationToken cancellationToken)
    {
        var call = Call();
        EchoMetadata(call, compress: payload.ResponseParameters?.Any(p => p.Compressed?.Value == true) == true);
        await RespondAsync(call, stream, payload, cancellationToken);
    }

    public async Task StreamingInputCallAsync(ITestServiceStreamingInputCallServerStream stream, CancellationToken cancellationToken)
    {
        var call = Call();
        var size = 0;
        await foreach (var request in stream.WithCancellation(cancellationToken))
        {
            EnsureCompressed(call, request.ExpectCompressed);
            size += request.Payload?.Body?.Length ?? 0;
        }

        await stream.SendAndCloseAsync(new StreamingInputCallResponse { AggregatedPayloadSize = size }, cancellationToken);
    }

    public async Task FullDuplexCallAsync(ITestServiceFullDuplexCallServerStream stream, CancellationToken cancellationToken)
    {
        var call = Call();
        EchoMetadata(call, compress: false);
        while (await stream.RecvAsync(cancellationToken) is { } request)
        {
            await RespondAsync(call, stream, request, cancellationToken);
        }
    }

    public async Task HalfDuplexCallAsync(ITestServiceHalfDuplexCallServerStream stream, CancellationToken cancellationToken)
    {
        var call = Call();
        EchoMetadata(call, compress: false);
        var requests = new List<StreamingOutputCallRequest>();
        while (await stream.RecvAsync(cancellationToken) is { } request)
        {
            requests.Add(request);
        }

        // Only after the client half-closed.
        foreach (var request in requests)
        {
            await RespondAsync(call, stream, request, cancellationToken);
        }
    }

    public Task UnimplementedCallAsync(CancellationToken cancellationToken) =>
        throw new UnimplementedError("UnimplementedCall is not implemented by the interop server.");

    /// <summary>A payload of <paramref name="size"/> zero bytes.</summary>
    public static Payload Zeros(int size) => new() { Type = "COMPRESSABLE", Body = new byte[size] };

    private static GrpcCallContext Call() =>
        GrpcCallContext.Current ?? throw new InvalidOperationException("The interop server runs over gRPC only.");

    private static async Task RespondAsync(
        GrpcCallContext call, Serow.Streaming.IStreamSender<StreamingOutputCallResponse> stream, StreamingOutputCallRequest request, CancellationToken cancellationToken)
    {
        EnsureStatus(request.ResponseStatus);
        foreach (var parameters in request.ResponseParameters ?? [])
        {
            if (parameters.IntervalUs > 0)
            {
                await Task.Delay(TimeSpan.FromMicroseconds(parameters.IntervalUs), cancellationToken);
            }

            // Every message is compressed when the call compresses, unless its parameters say otherwise.
            call.Server.WriteOptions = parameters.Compressed?.Value == true ? new WriteOptions() : new WriteOptions(WriteFlags.NoCompress);
            await stream.SendAsync(new StreamingOutputCallResponse { Payload = Zeros(parameters.Size) }, cancellationToken);
        }
    }

    /// <summary>Echoes the interop metadata: the initial value as a response header, the binary one as a trailer.</summary>
    private static void EchoMetadata(GrpcCallContext call, bool compress)
    {
        foreach (var entry in call.RequestHeaders)
        {
            if (entry.Key == EchoInitialKey)
            {
                call.ResponseHeaders.Add(entry);
            }
            else if (entry.Key == EchoTrailingKey)
            {
                call.ResponseTrailers.Add(entry);
            }
        }

        if (compress)
        {
            call.ResponseHeaders.Add(CompressResponses, "gzip");
        }
    }

    /// <summary>Ends the call with the requested status, as is (an <see cref="RpcException"/> passes through Serow unchanged).</summary>
    private static void EnsureStatus(EchoStatus? status)
    {
        if (status is { Code: not 0 })
        {
            throw new RpcException(new Status((StatusCode)status.Code, status.Message ?? string.Empty));
        }
    }

    /// <summary>
    /// Refuses a request that should have been compressed but was not. grpc-dotnet does not expose the per-message
    /// compressed flag to the handler, so, as grpc-dotnet's own interop server does, this reads the call's
    /// <c>grpc-encoding</c> header: a call without request compression cannot carry a compressed message.
    /// </summary>
    private static void EnsureCompressed(GrpcCallContext call, BoolValue? expectCompressed)
    {
        if (expectCompressed is { Value: true })
        {
            var encoding = call.Server.GetHttpContext().Request.Headers["grpc-encoding"].ToString();
            if (encoding.Length == 0 || encoding == "identity")
            {
                throw new RpcException(new Status(StatusCode.InvalidArgument, "Expected a compressed request message."));
            }
        }
    }
}
