// Licensed under the MIT license. See LICENSE in the project root.

using Serow.Codegen.Model;
using Serow.Codegen.Writing;
using Serow.Design;

namespace Serow.Codegen.Emitters;

/// <summary>Prints one class per object type: properties with wire names, validation and, for result types, views.</summary>
internal static class TypeEmitter
{
    public static GeneratedFile Emit(CodeModel model, ObjectSpec spec) =>
        CSharpFile.Create(model, $"{spec.Folder}/{spec.ClassName}.g.cs", spec.Namespace, "type", writer => Type(writer, model, spec));

    /// <summary>The C# name of an attribute's property, avoiding the names the class itself uses.</summary>
    public static string PropertyName(ObjectSpec spec, string attribute)
    {
        var name = CSharp.Pascal(attribute);
        return name == spec.ClassName || name is "Validate" || (spec.HasViews && name is "Project" or "Views") ? name + "Value" : name;
    }

    /// <summary>The C# type of an attribute's property as declared: nullable unless required or defaulted.</summary>
    public static string DeclaredPropertyType(ObjectSpec spec, string attribute)
    {
        var design = spec.Type.Attributes.First(a => a.Name == attribute);
        var required = spec.Type.IsRequired(attribute) && (!spec.HasViews || spec.InEveryView(attribute));
        var hasDefault = design.DefaultJson is not null && design.Type is PrimitiveType;
        var type = spec.PropertyTypes[attribute];
        return required || hasDefault ? type : type + "?";
    }

    // /// <summary>…</summary>
    // [GeneratedCode("Serow", "<version>")]
    // public sealed partial class <Name> : IValidatable
    // {
    //     [JsonPropertyName("<wire>")] public required <T> <Prop> { get; set; }
    //     public void Validate() => ValidationReport.Check(this);
    //     public void Validate(ValidationReport report, string path) { … }
    //     (result types with views: Validate(report, path, view), Project(view), static class Views)
    // }
    private static void Type(CodeWriter writer, CodeModel model, ObjectSpec spec)
    {
        writer.Summary(spec.Description ?? $"The \"{spec.DesignName}\" type of the design.");
        CSharpFile.GeneratedCodeAttribute(writer, model);
        var accessors = model.Interception.TypeAccessors.TryGetValue(spec.FullName, out var found) ? found : [];
        writer.Open($"public sealed partial class {spec.ClassName} : {KnownTypes.Validatable}{string.Concat(accessors.Select(a => ", " + a.Accessor.FullName))}");
        var tracked = Tracked(spec);
        if (tracked.Count > 0)
        {
            // A required number, boolean or Any missing from a JSON message must not read as its default: the setters
            // record which ones were assigned, and validation reports the others as required.
            foreach (var attribute in spec.Type.Attributes.Where(a => tracked.ContainsKey(a.Name)))
            {
                writer.Line($"private {spec.PropertyTypes[attribute.Name]} {BackingField(spec, attribute.Name)};");
            }

            for (var i = 0; i < (tracked.Count + 31) / 32; i++)
            {
                writer.Line($"private uint __assigned{i};");
            }

            writer.Line();
        }

        foreach (var attribute in spec.Type.Attributes)
        {
            Property(writer, spec, attribute, tracked);
        }

        // Interceptors see the attributes they declare through these, without a wrapper per message.
        foreach (var (accessor, _) in accessors)
        {
            foreach (var property in accessor.Properties)
            {
                var name = PropertyName(spec, property.Attribute);
                writer.Line("/// <inheritdoc/>");
                writer.Line(property.Writable
                    ? $"{property.Type} {accessor.FullName}.{property.Name} {{ get => {name}; set => {name} = value; }}"
                    : $"{property.Type} {accessor.FullName}.{property.Name} => {name};");
                writer.Line();
            }
        }

        writer.Summary("Checks every designed rule and throws a validation exception listing every violation.");
        writer.Line($"public void Validate() => {KnownTypes.ValidationReport}.Check(this);");
        writer.Line();

        // ConvertTo / CreateFrom: only user types declare them.
        if (spec.Folder == "Types" && model.Design.FindType(spec.DesignName) is { Conversions.Count: > 0 } user)
        {
            foreach (var conversion in user.Conversions)
            {
                Conversion(writer, model, spec, conversion);
            }
        }

        if (spec.HasViews)
        {
            writer.Line("/// <inheritdoc/>");
            writer.Line($"public void Validate({KnownTypes.ValidationReport} report, string path) => Validate(report, path, Views.{CSharp.Pascal(spec.DefaultView)});");
            writer.Line();
            ViewValidate(writer, model, spec);
            Project(writer, spec);
            ViewNames(writer, spec);
        }
        else
        {
            writer.Line("/// <inheritdoc/>");
            writer.Open($"public void Validate({KnownTypes.ValidationReport} report, string path)");
            var validation = new ValidationEmitter(model.Design);
            foreach (var attribute in spec.Type.Attributes)
            {
                Check(writer, validation, spec, attribute, requiredCheck: spec.Type.IsRequired(attribute.Name), tracked);
            }

            writer.Close();
        }

        writer.Close();
    }

