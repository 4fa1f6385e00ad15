// Licensed under the MIT license. See LICENSE in the project root.

using System.Text.Json.Nodes;
using Serow.Codegen;
using Serow.Codegen.Http;
using Serow.Design;
using Serow.Dsl;
using Serow.TestDesigns;

namespace Serow.Http.Tests.Documents;

/// <summary>Runs the two document generators over a design and gives their files by name.</summary>
internal static class Documents
{
    public static readonly GenerationOptions Options = new() { ToolVersion = "0.0.0-test" };

    /// <summary>The same, writing OpenAPI 3.1 instead of 3.2.</summary>
    public static readonly GenerationOptions OpenApi31 = Options with { OpenApiVersion = OpenApiVersion.OpenApi3_1 };

    public static DesignRoot HttpDocuments { get; } = DesignRunner.Run(typeof(HttpDocumentsDesign)).GetRootOrThrow();

    public static IReadOnlyList<GeneratedFile> Generate(DesignRoot design, GenerationOptions? options = null) =>
        [.. new OpenApiGenerator().Generate(design, options ?? Options), .. new AsyncApiGenerator().Generate(design, options ?? Options)];

    public static string Text(string name, DesignRoot? design = null) =>
        Generate(design ?? HttpDocuments).Single(f => f.Path == "Http/" + name).Content;

    public static JsonObject Json(string name, DesignRoot? design = null) => (JsonObject)JsonNode.Parse(Text(name, design))!;

    /// <summary>Follows a path of member names and array indexes through a JSON document.</summary>
    public static JsonNode At(JsonNode root, params object[] path)
    {
        var node = root;
        foreach (var step in path)
        {
            node = step switch
            {
                string name => node[name] ?? throw new Xunit.Sdk.XunitException($"no member \"{name}\" at {node.GetPath()}"),
                int index => node[index] ?? throw new Xunit.Sdk.XunitException($"no item {index} at {node.GetPath()}"),
                _ => throw new ArgumentException("A path step is a member name or an index.", nameof(path)),
            };
        }

        return node;
    }
}
