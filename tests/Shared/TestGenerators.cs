// Licensed under the MIT license. See LICENSE in the project root.

using Serow.Codegen;
using Serow.Design;

namespace Serow.Testing;

/// <summary>The generators the tests run: the same list as `serow gen`.</summary>
internal static class TestGenerators
{
    /// <summary>The transports, the default first.</summary>
    public static IReadOnlyList<TransportBinding> Transports { get; } = [Serow.Codegen.Grpc.GrpcGenerator.Binding, Serow.Codegen.Http.HttpGenerator.Binding];

    public static IReadOnlyList<ICodeGenerator> All { get; } = [new ServiceGenerator(), new Serow.Codegen.Http.HttpGenerator(), new Serow.Codegen.Http.OpenApiGenerator(), new Serow.Codegen.Http.AsyncApiGenerator(), new Serow.Codegen.Grpc.GrpcGenerator(), new CliGenerator(Transports)];

    public static IReadOnlyList<GeneratedFile> Generate(DesignRoot design, GenerationOptions options) =>
        CodeGeneration.Run(design, options, All);
}
