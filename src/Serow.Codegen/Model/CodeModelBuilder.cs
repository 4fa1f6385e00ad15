// Licensed under the MIT license. See LICENSE in the project root.

using Serow.Codegen.Writing;
using Serow.Design;

namespace Serow.Codegen.Model;

/// <summary>Resolves a design into a <see cref="CodeModel"/>: one C# name per element, checked for collisions.</summary>
internal sealed class CodeModelBuilder
{
    private readonly DesignRoot _design;
    private readonly string _root;
    private readonly List<ObjectSpec> _objects = [];
    private readonly Dictionary<string, ObjectSpec> _userObjects = [];
    private readonly List<UnionSpec> _unions = [];
    private readonly Dictionary<string, UnionSpec> _userUnions = [];
    private readonly Dictionary<string, SourceLocation> _typeNames = [];
    private readonly List<DesignDiagnostic> _problems = [];

    private CodeModelBuilder(DesignRoot design, string root)
    {
        _design = design;
        _root = root;
    }

    public static CodeModel Build(DesignRoot design, GenerationOptions options)
    {
        var root = options.RootNamespace ?? CSharp.Pascal(design.Api.Name);
        var builder = new CodeModelBuilder(design, root);
        return builder.BuildModel(options);
    }

    private CodeModel BuildModel(GenerationOptions options)
    {
        // Register user types first so references from methods resolve whatever the declaration order.
        foreach (var type in _design.Types)
        {
            if (type.Type is ObjectType)
            {
                var spec = new ObjectSpec(CSharp.Pascal(type.Name), _root, "Types", type.Name, type.Description, (ObjectType)type.Type, type.Views, new Dictionary<string, string>());
                _userObjects[type.Name] = spec;
            }
            else if (type.Type is UnionType union)
            {
                _userUnions[type.Name] = NewUnion(CSharp.Pascal(type.Name), _root, "Types", type.Name, type.Description, union, type.Meta);
            }
        }

        foreach (var type in _design.Types)
        {
            if (_userObjects.TryGetValue(type.Name, out var spec))
            {
                _userObjects[type.Name] = Complete(spec, type.Location);
            }
            else if (_userUnions.TryGetValue(type.Name, out var union))
            {
                _userUnions[type.Name] = CompleteUnion(union, type.Location);
            }
        }

        var apiErrors = _design.Api.Errors.Select(e => Error(e, _root, "Errors")).ToList();
        var services = _design.Services.Select(s => Service(s, apiErrors)).ToList();
        var interception = InterceptorModel.Build(_design, _root, services, _problems);

        if (_problems.Count > 0)
        {
            throw new CodegenException(_problems);
        }

        return new CodeModel(_design, options, _root, _objects, _unions, services, apiErrors, interception);
    }

    private ServiceSpec Service(ServiceDesign service, List<ErrorSpec> apiErrors)
    {
        var name = CSharp.Pascal(service.Name);
        var ns = $"{_root}.{name}";
        var folder = name;
        var methods = service.Methods.Select(m => Method(service, m, name, ns, folder)).ToList();

        var errors = new List<ErrorSpec>();
        var seen = new HashSet<string>(apiErrors.Select(e => e.Design.Name));
        foreach (var error in service.Errors.Concat(service.Methods.SelectMany(m => m.Errors)))
        {
            if (seen.Add(error.Name))
            {
                errors.Add(Error(error, ns, folder));
            }
        }

        return new ServiceSpec(service, name, ns, methods, errors);
    }

    private MethodSpec Method(ServiceDesign service, MethodDesign method, string serviceName, string ns, string folder)
    {
        var name = CSharp.Pascal(method.Name);
        MessageSpec? Message(AttributeDesign? attribute, string suffix) =>
            attribute is null ? null : MessageFor(attribute, name + suffix, ns, folder);

        var payload = Message(method.Payload, "Payload");
        var result = Message(method.Result, "Result");
        var streamingPayload = Message(method.StreamingPayload, "StreamingPayload");
        var streamingResult = Message(method.StreamingResult, "Result");

        var spec = new MethodSpec(method, name, payload, result, streamingPayload, streamingResult, null,
            $"I{serviceName}{name}ServerStream", $"I{serviceName}{name}ClientStream");
        return spec with { Views = ViewsOf(spec) };
    }

    private static ResultViews? ViewsOf(MethodSpec method)
    {
        if (method.Kind == StreamKind.None || method.OutMessage?.Object is not { HasViews: true } target)
        {
            return null;
        }

        if (method.Design.ResultView is { } pinned)
        {
            return new ResultViews([pinned], pinned, CanSetView: false, Project: true);
        }

        var names = target.Views.Select(v => v.Name).ToList();
        return new ResultViews(names, target.DefaultView, CanSetView: names.Count > 1, Project: true);
    }

    private MessageSpec MessageFor(AttributeDesign attribute, string inlineName, string ns, string folder)
    {
        var typeRef = TypeRef(attribute.Type, inlineName, ns, folder, attribute.Location);
        var resolved = _design.Resolve(attribute.Type);
        ObjectSpec? spec = attribute.Type switch
        {
            UserTypeRef reference => _userObjects.GetValueOrDefault(reference.Name),
            ObjectType => _objects.LastOrDefault(o => o.FullName == typeRef),
            _ => null,
        };
        var union = _unions.FirstOrDefault(u => u.FullName == typeRef);
        return new MessageSpec(attribute, typeRef, IsValueType(resolved), spec, union);
    }

