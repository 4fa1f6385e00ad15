// Licensed under the MIT license. See LICENSE in the project root.

using Serow.Codegen.Http.Documents;
using Serow.Design;

namespace Serow.Codegen.Http;

/// <summary>
/// Generates <c>Http/openapi.json</c> and <c>Http/openapi.yaml</c>: an OpenAPI 3.2 (or, on request, 3.1) description of
/// every method served over HTTP, built as a Microsoft.OpenApi object model and serialised. Nothing when no method is
/// served over HTTP.
/// </summary>
public sealed class OpenApiGenerator : ICodeGenerator
{
    /// <inheritdoc/>
    public string Name => "openapi";

    /// <inheritdoc/>
    public IReadOnlyList<GeneratedFile> Generate(DesignRoot design, GenerationOptions options)
    {
        ArgumentNullException.ThrowIfNull(design);
        ArgumentNullException.ThrowIfNull(options);
        var version = options.OpenApiVersion;
        if (OpenApiBuilder.Build(design, version) is not { } document)
        {
            return [];
        }

        return
        [
            DocumentFile.Create("Http/openapi.json", OpenApiBuilder.ToJson(document, version)),
            DocumentFile.Create("Http/openapi.yaml", OpenApiBuilder.ToYaml(document, version)),
        ];
    }
}
