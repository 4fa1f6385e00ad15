// Licensed under the MIT license. See LICENSE in the project root.

using System.Collections;
using System.Text.Json;
using Serow.Dsl.Expressions;
using Serow.Design;

namespace Serow.Dsl;

/// <summary>Turns design values into canonical JSON literals and checks them against types.</summary>
internal static class JsonValue
{
    public static string Serialize(object? value) =>
        value is null ? "null" : JsonSerializer.Serialize(value, value.GetType());

    /// <summary>Whether a CLR value can stand for a value of the given (resolved) type.</summary>
    public static bool Fits(object? value, TypeExpr? type)
    {
        switch (type)
        {
            case null:
                return value is string;
            case PrimitiveTypeExpr primitive:
                return FitsPrimitive(value, primitive.Kind);
            case ArrayTypeExpr array:
                return value is IEnumerable items and not string and not IDictionary
                    && items.Cast<object?>().All(item => Fits(item, Resolve(array.Element.Type)));
            case MapTypeExpr map:
                return value is IDictionary dictionary
                    && dictionary.Values.Cast<object?>().All(item => Fits(item, Resolve(map.Value.Type)));
            default:
                return value is not null && value is not string && !IsNumber(value) && value is not bool;
        }
    }

    public static TypeExpr? Resolve(TypeExpr? type)
    {
        var guard = 0;
        while (type is UserTypeExpr user && guard++ < 64)
        {
            type = user.Attribute.Type;
        }

        return type;
    }

    private static bool FitsPrimitive(object? value, PrimitiveKind kind) => kind switch
    {
        PrimitiveKind.Any => true,
        PrimitiveKind.Boolean => value is bool,
        PrimitiveKind.String => value is string,
        PrimitiveKind.Bytes => value is string or byte[],
        PrimitiveKind.Float32 or PrimitiveKind.Float64 => IsNumber(value),
        PrimitiveKind.Int or PrimitiveKind.Int32 => IsInteger(value, out var i) && i is >= int.MinValue and <= int.MaxValue,
        PrimitiveKind.Int64 => IsInteger(value, out var l) && l is >= long.MinValue and <= long.MaxValue,
        PrimitiveKind.UInt or PrimitiveKind.UInt32 => IsInteger(value, out var u) && u is >= 0 and <= uint.MaxValue,
        PrimitiveKind.UInt64 => IsInteger(value, out var ul) && ul >= 0,
        _ => false,
    };

    private static bool IsNumber(object? value) =>
        value is sbyte or byte or short or ushort or int or uint or long or ulong or float or double or decimal;

    private static bool IsInteger(object? value, out decimal integer)
    {
        integer = value switch
        {
            sbyte v => v,
            byte v => v,
            short v => v,
            ushort v => v,
            int v => v,
            uint v => v,
            long v => v,
            ulong v => v,
            _ => decimal.MinValue,
        };
        return integer != decimal.MinValue;
    }
}
