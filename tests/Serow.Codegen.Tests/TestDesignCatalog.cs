// Licensed under the MIT license. See LICENSE in the project root.

using Serow.Testing;
using Serow.Codegen;
using Serow.Design;
using Serow.Dsl;
using Serow.TestDesigns;

namespace Serow.Codegen.Tests;

/// <summary>The test designs by name, and their generated code.</summary>
internal static class TestDesignCatalog
{
    public static readonly GenerationOptions Options = new() { ToolVersion = "0.0.0-test" };

    public static IReadOnlyDictionary<string, Type> Designs { get; } = new Dictionary<string, Type>
    {
        ["Unary"] = typeof(UnaryDesign),
        ["ServerStreaming"] = typeof(ServerStreamingDesign),
        ["ClientStreaming"] = typeof(ClientStreamingDesign),
        ["Bidirectional"] = typeof(BidirectionalDesign),
        ["Validation"] = typeof(Serow.TestDesigns.ValidationDesign),
        ["Views"] = typeof(ViewsDesign),
        ["Errors"] = typeof(ErrorsDesign),
        ["Conformance"] = typeof(ConformanceDesign),
        ["HttpDocuments"] = typeof(HttpDocumentsDesign),
        ["HttpStreams"] = typeof(HttpStreamsDesign),
        ["Interop"] = typeof(InteropDesign),
        ["ProtoWire"] = typeof(ProtoWireDesign),
        ["Secured"] = typeof(SecuredDesign),
        ["Intercepted"] = typeof(InterceptedDesign),
        ["Unions"] = typeof(UnionsDesign),
        ["Language"] = typeof(LanguageDesign),
        ["Resumable"] = typeof(Serow.TestDesigns.ResumableDesign),
    };

    public static TheoryData<string> Names => new(Designs.Keys);

    public static DesignRoot Root(string name) => DesignRunner.Run(Designs[name]).GetRootOrThrow();

    public static IReadOnlyList<GeneratedFile> Generate(string name) =>
        TestGenerators.Generate(Root(name), Options with { DesignName = name });
}
