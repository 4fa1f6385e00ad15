// Licensed under the MIT license. See LICENSE in the project root.

using Serow.Codegen.Http.Documents;
using Serow.Design;

namespace Serow.Codegen.Http;

/// <summary>
/// Generates <c>Http/asyncapi.json</c> and <c>Http/asyncapi.yaml</c>: an AsyncAPI 3.0.0 description of the WebSocket and
/// Server-Sent Events channels of the streaming methods served over HTTP. Nothing when there are none.
/// </summary>
public sealed class AsyncApiGenerator : ICodeGenerator
{
    /// <inheritdoc/>
    public string Name => "asyncapi";

    /// <inheritdoc/>
    public IReadOnlyList<GeneratedFile> Generate(DesignRoot design, GenerationOptions options)
    {
        ArgumentNullException.ThrowIfNull(design);
        ArgumentNullException.ThrowIfNull(options);
        if (AsyncApiBuilder.Build(design) is not { } document)
        {
            return [];
        }

        var json = AsyncApiWriter.ToJson(document);
        return
        [
            DocumentFile.Create("Http/asyncapi.json", json),
            DocumentFile.Create("Http/asyncapi.yaml", YamlDocumentWriter.FromJson(json)),
        ];
    }
}
