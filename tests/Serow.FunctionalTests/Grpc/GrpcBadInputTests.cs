// Licensed under the MIT license. See LICENSE in the project root.

using Conformance.Conformance;
using Grpc.Core;
using Grpc.Net.Client;
using Serow.FunctionalTests.Conformance;
using Serow.Grpc;

namespace Serow.FunctionalTests.Grpc;

/// <summary>Input no Serow client sends, over a real server: each bad call fails with its status and the server keeps serving.</summary>
public sealed class GrpcBadInputTests : IAsyncLifetime
{
    private const int MaxReceive = 4096;
    private static readonly Marshaller<byte[]> Raw = new(static bytes => bytes, static bytes => bytes);

    private GrpcTestHost? _host;
    private GrpcChannel? _channel;

    public async ValueTask InitializeAsync()
    {
        _host = await GrpcTestHost.StartAsync(new ConformanceService(), options => options.MaxReceiveMessageSize = MaxReceive);
        _channel = SerowGrpcChannel.Create(_host.Address);
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
    public async Task MalformedProtobuf_FailsTheCall_ServerKeepsServing()
    {
        // A field header announcing a length-delimited field longer than the message.
        var error = await Assert.ThrowsAsync<RpcException>(() => CallRawAsync("/conformance.Conformance/Echo", [0x0A, 0xFF, 0x01, 0x41]));

        // grpc-dotnet decodes the request before any Serow code runs and reports the failure as UNKNOWN.
        Assert.True(error.StatusCode is StatusCode.Unknown or StatusCode.Internal or StatusCode.InvalidArgument, $"status {error.StatusCode}: {error.Status.Detail}");
        await AssertServingAsync();
    }

    [Fact]
    public async Task OversizedMessage_IsResourceExhausted_ServerKeepsServing()
    {
        var body = new byte[MaxReceive * 2];
        body[0] = 0x0A;

        var error = await Assert.ThrowsAsync<RpcException>(() => CallRawAsync("/conformance.Conformance/Echo", body));

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        await AssertServingAsync();
    }

    [Fact]
    public async Task UnknownMethod_IsUnimplemented_ServerKeepsServing()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => CallRawAsync("/conformance.Conformance/Nope", []));

        Assert.Equal(StatusCode.Unimplemented, error.StatusCode);
        await AssertServingAsync();
    }

    [Fact]
    public async Task RequiredStringMissing_IsValidationNamingTheField()
    {
        // An empty EchoRequest: "text" is required, and required strings keep presence on the wire.
        var error = await Assert.ThrowsAsync<RpcException>(() => CallRawAsync("/conformance.Conformance/Echo", []));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        var violation = Assert.Single(GrpcErrors.DecodeValidation(error.Trailers.GetValueBytes(GrpcHeaders.Validation)!));
        Assert.Equal(("text", "required"), (violation.Field, violation.Rule));
    }

    [Fact]
    public async Task DesignedError_KeepsItsIdAcrossTheWire()
    {
        var client = new ConformanceGrpcClient(_channel!);

        var error = await Assert.ThrowsAsync<BoomError>(() => client.EchoAsync(new EchoPayload { Text = "x", Fail = true }).DefaultTimeout());

        Assert.Equal(8, error.Id.Length);
    }

    private async Task<byte[]> CallRawAsync(string path, byte[] body)
    {
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var method = new Method<byte[], byte[]>(MethodType.Unary, parts[0], parts[1], Raw, Raw);
        using var call = _channel!.CreateCallInvoker().AsyncUnaryCall(method, null, new CallOptions(deadline: DateTime.UtcNow.AddSeconds(15)), body);
        return await call.ResponseAsync.DefaultTimeout();
    }

    private async Task AssertServingAsync()
    {
        var client = new ConformanceGrpcClient(_channel!);
        var result = await client.EchoAsync(new EchoPayload { Text = "still here" }).DefaultTimeout();
        Assert.Equal("still here", result.Text);
    }
}
