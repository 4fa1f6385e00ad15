// Licensed under the MIT license. See LICENSE in the project root.

using System.Globalization;
using Serow.Codegen.Model;
using Serow.Design;

namespace Serow.Codegen.Http.TypeScript;

/// <summary>
/// The TypeScript side of the design's types: a name per generated C# class (so both languages name a payload alike),
/// the TypeScript type of a C# type reference, and <c>types.ts</c> with an interface and a validator per object and union.
/// </summary>
internal sealed class TsTypes
{
    private readonly CodeModel _model;
    private readonly Dictionary<string, string> _names = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ObjectSpec> _objects = new(StringComparer.Ordinal);
    private readonly Dictionary<string, UnionSpec> _unions = new(StringComparer.Ordinal);

    /// <param name="model">The model.</param>
    /// <param name="taken">Names the package's index exports from elsewhere (the runtime, the clients): a type with one of them gets "Type" after it.</param>
    public TsTypes(CodeModel model, IReadOnlySet<string> taken)
    {
        _model = model;
        foreach (var spec in model.Objects)
        {
            _objects[spec.FullName] = spec;
        }

        foreach (var spec in model.Unions)
        {
            _unions[spec.FullName] = spec;
        }

        // One module holds every type: a class name two services share gets its service's name in front.
        var all = model.Objects.Select(o => (o.FullName, o.ClassName, o.Namespace)).Concat(model.Unions.Select(u => (u.FullName, u.ClassName, u.Namespace))).ToList();
        foreach (var group in all.GroupBy(t => t.ClassName, StringComparer.Ordinal))
        {
            foreach (var (fullName, className, ns) in group)
            {
                var name = group.Count() == 1 || ns == model.RootNamespace ? className : ns[(ns.LastIndexOf('.') + 1)..] + className;
                _names[fullName] = taken.Contains(name) ? name + "Type" : name;
            }
        }
    }

    /// <summary>The TypeScript type of a C# type reference of the model; <paramref name="qualifier"/> goes before the names of <c>types.ts</c>.</summary>
    public string Of(string typeRef, string qualifier = "")
    {
        var type = typeRef.EndsWith('?') ? typeRef[..^1] : typeRef;
        if (Generic(type, KnownTypes.List) is [var element])
        {
            var inner = Of(element, qualifier);
            return inner.Contains(' ', StringComparison.Ordinal) ? $"({inner})[]" : inner + "[]";
        }

        if (Generic(type, KnownTypes.Dictionary) is [_, var value])
        {
            return $"Record<string, {Of(value, qualifier)}>";
        }

        return type switch
        {
            "bool" => "boolean",
            "int" or "long" or "uint" or "ulong" or "float" or "double" => "number",
            "string" => "string",
            "byte[]" => "string",
            KnownTypes.JsonElement => "unknown",
            _ when _names.TryGetValue(type, out var name) => qualifier + name,
            _ => throw new InvalidOperationException($"The C# type {typeRef} has no TypeScript counterpart."),
        };
    }

    /// <summary>The validator of a C# type reference's object or union, or null for other types.</summary>
    public string? ValidatorOf(string typeRef)
    {
        var type = typeRef.EndsWith('?') ? typeRef[..^1] : typeRef;
        return _names.TryGetValue(type, out var name) ? "validate" + name : null;
    }

    /// <summary>The element type of a list reference, or the value type of a dictionary reference.</summary>
    public static string? ItemOf(string typeRef)
    {
        var type = typeRef.EndsWith('?') ? typeRef[..^1] : typeRef;
        return Generic(type, KnownTypes.List) is [var element] ? element : Generic(type, KnownTypes.Dictionary) is [_, var value] ? value : null;
    }

    /// <summary>The names <c>types.ts</c> exports: each type and its validator.</summary>
    public IEnumerable<string> Exported => _names.Values.SelectMany(name => new[] { name, "validate" + name });

    /// <summary>Prints <c>types.ts</c>.</summary>
    public string EmitModule(string header)
    {
        var writer = new TsWriter();
        writer.Line(header);
        writer.Line(_model.Objects.Count + _model.Unions.Count > 0 ? "import * as serow from \"./runtime.js\";" : "export {};");
        foreach (var spec in _model.Objects)
        {
            writer.Line();
            Interface(writer, spec);
            writer.Line();
            Validator(writer, spec);
        }

        foreach (var spec in _model.Unions)
        {
            writer.Line();
            Union(writer, spec);
            writer.Line();
            UnionValidator(writer, spec);
        }

        return writer.ToString();
    }

