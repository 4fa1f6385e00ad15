// Licensed under the MIT license. See LICENSE in the project root.

using System.Text.Json;
using Serow.Design;

namespace Serow.Codegen.Writing;

/// <summary>Turns the design's JSON literals (enum values, defaults) into C# literals of the attribute's type.</summary>
internal static class Literals
{
    public static string? FromJson(PrimitiveKind kind, string json)
    {
        using var document = JsonDocument.Parse(json);
        var value = document.RootElement;
        return kind switch
        {
            PrimitiveKind.String when value.ValueKind == JsonValueKind.String => CSharp.String(value.GetString()!),
            PrimitiveKind.Boolean when value.ValueKind is JsonValueKind.True or JsonValueKind.False => CSharp.Bool(value.GetBoolean()),
            PrimitiveKind.Int or PrimitiveKind.Int32 when value.ValueKind == JsonValueKind.Number => value.GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture),
            PrimitiveKind.Int64 when value.ValueKind == JsonValueKind.Number => value.GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture) + "L",
            PrimitiveKind.UInt or PrimitiveKind.UInt32 when value.ValueKind == JsonValueKind.Number => value.GetUInt32().ToString(System.Globalization.CultureInfo.InvariantCulture) + "U",
            PrimitiveKind.UInt64 when value.ValueKind == JsonValueKind.Number => value.GetUInt64().ToString(System.Globalization.CultureInfo.InvariantCulture) + "UL",
            PrimitiveKind.Float32 when value.ValueKind == JsonValueKind.Number => value.GetSingle().ToString("R", System.Globalization.CultureInfo.InvariantCulture) + "f",
            PrimitiveKind.Float64 when value.ValueKind == JsonValueKind.Number => CSharp.Double(value.GetDouble()),
            PrimitiveKind.Bytes when value.ValueKind == JsonValueKind.String => $"global::System.Convert.FromBase64String({CSharp.String(value.GetString()!)})",
            _ => null,
        };
    }
}
