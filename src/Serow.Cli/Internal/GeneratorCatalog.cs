// Licensed under the MIT license. See LICENSE in the project root.

using Serow.Codegen;

namespace Serow.Cli.Internal;

/// <summary>The generators `serow gen` runs, in order.</summary>
internal static class GeneratorCatalog
{
    /// <summary>The transports, the default first.</summary>
    public static IReadOnlyList<TransportBinding> Transports { get; } = [Serow.Codegen.Grpc.GrpcGenerator.Binding, Serow.Codegen.Http.HttpGenerator.Binding];

    /// <summary>The TypeScript client, written to its own folder when <c>--typescript</c> asks for it.</summary>
    public static ICodeGenerator TypeScript { get; } = new Serow.Codegen.Http.TypeScript.TypeScriptGenerator();

    public static IReadOnlyList<ICodeGenerator> All { get; } = [new ServiceGenerator(), new Serow.Codegen.Http.HttpGenerator(), new Serow.Codegen.Http.OpenApiGenerator(), new Serow.Codegen.Http.AsyncApiGenerator(), new Serow.Codegen.Grpc.GrpcGenerator(), new CliGenerator(Transports)];
}