    private ErrorSpec Error(ErrorDesign error, string ns, string folder)
    {
        var className = CSharp.Pascal(error.Name) + "Error";
        Claim($"{ns}.{className}", error.Location);
        var detail = error.Type is null ? null : TypeRef(error.Type, className + "Detail", ns, folder, error.Location);
        return new ErrorSpec(error, className, ns, detail);
    }

    /// <summary>The C# type of a design type, registering inline objects as generated classes.</summary>
    public string TypeRef(DataType type, string inlineName, string ns, string folder, SourceLocation location) => type switch
    {
        PrimitiveType primitive => Primitive(primitive.Kind),
        ArrayType array => $"{KnownTypes.List}<{TypeRef(array.Element.Type, inlineName + "Item", ns, folder, location)}>",
        MapType map => $"{KnownTypes.Dictionary}<{TypeRef(map.Key.Type, inlineName + "Key", ns, folder, location)}, {TypeRef(map.Value.Type, inlineName + "Value", ns, folder, location)}>",
        ObjectType obj => Complete(new ObjectSpec(inlineName, ns, folder, inlineName, null, obj, [], new Dictionary<string, string>()), location).FullName,
        UnionType union => CompleteUnion(NewUnion(inlineName, ns, folder, inlineName, null, union, default), location).FullName,
        UserTypeRef reference when _userObjects.TryGetValue(reference.Name, out var spec) => spec.FullName,
        UserTypeRef reference when _userUnions.TryGetValue(reference.Name, out var unionSpec) => unionSpec.FullName,
        UserTypeRef reference when _design.FindType(reference.Name) is { } user => TypeRef(user.Type, CSharp.Pascal(user.Name), _root, "Types", location),
        UserTypeRef reference => Unknown(reference.Name, location),
        _ => throw new InvalidOperationException($"Unsupported type {type}."),
    };

    private string Unknown(string name, SourceLocation location)
    {
        _problems.Add(new DesignDiagnostic("SEROW900", $"type \"{name}\" is not defined", location));
        return "object";
    }

    private ObjectSpec Complete(ObjectSpec spec, SourceLocation location)
    {
        Claim($"{spec.Namespace}.{spec.ClassName}", location);
        var types = new Dictionary<string, string>();
        foreach (var attribute in spec.Type.Attributes)
        {
            var inlineName = spec.ClassName + CSharp.Pascal(attribute.Name);
            types[attribute.Name] = attribute.Type is UnionType union
                ? CompleteUnion(NewUnion(inlineName, spec.Namespace, spec.Folder, inlineName, attribute.Description, union, attribute.Meta), attribute.Location).FullName
                : TypeRef(attribute.Type, inlineName, spec.Namespace, spec.Folder, attribute.Location);
        }

        var complete = spec with { PropertyTypes = types };
        _objects.Add(complete);
        return complete;
    }

    private static UnionSpec NewUnion(string className, string ns, string folder, string designName, string? description, UnionType union, EquatableArray<MetaEntry> meta)
    {
        var (tag, value) = UnionSpec.MemberNames(meta);
        return new UnionSpec(className, ns, folder, designName, description, union, new Dictionary<string, string>(), tag, value);
    }

    private UnionSpec CompleteUnion(UnionSpec spec, SourceLocation location)
    {
        if (_unions.FirstOrDefault(u => u.FullName == spec.FullName && u.Type == spec.Type) is { } done)
        {
            return done;
        }

        Claim($"{spec.Namespace}.{spec.ClassName}", location);
        var types = new Dictionary<string, string>();
        foreach (var branch in spec.Type.Branches)
        {
            types[branch.Name] = TypeRef(branch.Type, spec.ClassName + CSharp.Pascal(branch.Name), spec.Namespace, spec.Folder, branch.Location);
        }

        var complete = spec with { BranchTypes = types };
        _unions.Add(complete);
        return complete;
    }

    private void Claim(string fullName, SourceLocation location)
    {
        if (!_typeNames.TryAdd(fullName, location))
        {
            _problems.Add(new DesignDiagnostic("SEROW901",
                $"two design elements generate the C# type \"{fullName}\" (the other is declared at {_typeNames[fullName]}); rename one of them",
                location));
        }
    }

    public static string Primitive(PrimitiveKind kind) => kind switch
    {
        PrimitiveKind.Boolean => "bool",
        PrimitiveKind.Int or PrimitiveKind.Int32 => "int",
        PrimitiveKind.Int64 => "long",
        PrimitiveKind.UInt or PrimitiveKind.UInt32 => "uint",
        PrimitiveKind.UInt64 => "ulong",
        PrimitiveKind.Float32 => "float",
        PrimitiveKind.Float64 => "double",
        PrimitiveKind.String => "string",
        PrimitiveKind.Bytes => "byte[]",
        PrimitiveKind.Any => KnownTypes.JsonElement,
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static bool IsValueType(DataType type) =>
        type is PrimitiveType { Kind: not (PrimitiveKind.String or PrimitiveKind.Bytes) };
}
