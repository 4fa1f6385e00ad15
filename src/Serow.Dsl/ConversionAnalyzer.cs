// Licensed under the MIT license. See LICENSE in the project root.

using System.Reflection;
using System.Runtime.CompilerServices;
using Serow.Design;
using Serow.Dsl.Expressions;

namespace Serow.Dsl;

/// <summary>
/// Matches a design type's attributes with the properties of one of the user's C# types (<c>ConvertTo</c>,
/// <c>CreateFrom</c>) by name, ignoring case and underscores, and decides how each value crosses. Every property that
/// matches by name must also match by type: nothing is dropped silently.
/// </summary>
internal static class ConversionAnalyzer
{
    public static (List<ConversionMapping> Mappings, List<string> Problems) Analyze(UserTypeExpr owner, Type external, bool toExternal)
    {
        var mappings = new List<ConversionMapping>();
        var problems = new List<string>();
        var verb = toExternal ? "ConvertTo" : "CreateFrom";
        if (JsonValue.Resolve(owner) is not ObjectTypeExpr obj)
        {
            problems.Add($"{verb}({external.Name}) needs an object type");
            return (mappings, problems);
        }

        var properties = external.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0)
            .ToDictionary(p => Normalize(p.Name), StringComparer.Ordinal);
        if (toExternal && !external.IsValueType && external.GetConstructor(Type.EmptyTypes) is null)
        {
            problems.Add($"ConvertTo({external.Name}) needs a public parameterless constructor on {external.FullName}");
        }

        var nullability = new NullabilityInfoContext();
        foreach (var attribute in obj.Attributes)
        {
            if (!properties.TryGetValue(Normalize(attribute.Name), out var property))
            {
                if (!toExternal && obj.Required.Any(r => r.Name == attribute.Name))
                {
                    problems.Add($"CreateFrom({external.Name}): the required attribute \"{attribute.Name}\" has no property of the same name on {external.FullName}");
                }

                continue;
            }

            if (toExternal ? property.SetMethod is not { IsPublic: true } : property.GetMethod is not { IsPublic: true })
            {
                problems.Add($"{verb}({external.Name}): property {property.Name} of {external.FullName} has no public {(toExternal ? "setter" : "getter")}");
                continue;
            }

            var required = obj.Required.Any(r => r.Name == attribute.Name);
            if (Kind(attribute, property, toExternal, required, nullability) is { } mapping)
            {
                mappings.Add(mapping);
            }
            else
            {
                problems.Add($"{verb}({external.Name}): attribute \"{attribute.Name}\" ({attribute.Type?.Describe() ?? "String"}) and property {property.Name} ({Describe(property.PropertyType)}) have the same name but types that do not convert; rename one, or give the nested type its own {verb}");
            }
        }

        if (toExternal)
        {
            foreach (var property in properties.Values.Where(p => p.IsDefined(typeof(RequiredMemberAttribute)) && mappings.All(m => m.Property != p.Name)))
            {
                problems.Add($"ConvertTo({external.Name}): the required property {property.Name} of {external.FullName} has no attribute of the same name");
            }
        }

        if (mappings.Count == 0 && problems.Count == 0)
        {
            problems.Add($"{verb}({external.Name}): no attribute has a property of the same name on {external.FullName}");
        }

        return (mappings, problems);
    }

    private static ConversionMapping? Kind(AttributeExpr attribute, PropertyInfo property, bool toExternal, bool required, NullabilityInfoContext nullability)
    {
        var target = property.PropertyType;
        var underlying = Nullable.GetUnderlyingType(target);
        var type = JsonValue.Resolve(attribute.Type) ?? new PrimitiveTypeExpr(PrimitiveKind.String);
        switch (type)
        {
            case PrimitiveTypeExpr primitive when Clr(primitive.Kind) is { } clr:
                if (clr == target)
                {
                    // A value the design may leave out: its default where the user's type has no "absent".
                    var optionalValue = clr.IsValueType && !required && attribute.DefaultJson is null;
                    return new ConversionMapping(attribute.Name, property.Name, optionalValue && toExternal ? ConversionKind.ValueOrDefault : ConversionKind.Direct);
                }

                if (clr.IsValueType && underlying == clr)
                {
                    // The user's type allows null: from it into a required attribute, null is refused.
                    return new ConversionMapping(attribute.Name, property.Name, !toExternal && required ? ConversionKind.ValueOrDefault : ConversionKind.Direct);
                }

                return null;
            case ArrayTypeExpr array when JsonValue.Resolve(array.Element.Type) is PrimitiveTypeExpr element && Clr(element.Kind) is { } item:
                var list = typeof(List<>).MakeGenericType(item);
                if (target == list)
                {
                    return new ConversionMapping(attribute.Name, property.Name, ConversionKind.Direct);
                }

                if (target == item.MakeArrayType())
                {
                    return new ConversionMapping(attribute.Name, property.Name, ConversionKind.Collection);
                }

                // IEnumerable<T>, IReadOnlyList<T>, …: a list is one, and one is copied into a list.
                return target.IsInterface && target.IsAssignableFrom(list) && target.IsGenericType && target.GetGenericArguments()[0] == item
                    ? new ConversionMapping(attribute.Name, property.Name, toExternal ? ConversionKind.Direct : ConversionKind.Collection)
                    : null;
            case MapTypeExpr map when JsonValue.Resolve(map.Key.Type) is PrimitiveTypeExpr key && JsonValue.Resolve(map.Value.Type) is PrimitiveTypeExpr value
                && Clr(key.Kind) is { } k && Clr(value.Kind) is { } v:
                return target == typeof(Dictionary<,>).MakeGenericType(k, v) ? new ConversionMapping(attribute.Name, property.Name, ConversionKind.Direct) : null;
            case ObjectTypeExpr when attribute.Type is UserTypeExpr nested
                && nested.Conversions.Any(c => c.ToExternal == toExternal && c.External == target):
                return new ConversionMapping(attribute.Name, property.Name, ConversionKind.Nested, Reference(target));
            default:
                return null;
        }
    }

    private static Type? Clr(PrimitiveKind kind) => kind switch
    {
        PrimitiveKind.Boolean => typeof(bool),
        PrimitiveKind.Int or PrimitiveKind.Int32 => typeof(int),
        PrimitiveKind.Int64 => typeof(long),
        PrimitiveKind.UInt or PrimitiveKind.UInt32 => typeof(uint),
        PrimitiveKind.UInt64 => typeof(ulong),
        PrimitiveKind.Float32 => typeof(float),
        PrimitiveKind.Float64 => typeof(double),
        PrimitiveKind.String => typeof(string),
        PrimitiveKind.Bytes => typeof(byte[]),
        _ => null,
    };

    /// <summary>A C# reference to a type with <c>global::</c>, nested types with dots.</summary>
    public static string Reference(Type type) => "global::" + (type.FullName ?? type.Name).Replace('+', '.');

    private static string Describe(Type type) => Nullable.GetUnderlyingType(type) is { } value ? value.Name + "?" : type.IsGenericType
        ? $"{type.Name[..type.Name.IndexOf('`', StringComparison.Ordinal)]}<{string.Join(", ", type.GetGenericArguments().Select(Describe))}>"
        : type.Name;

    private static string Normalize(string name) => name.Replace("_", string.Empty, StringComparison.Ordinal).ToLowerInvariant();
}