    // public global::X ConvertToX() => new() { P = this.A, … };
    // public static <Name> CreateFromX(global::X source) { ThrowIfNull(source); return new <Name> { A = source.P, … }; }
    private static void Conversion(CodeWriter writer, CodeModel model, ObjectSpec spec, TypeConversionDesign conversion)
    {
        var assignments = new List<string>();
        foreach (var mapping in conversion.Mappings)
        {
            var name = PropertyName(spec, mapping.Attribute);
            var nullable = DeclaredPropertyType(spec, mapping.Attribute).EndsWith('?');
            var reference = !IsValueTypeName(spec.PropertyTypes[mapping.Attribute]);
            string value;
            if (conversion.ToExternal)
            {
                var from = $"this.{name}";
                value = mapping.Kind switch
                {
                    ConversionKind.ValueOrDefault => $"{from}.GetValueOrDefault()",
                    ConversionKind.Collection => $"{from} is {{ }} {mapping.Attribute}Items ? global::System.Linq.Enumerable.ToArray({mapping.Attribute}Items) : null!",
                    ConversionKind.Nested => $"{from}?.ConvertTo{Simple(mapping.Nested!)}()!",
                    _ => reference && nullable ? from + "!" : from,
                };
            }
            else
            {
                var from = $"source.{mapping.Property}";
                var elementType = spec.PropertyTypes[mapping.Attribute];
                value = mapping.Kind switch
                {
                    ConversionKind.ValueOrDefault => $"{from} ?? throw new {KnownTypes.ArgumentException}({CSharp.String($"{mapping.Property} is null, but \"{mapping.Attribute}\" is required")}, nameof(source))",
                    ConversionKind.Collection => $"{from} is {{ }} {mapping.Attribute}Items ? new {elementType}({mapping.Attribute}Items) : null{(nullable ? string.Empty : "!")}",
                    ConversionKind.Nested => $"{from} is {{ }} {mapping.Attribute}Value ? {elementType}.CreateFrom{Simple(mapping.Nested!)}({mapping.Attribute}Value) : null{(nullable ? string.Empty : "!")}",
                    _ => reference && !nullable ? from + "!" : from,
                };
            }

            assignments.Add(conversion.ToExternal ? $"{mapping.Property} = {value}," : $"{name} = {value},");
        }

        var mapped = string.Join(", ", conversion.Mappings.Select(m => m.Attribute));
        if (conversion.ToExternal)
        {
            writer.Summary($"Converts to {conversion.ExternalType["global::".Length..]}, setting its properties from {mapped} (ConvertTo in the design).");
            writer.Returns("The new value.");
            writer.Open($"public {conversion.ExternalType} ConvertTo{conversion.ExternalName}() => new()");
        }
        else
        {
            writer.Summary($"Creates a {spec.DesignName} from {conversion.ExternalType["global::".Length..]}, setting {mapped} from its properties (CreateFrom in the design).");
            writer.Param("source", "The value to copy from.");
            writer.Returns("The new value, not yet validated.");
            writer.Open($"public static {spec.ClassName} CreateFrom{conversion.ExternalName}({conversion.ExternalType} source)");
            writer.Line($"{KnownTypes.ArgumentNullException}.ThrowIfNull(source);");
            writer.Line($"return new {spec.ClassName}");
            writer.Line("{");
            foreach (var assignment in assignments)
            {
                writer.Line("    " + assignment);
            }

            writer.Line("};");
            writer.Close();
            writer.Line();
            return;
        }

        foreach (var assignment in assignments)
        {
            writer.Line(assignment);
        }

        writer.Close(";");
        writer.Line();
    }

    private static string Simple(string reference) => reference[(reference.LastIndexOf('.') + 1)..];

    /// <summary>The required value-type properties whose assignment is recorded, with their bit index.</summary>
    private static Dictionary<string, int> Tracked(ObjectSpec spec)
    {
        var tracked = new Dictionary<string, int>();
        foreach (var attribute in spec.Type.Attributes)
        {
            var required = spec.Type.IsRequired(attribute.Name) && (!spec.HasViews || spec.InEveryView(attribute.Name));
            var hasDefault = attribute.DefaultJson is not null && attribute.Type is PrimitiveType;
            if (required && !hasDefault && IsValueTypeName(spec.PropertyTypes[attribute.Name]))
            {
                tracked[attribute.Name] = tracked.Count;
            }
        }

        return tracked;
    }

    // Design names become PascalCase properties, which never start with an underscore: no collision is possible.
    private static string BackingField(ObjectSpec spec, string attribute) => "__" + PropertyName(spec, attribute);

    private static string AssignedBit(int index) => $"(__assigned{index / 32} & {1u << (index % 32)}u)";

    private static void Property(CodeWriter writer, ObjectSpec spec, AttributeDesign attribute, Dictionary<string, int> tracked)
    {
        var type = spec.PropertyTypes[attribute.Name];
        var name = PropertyName(spec, attribute.Name);
        var required = spec.Type.IsRequired(attribute.Name) && (!spec.HasViews || spec.InEveryView(attribute.Name));
        var defaultValue = attribute.DefaultJson is { } json && attribute.Type is PrimitiveType primitive
            ? Literals.FromJson(primitive.Kind, json)
            : null;

        writer.Summary(attribute.Description ?? $"The \"{attribute.Name}\" field.");
        writer.Line($"[{KnownTypes.JsonPropertyName}({CSharp.String(attribute.Name)})]");
        if (tracked.TryGetValue(attribute.Name, out var index))
        {
            var field = BackingField(spec, attribute.Name);
            writer.Line($"public required {type} {name} {{ get => {field}; set {{ {field} = value; __assigned{index / 32} |= {1u << (index % 32)}u; }} }}");
        }
        else if (required)
        {
            writer.Line($"public required {type} {name} {{ get; set; }}");
        }
        else if (defaultValue is not null)
        {
            writer.Line($"public {type} {name} {{ get; set; }} = {defaultValue};");
        }
        else
        {
            writer.Line($"[{KnownTypes.JsonIgnore}(Condition = {KnownTypes.JsonIgnoreWhenNull})]");
            writer.Line($"public {type}? {name} {{ get; set; }}");
        }

        writer.Line();
    }

    // if ((__assigned0 & 1) == 0) { report.Required(…, null); } else { …checks… }      for a tracked property
    private static void Check(CodeWriter writer, ValidationEmitter validation, ObjectSpec spec, AttributeDesign attribute, bool requiredCheck, Dictionary<string, int> tracked)
    {
        var name = PropertyName(spec, attribute.Name);
        if (tracked.TryGetValue(attribute.Name, out var index))
        {
            var path = $"{KnownTypes.ValidationReport}.Member(path, {CSharp.String(attribute.Name)})";
            var checks = new CodeWriter();
            validation.Emit(checks, attribute, $"this.{name}", path, required: false, nullable: false);
            writer.Open($"if ({AssignedBit(index)} == 0)");
            writer.Line($"report.Required({path}, null);");
            writer.Close();
            if (checks.ToString().Trim() is { Length: > 0 } text)
            {
                writer.Open("else");
                writer.Lines(text);
                writer.Close();
            }

            return;
        }

        var required = spec.Type.IsRequired(attribute.Name) && (!spec.HasViews || spec.InEveryView(attribute.Name));
        var hasDefault = attribute.DefaultJson is not null && attribute.Type is PrimitiveType;
        var isValue = spec.PropertyTypes[attribute.Name] is var t && IsValueTypeName(t);
        var nullable = !(isValue && (required || hasDefault));
        validation.Emit(writer, attribute, $"this.{name}", $"{KnownTypes.ValidationReport}.Member(path, {CSharp.String(attribute.Name)})", requiredCheck, nullable);
    }

    // public void Validate(ValidationReport report, string path, string view)
    // {
    //     report.View(path, view, Views.All…);
    //     if (view is "a" or "b") report.Required(…);   required only where the view keeps the field
    //     …checks of present values…
    // }
    private static void ViewValidate(CodeWriter writer, CodeModel model, ObjectSpec spec)
    {
        var tracked = Tracked(spec);
        writer.Summary("Checks the designed rules that apply to the given view; fields the view leaves out are not required.");
        writer.Param("report", "Collects the violations.");
        writer.Param("path", "The path of this value in the enclosing message.");
        writer.Param("view", "The view the value was projected to.");
        writer.Open($"public void Validate({KnownTypes.ValidationReport} report, string path, string view)");
        writer.Line($"report.View({KnownTypes.ValidationReport}.Member(path, \"@view\"), view, {string.Join(", ", spec.Views.Select(v => $"Views.{CSharp.Pascal(v.Name)}"))});");
        var validation = new ValidationEmitter(model.Design);
        foreach (var attribute in spec.Type.Attributes)
        {
            var views = spec.Views.Where(v => v.Attributes.Contains(attribute.Name)).Select(v => CSharp.String(v.Name)).ToList();
            if (spec.Type.IsRequired(attribute.Name) && views.Count > 0 && !spec.InEveryView(attribute.Name))
            {
                writer.Open($"if (view is {string.Join(" or ", views)})");
                writer.Line($"report.Required({KnownTypes.ValidationReport}.Member(path, {CSharp.String(attribute.Name)}), this.{PropertyName(spec, attribute.Name)});");
                writer.Close();
            }

            Check(writer, validation, spec, attribute, requiredCheck: spec.Type.IsRequired(attribute.Name) && spec.InEveryView(attribute.Name), tracked);
        }

        writer.Close();
        writer.Line();
    }

    // public <Name> Project(string view) => view switch { "tiny" => new <Name> { A = this.A }, …, _ => throw };
    private static void Project(CodeWriter writer, ObjectSpec spec)
    {
        writer.Summary("Returns a copy that keeps only the fields of the given view.");
        writer.Param("view", "The view's designed name.");
        writer.Open($"public {spec.ClassName} Project(string view) => view switch");
        foreach (var view in spec.Views)
        {
            var members = spec.Type.Attributes
                .Where(a => view.Attributes.Contains(a.Name))
                .Select(a => PropertyName(spec, a.Name))
                .Select(p => $"{p} = this.{p}");
            writer.Line($"Views.{CSharp.Pascal(view.Name)} => new {spec.ClassName} {{ {string.Join(", ", members)} }},");
        }

        writer.Line($"_ => throw new {KnownTypes.ArgumentException}($\"Unknown view \\\"{{view}}\\\"; the views of {spec.DesignName} are {string.Join(", ", spec.Views.Select(v => v.Name))}.\", nameof(view)),");
        writer.Close(";");
        writer.Line();
    }

    private static void ViewNames(CodeWriter writer, ObjectSpec spec)
    {
        writer.Summary($"The views of {spec.DesignName}.");
        writer.Open("public static class Views");
        foreach (var view in spec.Views)
        {
            writer.Summary($"The \"{view.Name}\" view: {string.Join(", ", view.Attributes)}.");
            writer.Line($"public const string {CSharp.Pascal(view.Name)} = {CSharp.String(view.Name)};");
            writer.Line();
        }

        writer.Summary("Every view name, in design order.");
        writer.Line($"public static {KnownTypes.ReadOnlyList}<string> All {{ get; }} = [{string.Join(", ", spec.Views.Select(v => CSharp.Pascal(v.Name)))}];");
        writer.Close();
    }

    public static bool IsValueTypeName(string type) =>
        type is "bool" or "int" or "long" or "uint" or "ulong" or "float" or "double" || type == KnownTypes.JsonElement;
}