    private void Interface(TsWriter writer, ObjectSpec spec)
    {
        writer.Doc(spec.Description ?? $"The design's \"{spec.DesignName}\".");
        writer.Open($"export interface {_names[spec.FullName]}");
        foreach (var attribute in spec.Type.Attributes)
        {
            writer.Doc(attribute.Description);
            var optional = IsRequired(spec, attribute.Name) ? string.Empty : "?";
            writer.Line($"{TsWriter.Property(attribute.Name)}{optional}: {PropertyType(attribute, spec.PropertyTypes[attribute.Name])};");
        }

        writer.Close();
    }

    /// <summary>Required attributes are required in every view a result may be projected to.</summary>
    private static bool IsRequired(ObjectSpec spec, string attribute) =>
        spec.Type.IsRequired(attribute) && (!spec.HasViews || spec.InEveryView(attribute));

    private string PropertyType(AttributeDesign attribute, string typeRef)
    {
        // A designed enum of strings or numbers is a union of literal types (JSON literals are TypeScript literals).
        if (_model.Design.Resolve(attribute.Type) is PrimitiveType { Kind: not (PrimitiveKind.Any or PrimitiveKind.Bytes or PrimitiveKind.Boolean) }
            && attribute.Validation.EnumJson.Count > 0)
        {
            return string.Join(" | ", attribute.Validation.EnumJson);
        }

        return Of(typeRef);
    }

    private void Validator(TsWriter writer, ObjectSpec spec)
    {
        var name = _names[spec.FullName];
        writer.Doc($"Checks one {name} against the design's rules, adding each violation to the report.");
        var body = new TsWriter();
        var checks = new TsChecks(_model.Design, this);
        foreach (var attribute in spec.Type.Attributes)
        {
            var member = $"serow.member(path, {TsWriter.String(attribute.Name)})";
            var access = TsWriter.Access("value", attribute.Name);
            if (IsRequired(spec, attribute.Name))
            {
                body.Line($"report.required({member}, {access});");
            }

            checks.Emit(body, attribute, spec.PropertyTypes[attribute.Name], access, member);
        }

        // A type without rules still has its validator (callers need not know), with parameters marked unused.
        var text = body.ToString();
        var unused = text.Length == 0 ? "_" : string.Empty;
        writer.Open($"export function validate{name}({unused}value: {name}, {unused}path: string, {unused}report: serow.ValidationReport): void");
        writer.Lines(text);

        writer.Close();
    }

    private void Union(TsWriter writer, UnionSpec spec)
    {
        writer.Doc(spec.Description ?? $"The design's \"{spec.DesignName}\": exactly one of its branches, tagged by \"{spec.TagName}\".");
        var branches = spec.Type.Branches.Select(b =>
            $"{{ {TsWriter.Property(spec.TagName)}: {TsWriter.String(b.Name)}; {TsWriter.Property(spec.ValueName)}: {Of(spec.BranchTypes[b.Name])} }}");
        writer.Line($"export type {_names[spec.FullName]} =");
        var list = branches.ToList();
        for (var i = 0; i < list.Count; i++)
        {
            writer.Line($"  | {list[i]}{(i == list.Count - 1 ? ";" : string.Empty)}");
        }
    }

    private void UnionValidator(TsWriter writer, UnionSpec spec)
    {
        var name = _names[spec.FullName];
        var tag = TsWriter.Access("value", spec.TagName);
        var inner = TsWriter.Access("value", spec.ValueName);
        var tagPath = $"serow.member(path, {TsWriter.String(spec.TagName)})";
        var valuePath = $"serow.member(path, {TsWriter.String(spec.ValueName)})";
        writer.Doc($"Checks one {name}: a known branch, and its value against the branch's rules.");
        writer.Open($"export function validate{name}(value: {name}, path: string, report: serow.ValidationReport): void");
        writer.Line($"report.required({tagPath}, {tag});");
        writer.Line($"report.required({valuePath}, {inner});");
        writer.Line($"report.enum({tagPath}, {tag}, [{string.Join(", ", spec.Type.Branches.Select(b => TsWriter.String(b.Name)))}]);");
        var checks = new TsChecks(_model.Design, this);
        writer.Open($"switch ({tag})");
        foreach (var branch in spec.Type.Branches)
        {
            var body = new TsWriter();
            checks.Emit(body, branch, spec.BranchTypes[branch.Name], inner, valuePath);
            if (body.ToString().Length == 0)
            {
                continue;
            }

            writer.Open($"case {TsWriter.String(branch.Name)}:");
            writer.Lines(body.ToString());

            writer.Line("break;");
            writer.Close();
        }

        writer.Close();
        writer.Close();
    }

