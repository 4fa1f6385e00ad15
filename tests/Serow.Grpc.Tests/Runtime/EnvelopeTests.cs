// Licensed under the MIT license. See LICENSE in the project root.

using System.Reflection;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Serow.Grpc.Tests.Interop;

namespace Serow.Grpc.Tests.Runtime;

/// <summary>
/// The one-shot payload + client stream envelope over a real server: the generated client, and a raw client that
/// knows only the .proto (sends the payload first, then the messages; anything else is INVALID_ARGUMENT).
/// </summary>
public sealed class EnvelopeTests : IAsyncLifetime
{
    // The service and a driver of the generated client, compiled with the design's generated code.
    private const string Sources = """
        using Envelope.Vault;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.Extensions.DependencyInjection;

        namespace Envelope.Tests;

        public sealed class VaultService : IVaultService
        {
            public async System.Threading.Tasks.Task UploadAsync(UploadPayload payload, IVaultUploadServerStream stream, System.Threading.CancellationToken cancellationToken)
            {
                long received = 0;
                while (await stream.RecvAsync(cancellationToken) is { } chunk)
                {
                    received += chunk.Length;
                    await stream.SendAsync(new UploadResult { Name = payload.Name, Received = received }, cancellationToken);
                }
            }
        }

        public static class Driver
        {
            public static void Register(Microsoft.Extensions.DependencyInjection.IServiceCollection services) =>
                services.AddSingleton<IVaultService, VaultService>().AddVaultGrpc();

            public static void Map(Microsoft.AspNetCore.Builder.WebApplication app) => app.MapVaultGrpc();

            /// <summary>Uploads the chunks with the generated client; returns "name:received" per result.</summary>
            public static async System.Threading.Tasks.Task<string> UploadAsync(System.Uri address, string name, int[] sizes)
            {
                using var channel = Serow.Grpc.SerowGrpcChannel.Create(address);
                IVaultClient client = new VaultGrpcClient(channel);
                var results = new System.Collections.Generic.List<string>();
                await using var stream = await client.UploadAsync(new UploadPayload { Name = name });
                foreach (var size in sizes)
                {
                    await stream.SendAsync(new byte[size]);
                    var result = await stream.RecvAsync();
                    results.Add($"{result!.Name}:{result.Received}");
                }

                await stream.CloseSendAsync();
                results.Add((await stream.RecvAsync()) is null ? "end" : "more");
                return string.Join(",", results);
            }
        }
        """;

    private static readonly Lazy<Assembly> Compiled = new(() => GeneratedAssembly.Load(typeof(EnvelopeDesign), Sources));
    private static readonly Marshaller<byte[]> Raw = new(static b => b, static b => b);
    private static readonly Method<byte[], byte[]> Upload = new(MethodType.DuplexStreaming, "vault.Vault", "Upload", Raw, Raw);

    private KestrelGrpcHost? _host;
    private GrpcChannel? _channel;

