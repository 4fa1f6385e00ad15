// Licensed under the MIT license. See LICENSE in the project root.

using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Serow.Validation;

namespace Serow.CommandLine.Internal;

/// <summary>
/// JSON as the command line shows it: one compact line per message, property names as designed (the generated types
/// carry them), non-ASCII text kept readable. Reflection-based, so it needs no per-design serializer context.
/// </summary>
internal static class CliJson
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
        try
        {
            var value = node.Deserialize<T>(Options);
            return value ?? throw Invalid(what, string.Empty, "null is not a message");
        }
        catch (JsonException exception)
        {
            throw Invalid(what, exception.Path, exception.Message);
        }
    }

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

    private static ValidationException Invalid(string what, string? path, string message)
    {
        var field = path is null or "$" or "" ? string.Empty : path.TrimStart('$').TrimStart('.');
        return new ValidationException([new ValidationError(field, "decode", $"{what} is not valid: {message}")]);
    }
}
