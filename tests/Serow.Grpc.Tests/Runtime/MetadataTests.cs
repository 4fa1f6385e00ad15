// Licensed under the MIT license. See LICENSE in the project root.

using System.Reflection;
using System.Text;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using Serow.Codegen;
using Serow.Grpc.Tests.Interop;

namespace Serow.Grpc.Tests.Runtime;

/// <summary>
/// <c>Metadata(…)</c> in a GRPC block over a real server: the attributes leave the request message, the generated
/// client sends them as request metadata, the service decodes and validates them, and a plain client can set them.
/// </summary>
public sealed class MetadataTests : IAsyncLifetime
{
    private const string Sources = """
        using System.Linq;
        using Metadata.Secrets;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.Extensions.DependencyInjection;

        namespace Metadata.Tests;

        public sealed class SecretsService : ISecretsService
        {
            public System.Threading.Tasks.Task<RevealResult> RevealAsync(RevealPayload payload, System.Threading.CancellationToken cancellationToken) =>
                System.Threading.Tasks.Task.FromResult(new RevealResult { Text = Describe(payload) });

            public async System.Threading.Tasks.Task TailAsync(TailPayload payload, ISecretsTailServerStream stream, System.Threading.CancellationToken cancellationToken) =>
                await stream.SendAsync(new TailResult { Line = $"{payload.Topic}|{payload.Token}" }, cancellationToken);

            public async System.Threading.Tasks.Task PushAsync(PushPayload payload, ISecretsPushServerStream stream, System.Threading.CancellationToken cancellationToken)
            {
                var items = new System.Collections.Generic.List<string>();
                while (await stream.RecvAsync(cancellationToken) is { } item)
                {
                    items.Add(item);
                }

                await stream.SendAndCloseAsync(new PushResult { Summary = $"{payload.Topic}|{payload.Token}|{string.Join("+", items)}" }, cancellationToken);
            }

            public static string Describe(RevealPayload p) =>
                string.Join("|", p.Name, p.Token, p.Trace is null ? "-" : System.Convert.ToHexString(p.Trace), p.Attempt,
                    p.Verbose?.ToString() ?? "-", p.Ratio?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-", p.Level);
        }

        public static class Driver
        {
            public static void Register(IServiceCollection services) => services.AddSingleton<ISecretsService, SecretsService>().AddSecretsGrpc();

            public static void Map(WebApplication app) => app.MapSecretsGrpc();

            public static async System.Threading.Tasks.Task<string> RoundTripAsync(System.Uri address)
            {
                using var channel = Serow.Grpc.SerowGrpcChannel.Create(address);
                ISecretsClient client = new SecretsGrpcClient(channel);
                var revealed = await client.RevealAsync(new RevealPayload
                {
                    Name = "n", Token = "secret", Trace = new byte[] { 0xAB, 0x00, 0xFF }, Attempt = 2, Verbose = true, Ratio = 0.1, Level = 9,
                });
                await using var tail = await client.TailAsync(new TailPayload { Topic = "t", Token = "tok" });
                var line = (await tail.RecvAsync())!.Line;
                await using var push = await client.PushAsync(new PushPayload { Topic = "p", Token = "tok2" });
                await push.SendAsync("a");
                await push.SendAsync("b");
                var summary = (await push.CloseAndRecvAsync()).Summary;
                return string.Join(" ", revealed.Text, line, summary);
            }

            public static async System.Threading.Tasks.Task<string> InvalidTokenAsync(System.Uri address)
            {
                using var channel = Serow.Grpc.SerowGrpcChannel.Create(address);
                ISecretsClient client = new SecretsGrpcClient(channel);
                try
                {
                    await client.RevealAsync(new RevealPayload { Name = "n", Token = "ab", Attempt = 1 });
                    return "sent";
                }
                catch (Serow.Validation.ValidationException e)
                {
                    return string.Join(",", e.Errors.Select(x => x.Field + ":" + x.Rule));
                }
            }
        }
        """;

    private static readonly Lazy<Assembly> Compiled = new(() => GeneratedAssembly.Load(typeof(MetadataDesign), Sources));
    private static readonly Marshaller<byte[]> Raw = new(static b => b, static b => b);
    private static readonly Method<byte[], byte[]> Reveal = new(MethodType.Unary, "secrets.Secrets", "Reveal", Raw, Raw);

    private KestrelGrpcHost? _host;
    private GrpcChannel? _channel;