    private static string[]? Generic(string type, string name)
    {
        if (!type.StartsWith(name + "<", StringComparison.Ordinal) || !type.EndsWith('>'))
        {
            return null;
        }

        // Split the arguments at the commas that are not inside a nested generic.
        var inner = type[(name.Length + 1)..^1];
        var arguments = new List<string>();
        var depth = 0;
        var start = 0;
        for (var i = 0; i < inner.Length; i++)
        {
            switch (inner[i])
            {
                case '<':
                    depth++;
                    break;
                case '>':
                    depth--;
                    break;
                case ',' when depth == 0:
                    arguments.Add(inner[start..i].Trim());
                    start = i + 1;
                    break;
            }
        }

        arguments.Add(inner[start..].Trim());
        return [.. arguments];
    }
}

/// <summary>Prints the checks of one attribute's value as calls to the runtime's <c>ValidationReport</c>, like the C# validators.</summary>
internal sealed class TsChecks(DesignRoot design, TsTypes types, string qualifier = "")
{
    private int _next;

    /// <summary>Checks <paramref name="value"/> (which may be absent, unless <paramref name="present"/>) against the attribute's rules; prints nothing when it has none.</summary>
    public void Emit(TsWriter writer, AttributeDesign attribute, string typeRef, string value, string path, bool present = false)
    {
        var body = new TsWriter();
        var v = $"v{_next++}";
        Checks(body, attribute, typeRef, v, path);
        var text = body.ToString();
        if (text.Length == 0)
        {
            return;
        }

        if (present)
        {
            writer.OpenBlock();
        }
        else
        {
            writer.Open($"if ({value} !== undefined && {value} !== null)");
        }

        writer.Line($"const {v} = {value};");
        writer.Lines(text);

        writer.Close();
    }

    private void Checks(TsWriter writer, AttributeDesign attribute, string typeRef, string v, string path)
    {
        var rules = attribute.Validation;
        var type = design.Resolve(attribute.Type);
        if (type is PrimitiveType && rules.EnumJson.Count > 0)
        {
            writer.Line($"report.enum({path}, {v}, [{string.Join(", ", rules.EnumJson)}]);");
        }

        if (rules.Pattern is { } pattern)
        {
            writer.Line($"report.pattern({path}, {v}, {TsWriter.String(pattern)});");
        }

        if (rules.Format is { } format)
        {
            writer.Line($"report.format({path}, {v}, {TsWriter.String(format)});");
        }

        if (rules.MinLength is { } minLength)
        {
            writer.Line($"report.minLength({path}, {v}, {minLength.ToString(CultureInfo.InvariantCulture)});");
        }

        if (rules.MaxLength is { } maxLength)
        {
            writer.Line($"report.maxLength({path}, {v}, {maxLength.ToString(CultureInfo.InvariantCulture)});");
        }

        Bound(writer, "minimum", rules.Minimum, v, path);
        Bound(writer, "maximum", rules.Maximum, v, path);
        Bound(writer, "exclusiveMinimum", rules.ExclusiveMinimum, v, path);
        Bound(writer, "exclusiveMaximum", rules.ExclusiveMaximum, v, path);

        switch (type)
        {
            case ArrayType array when TsTypes.ItemOf(typeRef) is { } elementRef:
            {
                var body = new TsWriter();
                var i = $"i{_next++}";
                Emit(body, array.Element, elementRef, $"{v}[{i}]", $"serow.element({path}, {i})");
                if (body.ToString().Length > 0)
                {
                    writer.Open($"for (let {i} = 0; {i} < {v}.length; {i}++)");
                    writer.Lines(body.ToString());

                    writer.Close();
                }

                break;
            }

            case MapType map when TsTypes.ItemOf(typeRef) is { } valueRef:
            {
                var body = new TsWriter();
                var key = $"k{_next++}";

                // A key's rules report at the entry's path, like its value's; JSON keys are strings, numbers are read back.
                var numericKey = design.Resolve(map.Key.Type) is PrimitiveType { Kind: not (PrimitiveKind.String or PrimitiveKind.Bytes or PrimitiveKind.Any or PrimitiveKind.Boolean) };
                Emit(body, map.Key, "string", numericKey ? $"Number({key})" : key, $"serow.entry({path}, {key})", present: true);
                Emit(body, map.Value, valueRef, $"{v}[{key}]", $"serow.entry({path}, {key})");
                if (body.ToString().Length > 0)
                {
                    writer.Open($"for (const {key} of Object.keys({v}))");
                    writer.Lines(body.ToString());

                    writer.Close();
                }

                break;
            }

            case ObjectType or UnionType when types.ValidatorOf(typeRef) is { } validator:
                writer.Line($"{qualifier}{validator}({v}, {path}, report);");
                break;
        }
    }

    private static void Bound(TsWriter writer, string rule, double? bound, string v, string path)
    {
        if (bound is { } value)
        {
            writer.Line($"report.{rule}({path}, {v}, {value.ToString("R", CultureInfo.InvariantCulture)});");
        }
    }
}