    public async ValueTask InitializeAsync()
    {
        var assembly = Compiled.Value;
        _host = await KestrelGrpcHost.StartAsync(
            services => GeneratedAssembly.Invoke(assembly, "Envelope.Tests.Driver", "Register", services),
            app => GeneratedAssembly.Invoke(assembly, "Envelope.Tests.Driver", "Map", app));
        _channel = GrpcChannel.ForAddress(_host.Address);
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
    public void Proto_DeclaresTheEnvelope()
    {
        var proto = GeneratedAssembly.Generate(typeof(EnvelopeDesign)).Single(f => f.Path.EndsWith(".proto", StringComparison.Ordinal)).Content;

        Assert.Contains("rpc Upload (stream UploadStreamingRequest) returns (stream UploadResponse);", proto, StringComparison.Ordinal);
        Assert.Contains("UploadRequest payload = 1;", proto, StringComparison.Ordinal);
        Assert.Contains("UploadStreamingPayloadMessage message = 2;", proto, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GeneratedClient_SendsThePayloadFirst_ThenEveryMessage()
    {
        var result = await ((Task<string>)GeneratedAssembly.Invoke(Compiled.Value, "Envelope.Tests.Driver", "UploadAsync", _host!.Address, "photos", new[] { 3, 4, 5 })!).DefaultTimeout();

        Assert.Equal("photos:3,photos:7,photos:12,end", result);
    }

    [Fact]
    public async Task RawClient_PayloadThenMessages_IsServed()
    {
        using var call = _channel!.CreateCallInvoker().AsyncDuplexStreamingCall(Upload, null, new CallOptions());

        await call.RequestStream.WriteAsync(PayloadKind("raw")).DefaultTimeout();
        await call.RequestStream.WriteAsync(MessageKind(10)).DefaultTimeout();
        Assert.True(await call.ResponseStream.MoveNext().DefaultTimeout());
        Assert.Equal(("raw", 10L), ReadResult(call.ResponseStream.Current));
        await call.RequestStream.WriteAsync(MessageKind(5)).DefaultTimeout();
        Assert.True(await call.ResponseStream.MoveNext().DefaultTimeout());
        Assert.Equal(("raw", 15L), ReadResult(call.ResponseStream.Current));
        await call.RequestStream.CompleteAsync().DefaultTimeout();

        Assert.False(await call.ResponseStream.MoveNext().DefaultTimeout());
    }

    [Fact]
    public async Task RawClient_StreamNotStartingWithThePayload_IsInvalidArgument()
    {
        using var call = _channel!.CreateCallInvoker().AsyncDuplexStreamingCall(Upload, null, new CallOptions());

        await WriteIgnoringRefusalAsync(call.RequestStream, MessageKind(10));

        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext().DefaultTimeout());
        AssertDecodeViolation(error, "payload");
    }

    [Fact]
    public async Task RawClient_SecondPayload_IsInvalidArgument()
    {
        using var call = _channel!.CreateCallInvoker().AsyncDuplexStreamingCall(Upload, null, new CallOptions());

        await call.RequestStream.WriteAsync(PayloadKind("raw")).DefaultTimeout();
        await WriteIgnoringRefusalAsync(call.RequestStream, PayloadKind("again"));

        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext().DefaultTimeout());
        AssertDecodeViolation(error, "message");
    }

    [Fact]
    public async Task RawClient_EmptyStream_IsInvalidArgument()
    {
        using var call = _channel!.CreateCallInvoker().AsyncDuplexStreamingCall(Upload, null, new CallOptions());

        await call.RequestStream.CompleteAsync().DefaultTimeout();

        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext().DefaultTimeout());
        AssertDecodeViolation(error, "payload");
    }

    [Fact]
    public async Task RawClient_InvalidPayload_IsValidated()
    {
        using var call = _channel!.CreateCallInvoker().AsyncDuplexStreamingCall(Upload, null, new CallOptions());

        await WriteIgnoringRefusalAsync(call.RequestStream, PayloadKind(string.Empty));

        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext().DefaultTimeout());
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        var violation = Assert.Single(GrpcErrors.DecodeValidation(error.Trailers.GetValueBytes(GrpcHeaders.Validation)!));
        Assert.Equal(("name", "minLength"), (violation.Field, violation.Rule));
    }

    private static void AssertDecodeViolation(RpcException error, string kind)
    {
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal("invalid_message", error.Trailers.GetValue(GrpcHeaders.ErrorName));
        var violation = Assert.Single(GrpcErrors.DecodeValidation(error.Trailers.GetValueBytes(GrpcHeaders.Validation)!));
        Assert.Equal("decode", violation.Rule);
        Assert.Contains($"\"{kind}\"", violation.Message, StringComparison.Ordinal);
    }

    private static async Task WriteIgnoringRefusalAsync(IClientStreamWriter<byte[]> requests, byte[] message)
    {
        try
        {
            await requests.WriteAsync(message).DefaultTimeout();
            await requests.CompleteAsync().DefaultTimeout();
        }
        catch (RpcException)
        {
            // The server may refuse the call before the client finished writing; the status is read from the responses.
        }
    }

    // UploadStreamingRequest { oneof kind { UploadRequest payload = 1; UploadStreamingPayloadMessage message = 2; } }
    // UploadRequest { optional string name = 1; }   UploadStreamingPayloadMessage { bytes field = 1; }
    private static byte[] PayloadKind(string name) => Field(1, Field(1, System.Text.Encoding.UTF8.GetBytes(name)));

    private static byte[] MessageKind(int size) => Field(2, Field(1, new byte[size]));

    private static byte[] Field(int number, byte[] value)
    {
        using var buffer = new MemoryStream();
        using (var output = new CodedOutputStream(buffer))
        {
            output.WriteTag(number, WireFormat.WireType.LengthDelimited);
            output.WriteBytes(ByteString.CopyFrom(value));
        }

        return buffer.ToArray();
    }

    // UploadResponse { optional string name = 1; int64 received = 2; }
    private static (string Name, long Received) ReadResult(byte[] message)
    {
        var input = new CodedInputStream(message);
        var (name, received) = (string.Empty, 0L);
        for (var tag = input.ReadTag(); tag != 0; tag = input.ReadTag())
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case 1:
                    name = input.ReadString();
                    break;
                case 2:
                    received = input.ReadInt64();
                    break;
                default:
                    input.SkipLastField();
                    break;
            }
        }

        return (name, received);
    }
}
