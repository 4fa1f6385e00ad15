// Licensed under the MIT license. See LICENSE in the project root.

using Grpc.Core;
using Grpc.Net.Client;
using Interop.TestService;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Serow.Codegen;
using Serow.Codegen.Grpc;
using Serow.Dsl;
using Public = Serow.Grpc.Tests.Interop.PublicProto;

namespace Serow.Grpc.Tests.Interop;

/// <summary>A String attribute with Enum values and Meta("grpc:enum") travels as a proto enum.</summary>
public sealed class EnumMappingTests
{
    [Fact]
    public void Codec_MapsValuesByNumber_AndUnknownNumbersToTheirDigits()
    {
        Assert.Equal(0, TestServiceGrpcCodec.PayloadTypeNumber("COMPRESSABLE"));
        Assert.Equal("COMPRESSABLE", TestServiceGrpcCodec.PayloadTypeName(0));
        Assert.Equal("5", TestServiceGrpcCodec.PayloadTypeName(5));
        Assert.Throws<ArgumentOutOfRangeException>(() => TestServiceGrpcCodec.PayloadTypeNumber("OTHER"));
    }

    [Fact]
    public async Task UnknownEnumNumber_FromAPlainClient_IsAnEnumViolation()
    {
        await using var host = await KestrelGrpcHost.StartAsync(
            services => services.AddSingleton<ITestServiceService, TestServiceImplementation>().AddTestServiceGrpc(),
            app => app.MapTestServiceGrpc());
        using var channel = GrpcChannel.ForAddress(host.Address);
        var client = new Public.TestService.TestServiceClient(channel);

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            client.UnaryCallAsync(new Public.SimpleRequest { ResponseType = (Public.PayloadType)5, ResponseSize = 1 }).ResponseAsync.DefaultTimeout());

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        var violation = Assert.Single(GrpcErrors.DecodeValidation(error.Trailers.GetValueBytes(GrpcHeaders.Validation)!));
        Assert.Equal(("response_type", "enum"), (violation.Field, violation.Rule));
    }

    [Fact]
    public void GrpcEnum_OnANonStringAttribute_IsRefused()
    {
        var root = DesignRunner.Run(typeof(BadEnumDesign)).GetRootOrThrow();

        var error = Assert.Throws<CodegenException>(() => new GrpcGenerator().Generate(root, new GenerationOptions { ToolVersion = "0.0.0-test" }));

        Assert.Contains(error.Diagnostics, d => d.Id == "SEROW910" && d.Message.Contains("needs a String attribute with Enum values", StringComparison.Ordinal));
    }
}

/// <summary>Meta("grpc:enum") on an integer.</summary>
public sealed class BadEnumDesign : Serow.Dsl.Design
{
    public BadEnumDesign()
    {
        API("badenum", () => Title("bad enum"));
        Service("bad", () =>
        {
            GRPC(() => { });
            Method("send", () =>
            {
                Payload(() =>
                {
                    Field(1, "level", Int, () =>
                    {
                        Enum(1, 2);
                        Meta("grpc:enum", "Level");
                    });
                });
            });
        });
    }
}
