// Licensed under the MIT license. See LICENSE in the project root.

using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Serow.Codegen.Http.Documents;

/// <summary>
/// Renders JSON as block-style YAML: mappings and sequences indented by two spaces, strings plain when that cannot be
/// misread and double-quoted (with JSON's escapes, which YAML shares) otherwise. Enough for documents, not a general YAML library.
/// </summary>
internal static partial class YamlWriter
{
    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase)
    {
        "true", "false", "yes", "no", "on", "off", "y", "n", "null", "~",
    };

    private static readonly JsonSerializerOptions StringOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The YAML text of a JSON document, with LF line endings and a final newline.</summary>
    public static string FromJson(string json)
    {
        var node = JsonNode.Parse(json) ?? throw new ArgumentException("The document is empty.", nameof(json));
        var yaml = new StringBuilder();
        if (node is JsonObject { Count: > 0 } or JsonArray { Count: > 0 })
        {
            Block(yaml, node, 0);
        }
        else
        {
            yaml.Append(Inline(node)).Append('\n');
        }

        return yaml.ToString();
    }

    private static void Block(StringBuilder yaml, JsonNode node, int indent)
    {
        var pad = new string(' ', indent);
        if (node is JsonObject obj)
        {
            foreach (var (key, value) in obj)
            {
                yaml.Append(pad).Append(Scalar(key)).Append(':');
                Value(yaml, value, indent);
            }
        }
        else if (node is JsonArray array)
        {
            foreach (var item in array)
            {
                yaml.Append(pad).Append('-');
                if (item is JsonObject { Count: > 0 } itemObject)
                {
                    // The first member shares the dash's line; the rest align under it.
                    var first = true;
                    foreach (var (key, value) in itemObject)
                    {
                        yaml.Append(first ? " " : pad + "  ").Append(Scalar(key)).Append(':');
                        Value(yaml, value, indent + 2);
                        first = false;
                    }
                }
                else
                {
                    Value(yaml, item, indent);
                }
            }
        }
    }

    private static void Value(StringBuilder yaml, JsonNode? value, int indent)
    {
        if (value is JsonObject { Count: > 0 } or JsonArray { Count: > 0 })
        {
            yaml.Append('\n');
            Block(yaml, value, indent + 2);
        }
        else
        {
            yaml.Append(' ').Append(Inline(value)).Append('\n');
        }
    }

    private static string Inline(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject => "{}",
        JsonArray => "[]",
        JsonValue value when value.GetValueKind() == JsonValueKind.String => Scalar(value.GetValue<string>()),
        _ => node.ToJsonString(),
    };

    /// <summary>A string as a plain scalar when it cannot be read as anything else, else double-quoted.</summary>
    private static string Scalar(string text) =>
        PlainSafe().IsMatch(text) && !Reserved.Contains(text) ? text : JsonSerializer.Serialize(text, StringOptions);

    [GeneratedRegex("^[A-Za-z_/$][A-Za-z0-9_./$-]*$")]
    private static partial Regex PlainSafe();
}
