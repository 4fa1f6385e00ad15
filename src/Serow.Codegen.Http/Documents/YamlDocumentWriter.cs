// Licensed under the MIT license. See LICENSE in the project root.

using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using YamlDotNet.Serialization;

namespace Serow.Codegen.Http.Documents;

/// <summary>
/// Writes a JSON document as YAML with YamlDotNet: block style, sequences indented under their key as in
/// <c>openapi.yaml</c>, and a string quoted only where YAML (1.1 or 1.2) would read it as something else.
/// </summary>
internal static class YamlDocumentWriter
{
    private static readonly ISerializer Serializer = new SerializerBuilder()
        .WithQuotingNecessaryStrings(quoteYaml1_1Strings: true)
        .WithIndentedSequences()
        .DisableAliases()
        .Build();

    /// <summary>The YAML text of a JSON document, with LF line endings and a final newline.</summary>
    public static string FromJson(string json)
    {
        var node = JsonNode.Parse(json) ?? throw new ArgumentException("The document is empty.", nameof(json));
        var yaml = Serializer.Serialize(Graph(node)).ReplaceLineEndings("\n");
        return yaml.TrimEnd('\n') + "\n";
    }

    // Mappings keep their members' order (a dictionary that is only added to enumerates in insertion order).
    private static object? Graph(JsonNode? node) => node switch
    {
        null => null,
        JsonObject obj => obj.ToDictionary(member => member.Key, member => Graph(member.Value), StringComparer.Ordinal),
        JsonArray array => array.Select(Graph).ToList(),
        JsonValue value => value.GetValueKind() switch
        {
            JsonValueKind.String => value.GetValue<string>(),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Number => Number(value.ToJsonString()),
            _ => null,
        },
        _ => throw new ArgumentOutOfRangeException(nameof(node)),
    };

    // Integers stay integers and decimals keep their digits; only what neither holds goes through double.
    private static object Number(string text) =>
        long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var integer) ? integer
        : decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var exact) ? exact
        : double.Parse(text, CultureInfo.InvariantCulture);
}
