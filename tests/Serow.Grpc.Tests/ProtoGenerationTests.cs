// Licensed under the MIT license. See LICENSE in the project root.

using Serow.Codegen;
using Serow.Codegen.Grpc;
using Serow.Dsl;
using Serow.Testing;

namespace Serow.Grpc.Tests;

public sealed class ProtoGenerationTests
{
    private static readonly GenerationOptions Options = new() { ToolVersion = "0.0.0-test" };

    private static IReadOnlyList<GeneratedFile> Generate() =>
        new GrpcGenerator().Generate(DesignRunner.Run(typeof(GrpcTestDesign)).GetRootOrThrow(), Options);

    private static string Proto() => Generate().Single(f => f.Path.EndsWith(".proto", StringComparison.Ordinal)).Content;

    [Fact]
    public void Proto_PinnedNames_AreUsed()
    {
        var proto = Proto();

        Assert.Contains("package grpc.testing;", proto, StringComparison.Ordinal);
        Assert.Contains("option csharp_namespace = \"Grpctest.TestService.Grpc.Proto\";", proto, StringComparison.Ordinal);
        Assert.Contains("service TestService", proto, StringComparison.Ordinal);
        Assert.Contains("rpc UnaryCall (SimpleRequest) returns (SimpleResponse);", proto, StringComparison.Ordinal);
    }

    [Fact]
    public void Proto_UserTypeFields_KeepDesignedNamesNumbersAndPresence()
    {
        var proto = Proto();

        Assert.Contains("    // Size of the response\n    int32 response_size = 1;", proto, StringComparison.Ordinal);
        Assert.Contains("optional bytes body = 2;", proto, StringComparison.Ordinal);
        Assert.Contains("repeated string tags = 3;", proto, StringComparison.Ordinal);
        Assert.Contains("map<string, int64> labels = 4;", proto, StringComparison.Ordinal);
        Assert.Contains("SimpleRequestHome home = 5;", proto, StringComparison.Ordinal);
        Assert.Contains("message SimpleRequestHome", proto, StringComparison.Ordinal);
        Assert.Contains("optional string city = 1;", proto, StringComparison.Ordinal);
    }

    [Fact]
    public void Proto_PrimitivePayloadAndResult_AreWrapped()
    {
        var proto = Proto();

        Assert.Contains("rpc Square (SquareRequest) returns (SquareResponse);", proto, StringComparison.Ordinal);
        Assert.Contains("message SquareRequest\n{\n    int64 field = 1;\n}", proto, StringComparison.Ordinal);
        Assert.Contains("message SquareResponse\n{\n    double field = 1;\n}", proto, StringComparison.Ordinal);
    }

    [Fact]
    public void Proto_PayloadAndStream_UseAnEnvelopeWhosePayloadComesFirst()
    {
        var proto = Proto();

        Assert.Contains("rpc Upload (stream UploadStreamingRequest) returns (stream UploadResponse);", proto, StringComparison.Ordinal);
        Assert.Contains("oneof kind\n    {", proto, StringComparison.Ordinal);
        Assert.Contains("UploadRequest payload = 1;", proto, StringComparison.Ordinal);
        Assert.Contains("UploadStreamingPayloadMessage message = 2;", proto, StringComparison.Ordinal);
        Assert.Contains("message UploadStreamingPayloadMessage\n{\n    bytes field = 1;\n}", proto, StringComparison.Ordinal);
    }

    [Fact]
    public void Generate_TwoRuns_AreByteIdentical() =>
        Assert.Equal(Generate().Select(f => (f.Path, f.Content)), Generate().Select(f => (f.Path, f.Content)));

    [Fact]
    public void Generate_EveryFile_CompilesWithoutProtocOutput_AndWithZeroWarnings()
    {
        var files = new ServiceGenerator().Generate(DesignRunner.Run(typeof(GrpcTestDesign)).GetRootOrThrow(), Options).Concat(Generate());

        var diagnostics = InMemoryCompiler.Compile(files);

        Assert.True(diagnostics.Count == 0, string.Join("\n", diagnostics));
    }
}
