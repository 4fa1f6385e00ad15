// Licensed under the MIT license. See LICENSE in the project root.

using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Serow.Http.Tests.Documents;

/// <summary>
/// Reads YAML into JSON nodes with YamlDotNet (YAML 1.2 core schema for plain scalars), independently of the writers
/// under test. Also an <see cref="IOpenApiReader"/> for Microsoft.OpenApi: Microsoft.OpenApi.YamlReader 3.11 needs
/// SharpYaml 2.x, which the package feed does not serve (its 3.x fails at run time with MissingMethodException).
/// </summary>
internal sealed class YamlToJson : IOpenApiReader
{
    public static JsonNode? Parse(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return Convert(stream.Documents.Single().RootNode);
    }

    public ReadResult Read(MemoryStream input, Uri location, OpenApiReaderSettings settings) =>
        new OpenApiJsonReader().Read(Parse(new StreamReader(input).ReadToEnd())!, location, settings);

    public async Task<ReadResult> ReadAsync(Stream input, Uri location, OpenApiReaderSettings settings, CancellationToken cancellationToken = default)
    {
        using var reader = new StreamReader(input);
        var text = await reader.ReadToEndAsync(cancellationToken);
        return new OpenApiJsonReader().Read(Parse(text)!, location, settings);
    }

    public T? ReadFragment<T>(MemoryStream input, OpenApiSpecVersion version, OpenApiDocument openApiDocument, out OpenApiDiagnostic diagnostic, OpenApiReaderSettings? settings = null)
        where T : IOpenApiElement =>
        new OpenApiJsonReader().ReadFragment<T>(Parse(new StreamReader(input).ReadToEnd())!, version, openApiDocument, out diagnostic, settings);

    private static JsonNode? Convert(YamlNode node) => node switch
    {
        YamlMappingNode mapping => new JsonObject(mapping.Children.Select(c => KeyValuePair.Create(((YamlScalarNode)c.Key).Value!, Convert(c.Value)))),
        YamlSequenceNode sequence => new JsonArray(sequence.Children.Select(Convert).ToArray()),
        YamlScalarNode scalar => Scalar(scalar),
        _ => throw new InvalidOperationException($"Unexpected YAML node {node.NodeType}."),
    };

    private static JsonNode? Scalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? string.Empty;
        if (scalar.Style is not ScalarStyle.Plain)
        {
            return JsonValue.Create(text);
        }

        return text switch
        {
            "" or "~" or "null" or "Null" or "NULL" => null,
            "true" or "True" or "TRUE" => JsonValue.Create(true),
            "false" or "False" or "FALSE" => JsonValue.Create(false),
            _ when long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer) => JsonValue.Create(integer),
            _ when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) => JsonValue.Create(number),
            _ => JsonValue.Create(text),
        };
    }
}
