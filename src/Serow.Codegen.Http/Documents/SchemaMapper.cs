// Licensed under the MIT license. See LICENSE in the project root.

using System.Text.RegularExpressions;
using Serow.Codegen.Writing;
using Serow.Design;

namespace Serow.Codegen.Http.Documents;

/// <summary>
/// Maps design types to JSON Schema, the one mapping both documents share. User types and inline objects become named
/// components, registered when first used; <see cref="Components"/> lists them ordered by name.
/// </summary>
internal sealed partial class SchemaMapper(DesignRoot design)
{
    /// <summary>The standard error body of every HTTP error response and WebSocket error frame.</summary>
    public const string ErrorComponent = "SerowError";

    /// <summary>The body of an <c>invalid_message</c> error: the standard error and every violation.</summary>
    public const string InvalidMessageComponent = "SerowInvalidMessage";

    /// <summary>The WebSocket frame that carries a stream's failure: the error under <c>$serow.error</c>.</summary>
    public const string ErrorFrameComponent = "SerowErrorFrame";

    /// <summary>The component of the WebSocket position frame of resumable streams.</summary>
    public const string PositionFrameComponent = "SerowPositionFrame";

    private const string ViolationComponent = "SerowValidationError";

    private readonly Dictionary<string, DocSchema?> _components = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Type, string? View), string> _userTypes = [];

    /// <summary>The components registered so far, ordered by name.</summary>
    public IReadOnlyList<SchemaComponent> Components =>
        _components.Where(c => c.Value is not null).OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => new SchemaComponent(c.Key, c.Value!)).ToList();

    /// <summary>A reference to a component.</summary>
    public static DocSchema Reference(string component) => new() { Ref = component };

    /// <summary>The schema of an attribute: its type with its description, validations, default and examples.</summary>
    public DocSchema Attribute(AttributeDesign attribute, string inlineName)
    {
        var schema = attribute.Type is UnionType union
            ? Reference(Union(union, inlineName, null, attribute.Meta))
            : Type(attribute.Type, inlineName);
        return Decorate(schema, attribute);
    }

    /// <summary>
    /// The schema of a message (payload, result or streamed message), named <paramref name="inlineName"/> when it is
    /// an inline object. Results of streams are projected to the views the method may send.
    /// </summary>
    public DocSchema Message(AttributeDesign attribute, string inlineName, IReadOnlyList<string>? views = null)
    {
        if (views is { Count: > 0 } && attribute.Type is UserTypeRef reference && design.FindType(reference.Name) is { Views.Count: > 0 } user)
        {
            var projections = views.Select(v => Reference(UserType(user, v))).Distinct().ToList();
            return projections.Count == 1 ? projections[0] : new DocSchema { AnyOf = projections };
        }

        return Attribute(attribute, inlineName);
    }

    /// <summary>Registers an object schema built by the caller (a request body made of the unmapped payload attributes).</summary>
    public DocSchema Object(ObjectType type, string inlineName, string? description) => Reference(Inline(type, inlineName, description));

    /// <summary>The component name of a schema: its own when it refers to one, else a new component named after <paramref name="name"/>.</summary>
    public string Named(DocSchema schema, string name)
    {
        if (schema.Ref is { } component)
        {
            return component;
        }

        var registered = Claim(ComponentName(name));
        _components[registered] = schema;
        return registered;
    }

    /// <summary>A reference to the standard error body, registering it and its validation variant on first use.</summary>
    public DocSchema Error(bool invalidMessage)
    {
        var name = invalidMessage ? InvalidMessageComponent : ErrorComponent;
        if (!_components.ContainsKey(name))
        {
            RegisterErrors(name);
        }

        return Reference(name);
    }

    /// <summary>A reference to the WebSocket error frame, registering it (and the error body) on first use.</summary>
    public DocSchema ErrorFrame()
    {
        var error = Error(invalidMessage: false);
        if (!_components.ContainsKey(ErrorFrameComponent))
        {
            _components[ErrorFrameComponent] = new DocSchema
            {
                Type = "object",
                Description = "The frame that ends a failed WebSocket stream, followed by a close with code 4000 + the error's HTTP status and the error's name as the reason.",
                Properties = [KeyValuePair.Create("$serow.error", error)],
                Required = ["$serow.error"],
            };
        }

        return Reference(ErrorFrameComponent);
    }

    /// <summary>A reference to the WebSocket position frame of resumable streams, registering it on first use.</summary>
    public DocSchema PositionFrame()
    {
        if (!_components.ContainsKey(PositionFrameComponent))
        {
            _components[PositionFrameComponent] = new DocSchema
            {
                Type = "object",
                Description = "The frame a resumable stream may start with, before any result: the position the stream starts after, where a client that reconnects before the first result resumes.",
                Properties = [KeyValuePair.Create("$serow.position", new DocSchema { Type = "string" })],
                Required = ["$serow.position"],
            };
        }

        return Reference(PositionFrameComponent);
    }

    private DocSchema Type(DataType type, string inlineName) => type switch
    {
        PrimitiveType primitive => Primitive(primitive.Kind),
        ArrayType array => new DocSchema { Type = "array", Items = Attribute(array.Element, inlineName + "Item") },
        MapType map => new DocSchema
        {
            Type = "object",
            PropertyNames = map.Key.Validation.IsEmpty ? null : Attribute(map.Key, inlineName + "Key") with { Type = "string", Format = null },
            AdditionalProperties = Attribute(map.Value, inlineName + "Value"),
        },
        ObjectType obj => Reference(Inline(obj, inlineName, null)),
        UnionType union => Reference(Union(union, inlineName, null, default)),
        UserTypeRef reference when design.FindType(reference.Name) is { } user => Reference(UserType(user, null)),
        UserTypeRef => DocSchema.Any,
        _ => throw new InvalidOperationException($"Unsupported type {type}."),
    };

    private static DocSchema Primitive(PrimitiveKind kind) => kind switch
    {
        PrimitiveKind.Boolean => new() { Type = "boolean" },
        PrimitiveKind.Int or PrimitiveKind.Int32 => new() { Type = "integer", Format = "int32" },
        PrimitiveKind.Int64 => new() { Type = "integer", Format = "int64" },
        PrimitiveKind.UInt or PrimitiveKind.UInt32 => new() { Type = "integer", Format = "uint32", Minimum = 0 },
        PrimitiveKind.UInt64 => new() { Type = "integer", Format = "uint64", Minimum = 0 },
        PrimitiveKind.Float32 => new() { Type = "number", Format = "float" },
        PrimitiveKind.Float64 => new() { Type = "number", Format = "double" },
        PrimitiveKind.String => new() { Type = "string" },
        PrimitiveKind.Bytes => new() { Type = "string", ContentEncoding = "base64" },
        PrimitiveKind.Any => DocSchema.Any,
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    private DocSchema Decorate(DocSchema schema, AttributeDesign attribute)
    {
        var validation = attribute.Validation;
        var type = design.Resolve(attribute.Type);
        var collection = type is ArrayType;
        var map = type is MapType;
        var text = !collection && !map;
        var numeric = type is PrimitiveType { Kind: not (PrimitiveKind.String or PrimitiveKind.Bytes or PrimitiveKind.Boolean or PrimitiveKind.Any) };
        return schema with
        {
            Description = attribute.Description ?? schema.Description,
            EnumJson = validation.EnumJson.Count > 0 ? validation.EnumJson.ToList() : schema.EnumJson,
            Pattern = validation.Pattern ?? schema.Pattern,
            Format = validation.Format is { } format ? FormatName(format) : schema.Format,
            MinLength = text ? validation.MinLength : null,
            MaxLength = text ? validation.MaxLength : null,
            MinItems = collection ? validation.MinLength : null,
            MaxItems = collection ? validation.MaxLength : null,
            MinProperties = map ? validation.MinLength : null,
            MaxProperties = map ? validation.MaxLength : null,
            Minimum = validation.Minimum ?? (validation.ExclusiveMinimum is null ? schema.Minimum : null),
            Maximum = validation.Maximum ?? schema.Maximum,
            ExclusiveMinimum = numeric ? validation.ExclusiveMinimum : null,
            ExclusiveMaximum = numeric ? validation.ExclusiveMaximum : null,
            DefaultJson = attribute.DefaultJson,
            ExamplesJson = attribute.Examples.Count > 0 ? attribute.Examples.Select(e => e.ValueJson).ToList() : null,
        };
    }

    /// <summary>The JSON Schema name of a design format; the design's names already follow JSON Schema except <c>regexp</c>.</summary>
    private static string FormatName(string format) => format == "regexp" ? "regex" : format;

    /// <summary>Registers an inline union and returns its component name.</summary>
    private string Union(UnionType union, string inlineName, string? description, EquatableArray<MetaEntry> meta)
    {
        var name = Claim(ComponentName(inlineName));
        _components[name] = UnionSchema(union, name, description, meta);
        return name;
    }

    // {"oneOf": [{"$ref": <Union><Branch>}, …], "discriminator": {"propertyName": "Type", "mapping": {branch: component}}}
    // where each branch component is {"Type": {"enum": [branch]}, "Value": <branch schema>}, both required.
    private DocSchema UnionSchema(UnionType union, string baseName, string? description, EquatableArray<MetaEntry> meta)
    {
        var (tag, value) = Serow.Codegen.Model.UnionSpec.MemberNames(meta);
        var mapping = new List<KeyValuePair<string, string>>();
        foreach (var branch in union.Branches)
        {
            var branchName = Claim(ComponentName(baseName + CSharp.Pascal(branch.Name)));
            _components[branchName] = new DocSchema
            {
                Type = "object",
                Description = branch.Description ?? $"The \"{branch.Name}\" branch of {baseName}.",
                Properties =
                [
                    KeyValuePair.Create(tag, new DocSchema { Type = "string", EnumJson = [System.Text.Json.JsonSerializer.Serialize(branch.Name)] }),
                    KeyValuePair.Create(value, Attribute(branch, baseName + CSharp.Pascal(branch.Name) + "Value")),
                ],
                Required = [tag, value],
            };
            mapping.Add(KeyValuePair.Create(branch.Name, branchName));
        }

        return new DocSchema
        {
            Description = description,
            OneOf = mapping.Select(m => Reference(m.Value)).ToList(),
            Discriminator = tag,
            DiscriminatorMapping = mapping,
        };
    }

    /// <summary>Registers a user type (or one view of a result type) and returns its component name.</summary>
    private string UserType(UserTypeDesign user, string? view)
    {
        var viewDesign = view is null ? null : user.Views.FirstOrDefault(v => v.Name == view);
        var obj = user.Type as ObjectType;
        if (viewDesign is not null && obj is not null && obj.Attributes.All(a => viewDesign.Attributes.Contains(a.Name)))
        {
            viewDesign = null;
        }

        var key = (user.Name, viewDesign?.Name);
        if (_userTypes.TryGetValue(key, out var existing))
        {
            return existing;
        }

        var baseName = ComponentName(user.Name) + (viewDesign is null ? string.Empty : CSharp.Pascal(viewDesign.Name) + "View");
        var name = Claim(baseName);
        _userTypes[key] = name;
        var description = user.Description;
        if (user.Type is UnionType union)
        {
            _components[name] = UnionSchema(union, baseName, description, user.Meta);
            return name;
        }

        if (obj is null)
        {
            _components[name] = Type(user.Type, baseName) with { Description = description };
            return name;
        }

        if (viewDesign is not null)
        {
            var kept = viewDesign.Attributes.ToHashSet(StringComparer.Ordinal);
            obj = new ObjectType(
                new EquatableArray<AttributeDesign>(obj.Attributes.Where(a => kept.Contains(a.Name)).ToArray()),
                new EquatableArray<string>(obj.Required.Where(kept.Contains).ToArray()));
            description = $"The {viewDesign.Name} view of {user.Name}" + (description is null ? "." : ": " + description);
        }

        _components[name] = ObjectSchema(obj, baseName, description);
        return name;
    }

    private string Inline(ObjectType obj, string inlineName, string? description)
    {
        var name = Claim(ComponentName(inlineName));
        _components[name] = ObjectSchema(obj, name, description);
        return name;
    }

    private DocSchema ObjectSchema(ObjectType obj, string inlineName, string? description) => new()
    {
        Type = "object",
        Description = description,
        Properties = obj.Attributes.Select(a => KeyValuePair.Create(a.Name, Attribute(a, inlineName + CSharp.Pascal(a.Name)))).ToList(),
        Required = obj.Required.Count > 0 ? obj.Required.ToList() : null,
    };

    /// <summary>Reserves a unique component name; the slot stays empty until the schema is built, so recursive types terminate.</summary>
    private string Claim(string baseName)
    {
        var name = baseName;
        for (var i = 2; _components.ContainsKey(name); i++)
        {
            name = baseName + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        _components[name] = null;
        return name;
    }

    private void RegisterErrors(string name)
    {
        var str = new DocSchema { Type = "string" };
        var flag = new DocSchema { Type = "boolean" };
        List<KeyValuePair<string, DocSchema>> Standard(string nameDescription) =>
        [
            KeyValuePair.Create("name", str with { Description = nameDescription }),
            KeyValuePair.Create("id", str with { Description = "A short unique id of this occurrence, for correlating logs on both sides." }),
            KeyValuePair.Create("message", str with { Description = "A message for the caller." }),
            KeyValuePair.Create("temporary", flag with { Description = "Whether retrying may succeed." }),
            KeyValuePair.Create("timeout", flag with { Description = "Whether the error is a timeout." }),
            KeyValuePair.Create("fault", flag with { Description = "Whether the error is a server fault rather than a problem with the request." }),
        ];

        var errors = new DocSchema
        {
            Type = "array",
            Description = "Every violated rule, not only the first.",
            Items = Reference(ViolationComponent),
        };
        _components[name] = name == ErrorComponent
            ? new DocSchema
            {
                Type = "object",
                Description = "A service error on the wire: the body of an HTTP error response and of a WebSocket error frame.",
                Properties = [.. Standard("The error's designed name, for example not_found; invalid_message for validation failures."), KeyValuePair.Create("errors", errors with { Description = "Every violation, for invalid_message." })],
                Required = ["name"],
            }
            : new DocSchema
            {
                Type = "object",
                Description = "A request or message broke designed validation rules; lists every violation.",
                Properties = [.. Standard("Always invalid_message."), KeyValuePair.Create("errors", errors)],
                Required = ["name", "errors"],
            };
        _components[ViolationComponent] = new DocSchema
        {
            Type = "object",
            Description = "One violated rule.",
            Properties =
            [
                KeyValuePair.Create("field", str with { Description = "The path of the field, for example items[2].name; empty for the whole message." }),
                KeyValuePair.Create("rule", str with
                {
                    Description = "The rule that was broken.",
                    EnumJson = ["\"required\"", "\"enum\"", "\"pattern\"", "\"format\"", "\"minLength\"", "\"maxLength\"", "\"minimum\"", "\"maximum\"", "\"exclusiveMinimum\"", "\"exclusiveMaximum\"", "\"view\"", "\"decode\""],
                }),
                KeyValuePair.Create("message", str with { Description = "A readable message naming the field and the rule." }),
            ],
            Required = ["field", "rule", "message"],
        };
    }

    /// <summary>A component name both documents accept (letters, digits, <c>.</c>, <c>-</c>, <c>_</c>).</summary>
    private static string ComponentName(string name)
    {
        var cleaned = InvalidComponentCharacters().Replace(name, "_");
        return cleaned.Length == 0 ? "_" : cleaned;
    }

    [GeneratedRegex("[^A-Za-z0-9._-]")]
    private static partial Regex InvalidComponentCharacters();
}