    public async ValueTask InitializeAsync()
    {
        var assembly = Compiled.Value;
        _host = await KestrelGrpcHost.StartAsync(
            services => GeneratedAssembly.Invoke(assembly, "Metadata.Tests.Driver", "Register", services),
            app => GeneratedAssembly.Invoke(assembly, "Metadata.Tests.Driver", "Map", app));
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
    public void Proto_LeavesMetadataAttributesOutOfTheMessage_AndListsThemOnTheRpc()
    {
        var proto = GeneratedAssembly.Generate(typeof(MetadataDesign)).Single(f => f.Path.EndsWith(".proto", StringComparison.Ordinal)).Content;

        Assert.Contains("// Request metadata: token (string), trace-bin (bytes), attempt (int32), verbose (bool), ratio (double), level (int64).\n    rpc Reveal (RevealRequest) returns (RevealResponse);", proto, StringComparison.Ordinal);
        Assert.Contains("message RevealRequest\n{\n    optional string name = 1;\n}", proto, StringComparison.Ordinal);
        Assert.Contains("message PushRequest\n{\n    optional string topic = 1;\n}", proto, StringComparison.Ordinal);
    }

    [Fact]
    public void Generate_MetadataOnANonPrimitive_IsRefused()
    {
        var error = Assert.Throws<CodegenException>(() => GeneratedAssembly.Generate(typeof(BadMetadataDesign)));

        Assert.Contains(error.Diagnostics, d => d.Id == "SEROW910" && d.Message.Contains("\"tags\" must be a primitive attribute", StringComparison.Ordinal));
    }

    [Fact]
    public async Task GeneratedClient_SendsMetadata_ServiceDecodesIt_OnEveryKindOfMethod()
    {
        var result = await ((Task<string>)GeneratedAssembly.Invoke(Compiled.Value, "Metadata.Tests.Driver", "RoundTripAsync", _host!.Address)!).DefaultTimeout();

        Assert.Equal("n|secret|AB00FF|2|True|0.1|9 t|tok p|tok2|a+b", result);
    }

    [Fact]
    public async Task GeneratedClient_ValidatesMetadataAttributes_BeforeSending()
    {
        var result = await ((Task<string>)GeneratedAssembly.Invoke(Compiled.Value, "Metadata.Tests.Driver", "InvalidTokenAsync", _host!.Address)!).DefaultTimeout();

        Assert.Equal("token:minLength", result);
    }

    [Fact]
    public async Task PlainClient_SetsMetadata_AndIsServed()
    {
        var headers = new Metadata { { "token", "plain" }, { "attempt", "3" }, { "trace-bin", new byte[] { 1, 2 } }, { "ratio", "2.5" } };

        var response = await CallRevealAsync("from-plain", headers);

        Assert.Equal("from-plain|plain|0102|3|-|2.5|7", ReadText(response));
    }

    [Fact]
    public async Task PlainClient_MissingRequiredMetadata_IsInvalidArgumentNamingThem()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => CallRevealAsync("n", new Metadata { { "attempt", "1" } }));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        var violation = Assert.Single(GrpcErrors.DecodeValidation(error.Trailers.GetValueBytes(GrpcHeaders.Validation)!));
        Assert.Equal(("token", "required"), (violation.Field, violation.Rule));

        error = await Assert.ThrowsAsync<RpcException>(() => CallRevealAsync("n", new Metadata { { "token", "abc" } }));
        violation = Assert.Single(GrpcErrors.DecodeValidation(error.Trailers.GetValueBytes(GrpcHeaders.Validation)!));
        Assert.Equal(("attempt", "required"), (violation.Field, violation.Rule));
    }

    [Theory]
    [InlineData("attempt", "two", "decode")]
    [InlineData("attempt", "0", "minimum")]
    [InlineData("verbose", "yes", "decode")]
    public async Task PlainClient_BadMetadataValue_IsInvalidArgument(string key, string value, string rule)
    {
        var headers = new Metadata { { "token", "abc" }, { "attempt", "1" } };
        headers.Remove(headers.Get(key) ?? new Metadata.Entry("unused", "x"));
        headers.Add(key, value);

        var error = await Assert.ThrowsAsync<RpcException>(() => CallRevealAsync("n", headers));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        var violation = Assert.Single(GrpcErrors.DecodeValidation(error.Trailers.GetValueBytes(GrpcHeaders.Validation)!));
        Assert.Equal((key, rule), (violation.Field, violation.Rule));
    }

    private Task<byte[]> CallRevealAsync(string name, Metadata headers)
    {
        // RevealRequest { optional string name = 1; }
        using var buffer = new MemoryStream();
        using (var output = new CodedOutputStream(buffer))
        {
            output.WriteTag(1, WireFormat.WireType.LengthDelimited);
            output.WriteString(name);
        }

        return _channel!.CreateCallInvoker().AsyncUnaryCall(Reveal, null, new CallOptions(headers), buffer.ToArray()).ResponseAsync.DefaultTimeout();
    }

    // RevealResponse { string text = 1; }
    private static string ReadText(byte[] message)
    {
        var input = new CodedInputStream(message);
        Assert.Equal(1, WireFormat.GetTagFieldNumber(input.ReadTag()));
        return input.ReadString();
    }
}

/// <summary>Metadata can only carry primitives.</summary>
public sealed class BadMetadataDesign : Serow.Dsl.Design
{
    public BadMetadataDesign()
    {
        API("badmetadata", () => Title("bad metadata"));
        Service("bad", () =>
        {
            Method("send", () =>
            {
                Payload(() =>
                {
                    Field(1, "name", String);
                    Attribute("tags", ArrayOf(String));
                });
                GRPC(() => Metadata(() => Attribute("tags")));
            });
        });
    }
}
