// Licensed under the MIT license. See LICENSE in the project root.

using Serow.Codegen.Model;
using Serow.Codegen.Writing;
using Serow.Design;

namespace Serow.Codegen.Emitters;

/// <summary>Prints the checks of one attribute as calls to the runtime's <c>ValidationReport</c> helpers.</summary>
internal sealed class ValidationEmitter(DesignRoot design)
{
    // Pattern variables of an if statement live in the enclosing block, so every value gets its own name.
    private int _next;

    // report.Required(<path>, <value>);           when required and nullable
    // if (<value> is { } v0)                      or { var v0 = <value>; ... } for value types
    // {
    //     report.MinLength(<path>, v0, 1);       one line per designed rule
    //     for (var i0 = 0; i0 < v0.Count; i0++) { ...element checks... }
    //     report.Nested(<path>, v0);             objects validate themselves
    // }
    public void Emit(CodeWriter writer, AttributeDesign attribute, string value, string path, bool required, bool nullable, int depth = 0)
    {
        if (required && nullable)
        {
            writer.Line($"report.Required({path}, {value});");
        }

        var inner = new CodeWriter();
        var v = $"v{_next++}";
        Checks(inner, attribute, v, path, depth);
        var text = inner.ToString();
        if (text.Length == 0)
        {
            return;
        }

        if (nullable)
        {
            writer.Open($"if ({value} is {{ }} {v})");
        }
        else
        {
            writer.OpenBlock().Line($"var {v} = {value};");
        }

        writer.Lines(text.TrimEnd('\n'));
        writer.Close();
    }

    /// <summary>Whether an attribute has any check at all, so callers can skip empty validators.</summary>
    public bool HasChecks(AttributeDesign attribute)
    {
        var writer = new CodeWriter();
        var next = _next;
        Checks(writer, attribute, "v", "path", 0);
        _next = next;
        return writer.ToString().Length > 0;
    }

    private void Checks(CodeWriter writer, AttributeDesign attribute, string v, string path, int depth)
    {
        var rules = attribute.Validation;
        var type = design.Resolve(attribute.Type);
        if (type is PrimitiveType primitive && rules.EnumJson.Count > 0)
        {
            var values = rules.EnumJson.Select(json => Literals.FromJson(primitive.Kind, json)).Where(l => l is not null);
            writer.Line($"report.Enum({path}, {v}, {string.Join(", ", values)});");
        }

        if (rules.Pattern is { } pattern)
        {
            writer.Line($"report.Pattern({path}, {v}, {CSharp.String(pattern)});");
        }

        if (rules.Format is { } format)
        {
            writer.Line($"report.Format({path}, {v}, {CSharp.String(format)});");
        }

        if (rules.MinLength is { } minLength)
        {
            writer.Line($"report.MinLength({path}, {v}, {minLength});");
        }

        if (rules.MaxLength is { } maxLength)
        {
            writer.Line($"report.MaxLength({path}, {v}, {maxLength});");
        }

        Bound(writer, "Minimum", rules.Minimum, v, path);
        Bound(writer, "Maximum", rules.Maximum, v, path);
        Bound(writer, "ExclusiveMinimum", rules.ExclusiveMinimum, v, path);
        Bound(writer, "ExclusiveMaximum", rules.ExclusiveMaximum, v, path);

        switch (type)
        {
            case ArrayType array when HasChecks(array.Element) || IsObject(array.Element.Type):
            {
                var i = $"i{_next++}";
                writer.Open($"for (var {i} = 0; {i} < {v}.Count; {i}++)");
                Emit(writer, array.Element, $"{v}[{i}]", $"{KnownTypes.ValidationReport}.Element({path}, {i})", required: false,
                    nullable: !CodeModelBuilder.IsValueType(design.Resolve(array.Element.Type)), depth + 1);
                writer.Close();
                break;
            }

            case MapType map when HasChecks(map.Key) || HasChecks(map.Value) || IsObject(map.Value.Type):
            {
                var entry = $"e{_next++}";
                writer.Open($"foreach (var {entry} in {v})");
                if (HasChecks(map.Key))
                {
                    // A key's rules (Key) report at the entry's path, like its value's.
                    Emit(writer, map.Key, $"{entry}.Key", $"{KnownTypes.ValidationReport}.Entry({path}, {entry}.Key)", required: false, nullable: false, depth + 1);
                }

                Emit(writer, map.Value, $"{entry}.Value", $"{KnownTypes.ValidationReport}.Entry({path}, {entry}.Key)", required: false,
                    nullable: !CodeModelBuilder.IsValueType(design.Resolve(map.Value.Type)), depth + 1);
                writer.Close();
                break;
            }

            case ObjectType or UnionType:
                writer.Line($"report.Nested({path}, {v});");
                break;
        }
    }

    private bool IsObject(DataType type) => design.Resolve(type) is ObjectType or UnionType;

    private static void Bound(CodeWriter writer, string rule, double? bound, string v, string path)
    {
        if (bound is { } value)
        {
            writer.Line($"report.{rule}({path}, {v}, {CSharp.Double(value)});");
        }
    }
}
