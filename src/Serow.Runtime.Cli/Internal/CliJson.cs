// Licensed under the MIT license. See LICENSE in the project root.

using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;
using Serow.Internal;
using Serow.Validation;

namespace Serow.CommandLine.Internal;

/// <summary>
/// JSON as the command line shows it: one compact line per message, property names as designed (the generated types
/// carry them), non-ASCII text kept readable. Reflection-based, so it needs no per-design serializer context.
/// </summary>
internal static partial class CliJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        PropertyNameCaseInsensitive = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    /// <summary>Reads a message from a JSON tree; JSON that does not fit the type is a validation error on <paramref name="what"/>.</summary>
    public static T Deserialize<T>(JsonNode? node, string what)
    {
        var report = new ValidationReport();
        CheckMembers(node, typeof(T), what, report);
        report.ThrowIfInvalid();
        try
        {
            var value = node.Deserialize<T>(Options);
            return value ?? throw Invalid(what, string.Empty, "null is not a message");
        }
        catch (JsonException exception)
        {
            var field = Field(exception.Path);
            var converted = CannotConvert().Match(exception.Message);
            throw converted.Success
                ? Invalid(what, exception.Path, $"field \"{field}\" must be {Expected(converted.Groups["type"].Value)}")
                : Invalid(what, exception.Path, exception.Message.Split(" Path: ", 2)[0]);
        }
    }

    /// <summary>
    /// Refuses members the type does not have, with its member names and a "did you mean" when one is close: without
    /// this check a misspelled optional field would be dropped in silence.
    /// </summary>
    public static void CheckMembers(JsonNode? node, Type type, string what, ValidationReport report) =>
        CheckMembers(node, type, string.Empty, what, report);

    private static void CheckMembers(JsonNode? node, Type type, string path, string what, ValidationReport report)
    {
        var info = Options.GetTypeInfo(type);
        switch (node)
        {
            case JsonObject obj when info.Kind == JsonTypeInfoKind.Object && !info.Properties.Any(p => p.IsExtensionData):
                var names = info.Properties.Where(p => p.Set is not null || p.IsRequired).Select(p => p.Name).ToList();
                foreach (var (key, value) in obj)
                {
                    var property = info.Properties.FirstOrDefault(p => string.Equals(p.Name, key, StringComparison.OrdinalIgnoreCase));
                    var member = Join(path, key);
                    if (property is null)
                    {
                        var suggestion = Suggestions.Closest(key, names);
                        report.Add(member, "unknown", $"{what}: unknown field \"{member}\"{(suggestion is null ? string.Empty : $"; did you mean \"{Join(path, suggestion)}\"?")} (fields: {string.Join(", ", names)})");
                    }
                    else
                    {
                        CheckMembers(value, property.PropertyType, member, what, report);
                    }
                }

                break;
            case JsonObject map when info.Kind == JsonTypeInfoKind.Dictionary && info.ElementType is { } valueType:
                foreach (var (key, value) in map)
                {
                    CheckMembers(value, valueType, Join(path, key), what, report);
                }

                break;
            case JsonArray array when info.Kind == JsonTypeInfoKind.Enumerable && info.ElementType is { } elementType:
                for (var i = 0; i < array.Count; i++)
                {
                    CheckMembers(array[i], elementType, $"{path}[{i}]", what, report);
                }

                break;
        }
    }

    private static string Join(string path, string name) => path.Length == 0 ? name : path + "." + name;

    private static string Field(string? path) => path is null or "$" or "" ? string.Empty : path.TrimStart('$').TrimStart('.');

    private static string Expected(string type) => type switch
    {
        "System.Int32" or "System.Int64" or "System.Int16" => "an integer",
        "System.UInt32" or "System.UInt64" => "a non-negative integer",
        "System.Double" or "System.Single" or "System.Decimal" => "a number",
        "System.Boolean" => "true or false",
        "System.String" => "a string",
        "System.Byte[]" => "a base64 string",
        _ => "a JSON value that fits " + type[(type.LastIndexOf('.') + 1)..],
    };

    [GeneratedRegex("could not be converted to (?<type>[^ .]+(\\.[^ .]+)*)\\.")]
    private static partial Regex CannotConvert();

    /// <summary>Parses JSON text; text that is not JSON is a validation error on <paramref name="what"/>.</summary>
    public static JsonNode? Parse(string text, string what)
    {
        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException exception)
        {
            throw Invalid(what, string.Empty, exception.Message);
        }
    }

    private static ValidationException Invalid(string what, string? path, string message) =>
        new([new ValidationError(Field(path), "decode", $"{what} is not valid: {message}")]);
}
