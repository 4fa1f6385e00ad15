// Licensed under the MIT license. See LICENSE in the project root.

using Serow.Codegen.Grpc.Writing;
using Serow.Codegen.Model;
using Serow.Codegen.Writing;
using Serow.Design;

namespace Serow.Codegen.Grpc.Model;

/// <summary>Builds the <see cref="ProtoFile"/> of a service from the code model: message names, fields and rpc shapes.</summary>
internal sealed class ProtoModelBuilder
{
    /// <summary>The design-level keys that pin protobuf names.</summary>
    public const string PackageKey = "grpc:package";
    public const string ServiceKey = "grpc:service";
    public const string MethodKey = "grpc:method";
    public const string RequestKey = "grpc:request";
    public const string ResponseKey = "grpc:response";
    public const string MessageKey = "grpc:message";
    public const string EnumKey = "grpc:enum";

    private readonly CodeModel _model;
    private readonly ServiceSpec _service;
    private readonly List<ProtoMessage> _messages = [];
    private readonly Dictionary<string, ProtoMessage> _byName = new(StringComparer.Ordinal);
    private readonly List<ProtoEnum> _enums = [];
    private readonly List<DesignDiagnostic> _problems;

    private ProtoModelBuilder(CodeModel model, ServiceSpec service, List<DesignDiagnostic> problems)
    {
        _model = model;
        _service = service;
        _problems = problems;
    }

    /// <summary>Whether the service has at least one method served over gRPC.</summary>
    public static bool IsServed(ServiceSpec service) => service.Methods.Any(m => m.Design.Grpc is not null);

    public static ProtoFile Build(CodeModel model, ServiceSpec service, List<DesignDiagnostic> problems) =>
        new ProtoModelBuilder(model, service, problems).Build();

    private ProtoFile Build()
    {
        var design = _service.Design;
        var package = Meta(design.Meta, PackageKey) ?? ProtoNames.Package(design.Name);
        var serviceName = Meta(design.Meta, ServiceKey) ?? ProtoNames.Type(design.Name);
        var rpcs = _service.Methods.Where(m => m.Design.Grpc is not null).Select(Rpc).ToList();
        return new ProtoFile(_service, $"{_service.Name}/Grpc/{ProtoNames.Identifier(design.Name)}.proto", package,
            $"{_service.Namespace}.Grpc.Proto", serviceName, rpcs, _messages, _enums);
    }

    private ProtoRpc Rpc(MethodSpec method)
    {
        var design = method.Design;
        var name = Meta(design.Meta, MethodKey) ?? ProtoNames.Type(design.Name);
        var requestName = Meta(design.Meta, RequestKey);
        var responseName = Meta(design.Meta, ResponseKey);
        var kind = method.Kind;
        var metadata = RequestMetadata(method);
        var clientStreams = kind is StreamKind.Client or StreamKind.Bidirectional;
        var serverStreams = kind is StreamKind.Server or StreamKind.Bidirectional;

        string? payload = null;
        if (method.Payload is { } p)
        {
            payload = metadata.Count > 0 && p.Object is { } withMetadata
                ? ObjectMessage(clientStreams ? method.Name + "Request" : requestName ?? method.Name + "Request", withMetadata, p.Attribute.Description, metadata)
                : Message(p, clientStreams ? method.Name + "Request" : requestName ?? method.Name + "Request", method.Name + "Request", pinned: !clientStreams && requestName is not null);
        }

        string request;
        string? streamIn = null;
        var envelope = false;
        if (clientStreams)
        {
            if (payload is not null)
            {
                streamIn = Message(method.StreamingPayload!, method.Name + "StreamingPayloadMessage", method.Name + "StreamingPayloadMessage", pinned: false);
                request = requestName ?? method.Name + "StreamingRequest";
                Add(new ProtoMessage(request, "The request stream: the first message carries the payload, the next ones the streamed messages.",
                    [], new EnvelopeSource(payload, streamIn)));
                envelope = true;
            }
            else
            {
                request = streamIn = Message(method.StreamingPayload!, requestName ?? method.Name + "StreamingRequest", method.Name + "StreamingRequest", pinned: requestName is not null);
            }
        }
        else if (payload is not null)
        {
            request = payload;
        }
        else
        {
            request = requestName ?? method.Name + "Request";
            Add(new ProtoMessage(request, null, [], new EmptySource()));
        }

        string? @out = null;
        string response;
        var responseHeaders = ResponseMetadata(method, method.Design.Grpc?.ResponseHeaders ?? default);
        var responseTrailers = ResponseMetadata(method, method.Design.Grpc?.ResponseTrailers ?? default);
        if (kind == StreamKind.None && method.Result is { Object: { } resultObject } withResponseMetadata && responseHeaders.Count + responseTrailers.Count > 0)
        {
            // The attributes in headers and trailers leave the message, which is then the method's own.
            var carried = string.Join("; ", responseHeaders.Select(h => $"{h.Attribute.Name} in the response header \"{h.Key}\"")
                .Concat(responseTrailers.Select(t => $"{t.Attribute.Name} in the trailer \"{t.Key}\"")));
            var comment = (withResponseMetadata.Attribute.Description is { } described ? described + "\n" : string.Empty) + $"Not in the message: {carried}.";
            response = @out = ObjectMessage(responseName ?? method.Name + "Response", resultObject, comment,
                responseHeaders.Concat(responseTrailers).ToEquatableArray());
        }
        else if ((kind == StreamKind.None ? method.Result : method.OutMessage) is { } result)
        {
            response = @out = Message(result, responseName ?? method.Name + "Response", method.Name + "Response", pinned: responseName is not null);
        }
        else
        {
            response = responseName ?? method.Name + "Response";
            Add(new ProtoMessage(response, null, [], new EmptySource()));
        }

        return new ProtoRpc(method, name, request, clientStreams, response, serverStreams, payload, streamIn, @out, envelope)
        {
            Metadata = metadata,
            ResponseHeaders = responseHeaders,
            ResponseTrailers = responseTrailers,
        };
    }

    /// <summary>The message a payload, stream or result travels in: its object's message, or a one-field wrapper.</summary>
    private string Message(MessageSpec message, string name, string inlineName, bool pinned)
    {
        var attribute = message.Attribute;
        if (message.Object is { } spec)
        {
            var messageName = attribute.Type is UserTypeRef reference && !pinned ? UserMessageName(reference.Name) : name;
            return ObjectMessage(messageName, spec, attribute.Description);
        }

        if (message.Union is { } union)
        {
            var unionName = attribute.Type is UserTypeRef user && !pinned ? UserMessageName(user.Name) : name;
            return UnionMessage(unionName, union, attribute.Description);
        }

        var shape = Shape(attribute.Type, inlineName + "Field", $"{message.TypeRef}", _service.Namespace, name + "Field", attribute.Location);
        var field = new ProtoField("field", 1, shape, Optional: false, null, attribute);
        Add(new ProtoMessage(name, attribute.Description, [field], new WrapperSource(message.TypeRef, message.IsValueType)));
        return name;
    }

    /// <summary>
    /// The payload attributes a method's GRPC block carries in request metadata: primitives of an object payload, keyed
    /// by their lower-case name (<c>-bin</c> appended for bytes).
    /// </summary>
    private EquatableArray<ProtoMetadata> RequestMetadata(MethodSpec method)
    {
        if (method.Design.Grpc is not { Metadata.Count: > 0 } grpc)
        {
            return default;
        }

        if (method.Payload?.Object is not { } spec)
        {
            Problem($"{_service.Design.Name}.{method.Design.Name}: Metadata(…) needs an object payload whose attributes it names", grpc.Location);
            return default;
        }

        var entries = new List<ProtoMetadata>();
        foreach (var name in grpc.Metadata)
        {
            var attribute = spec.Type.Attributes.FirstOrDefault(a => a.Name == name);
            if (attribute is null || _model.Design.Resolve(attribute.Type) is not PrimitiveType { Kind: not PrimitiveKind.Any } primitive)
            {
                Problem($"{_service.Design.Name}.{method.Design.Name}: metadata attribute \"{name}\" must be a primitive attribute of the payload", grpc.Location);
                continue;
            }

            var key = name.ToLowerInvariant() + (primitive.Kind == PrimitiveKind.Bytes ? "-bin" : string.Empty);
            if (key.Any(c => !(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '_' or '.')) || key.StartsWith("grpc-", StringComparison.Ordinal))
            {
                Problem($"{_service.Design.Name}.{method.Design.Name}: \"{key}\" is not a valid gRPC metadata key (letters, digits, '-', '_', '.'; not starting with \"grpc-\")", grpc.Location);
                continue;
            }

            entries.Add(new ProtoMetadata(key, attribute, primitive.Kind));
        }

        return entries.ToEquatableArray();
    }

    /// <summary>Result attributes carried in response headers or trailers, keyed like request metadata.</summary>
    private EquatableArray<ProtoMetadata> ResponseMetadata(MethodSpec method, EquatableArray<string> names)
    {
        if (names.Count == 0 || method.Result?.Object is not { } spec)
        {
            return default;
        }

        var entries = new List<ProtoMetadata>();
        foreach (var name in names)
        {
            if (spec.Type.Find(name) is { } attribute && _model.Design.Resolve(attribute.Type) is PrimitiveType { Kind: not PrimitiveKind.Any } primitive)
            {
                entries.Add(new ProtoMetadata(name.ToLowerInvariant() + (primitive.Kind == PrimitiveKind.Bytes ? "-bin" : string.Empty), attribute, primitive.Kind));
            }
        }

        return entries.ToEquatableArray();
    }

    private string ObjectMessage(string name, ObjectSpec spec, string? description, EquatableArray<ProtoMetadata> metadata = default)
    {
        if (_byName.TryGetValue(name, out var existing))
        {
            if (existing.Source is not ObjectSource { Spec: var other, Metadata: var carried } || other.FullName != spec.FullName || !carried.Equals(metadata))
            {
                Problem($"two different messages of the \"{_service.Design.Name}\" service are named \"{name}\" in its .proto; rename one with Meta(\"grpc:message\", …) or Meta(\"grpc:request\"/\"grpc:response\", …)", _service.Design.Location);
            }

            return name;
        }

        var fields = new List<ProtoField>();
        var message = new ProtoMessage(name, description ?? spec.Description, fields, new ObjectSource(spec, metadata));
        Add(message);
        foreach (var attribute in spec.Type.Attributes)
        {
            if (metadata.Any(m => m.Attribute.Name == attribute.Name))
            {
                continue;
            }

            if (attribute.Type is UnionType && _model.Unions.FirstOrDefault(u => u.FullName == spec.PropertyTypes[attribute.Name]) is { } inline)
            {
                var group = new OneofGroup(ProtoNames.Identifier(attribute.Name), attribute, inline);
                foreach (var branch in inline.Type.Branches)
                {
                    if (UnionField(inline, branch, name + CSharp.Pascal(attribute.Name)) is { } field)
                    {
                        fields.Add(field with { Group = group });
                    }
                }

                continue;
            }

            if (attribute.FieldNumber is not { } number)
            {
                Problem($"attribute \"{attribute.Name}\" of {spec.DesignName} needs a field number to travel over gRPC; declare it with Field(n, …)", attribute.Location);
                continue;
            }

            var shape = Enum(attribute) ?? Shape(attribute.Type, spec.ClassName + CSharp.Pascal(attribute.Name), spec.PropertyTypes[attribute.Name], spec.Namespace, name + CSharp.Pascal(attribute.Name), attribute.Location);
            var required = spec.Type.IsRequired(attribute.Name) && (!spec.HasViews || spec.InEveryView(attribute.Name));
            var optional = shape is EnumShape || (shape is ScalarShape scalar && !(required && CodeModelBuilder.IsValueType(new PrimitiveType(scalar.Kind))));
            fields.Add(new ProtoField(ProtoNames.Identifier(attribute.Name), number, shape, optional, attribute.Description, attribute));
        }

        return name;
    }

    /// <summary>The message of a union: one oneof holding a field per branch.</summary>
    private string UnionMessage(string name, UnionSpec spec, string? description)
    {
        if (_byName.TryGetValue(name, out var existing))
        {
            if (existing.Source is not UnionSource { Spec: var other } || other.FullName != spec.FullName)
            {
                Problem($"two different messages of the \"{_service.Design.Name}\" service are named \"{name}\" in its .proto; rename one with Meta(\"grpc:message\", …)", _service.Design.Location);
            }

            return name;
        }

        var fields = new List<ProtoField>();
        Add(new ProtoMessage(name, description ?? spec.Description, fields, new UnionSource(spec)));
        foreach (var branch in spec.Type.Branches)
        {
            if (UnionField(spec, branch, name) is { } field)
            {
                fields.Add(field);
            }
        }

        return name;
    }

    /// <summary>The field of a union branch inside a oneof, or null (with a problem) when protobuf cannot carry it.</summary>
    private ProtoField? UnionField(UnionSpec spec, AttributeDesign branch, string messageName)
    {
        if (branch.FieldNumber is not { } number)
        {
            Problem($"branch \"{branch.Name}\" of the union {spec.DesignName} needs a field number to travel over gRPC; declare it with Field(n, …)", branch.Location);
            return null;
        }

        var shape = Enum(branch) ?? Shape(branch.Type, spec.ClassName + CSharp.Pascal(branch.Name), spec.BranchTypes[branch.Name], spec.Namespace, messageName + CSharp.Pascal(branch.Name), branch.Location);
        if (shape is RepeatedShape or MapShape)
        {
            Problem($"branch \"{branch.Name}\" of the union {spec.DesignName} is an array or a map, which a protobuf oneof cannot hold; wrap it in a Type", branch.Location);
            return null;
        }

        return new ProtoField(ProtoNames.Identifier(branch.Name), number, shape, Optional: false, branch.Description, branch);
    }

    private FieldShape Shape(DataType type, string inlineName, string typeRef, string ns, string messageName, SourceLocation location)
    {
        switch (type)
        {
            case PrimitiveType primitive:
                return new ScalarShape(primitive.Kind);
            case ArrayType array:
                var element = Enum(array.Element) ?? Shape(array.Element.Type, inlineName + "Item", string.Empty, ns, messageName + "Item", location);
                if (element is RepeatedShape or MapShape)
                {
                    Problem("an array of arrays or maps cannot travel in a gRPC message; wrap the inner collection in a Type", location);
                }

                return new RepeatedShape(element);
            case MapType map:
                var value = Shape(map.Value.Type, inlineName + "Value", string.Empty, ns, messageName + "Value", location);
                if (value is RepeatedShape or MapShape)
                {
                    Problem("a map of arrays or maps cannot travel in a gRPC message; wrap the inner collection in a Type", location);
                }

                if (_model.Design.Resolve(map.Key.Type) is not PrimitiveType { Kind: not (PrimitiveKind.Float32 or PrimitiveKind.Float64 or PrimitiveKind.Bytes) } key)
                {
                    Problem("a map key must be a string, an integer or a boolean to travel in a gRPC message", location);
                    return new MapShape(PrimitiveKind.String, value);
                }

                return new MapShape(key.Kind, value);
            case ObjectType:
                var spec = _model.Objects.First(o => o.FullName == $"global::{ns}.{inlineName}");
                return new MessageShape(ObjectMessage(messageName, spec, null));
            case UnionType:
                var inlineUnion = _model.Unions.First(u => u.FullName == $"global::{ns}.{inlineName}");
                return new MessageShape(UnionMessage(messageName, inlineUnion, null));
            case UserTypeRef reference:
                var user = _model.Objects.FirstOrDefault(o => o.Folder == "Types" && o.DesignName == reference.Name);
                if (user is not null)
                {
                    return new MessageShape(ObjectMessage(UserMessageName(reference.Name), user, null));
                }

                var userUnion = _model.Unions.FirstOrDefault(u => u.Folder == "Types" && u.DesignName == reference.Name);
                if (userUnion is not null)
                {
                    return new MessageShape(UnionMessage(UserMessageName(reference.Name), userUnion, null));
                }

                var resolved = _model.Design.FindType(reference.Name)!;
                return Shape(resolved.Type, CSharp.Pascal(resolved.Name), typeRef, _model.RootNamespace, messageName, location);
            default:
                throw new InvalidOperationException($"Unsupported type {type}.");
        }
    }

    /// <summary>
    /// The enum shape of a string attribute with <c>Enum</c> values and <c>Meta("grpc:enum", name)</c>: the proto enum
    /// numbers the values from 0 in design order. Null for any other attribute.
    /// </summary>
    private EnumShape? Enum(AttributeDesign attribute)
    {
        if (Meta(attribute.Meta, EnumKey) is not { } name)
        {
            return null;
        }

        if (_model.Design.Resolve(attribute.Type) is not PrimitiveType { Kind: PrimitiveKind.String } || attribute.Validation.EnumJson.Count == 0)
        {
            Problem($"Meta(\"{EnumKey}\", \"{name}\") needs a String attribute with Enum values", attribute.Location);
            return null;
        }

        var values = attribute.Validation.EnumJson.Select(v => System.Text.Json.JsonSerializer.Deserialize<string>(v)).ToList();

        if (values.Any(v => v is null || v != ProtoNames.Identifier(v)))
        {
            Problem($"the values of the proto enum \"{name}\" must be protobuf identifiers (letters, digits, underscores)", attribute.Location);
            return null;
        }

        var declared = new ProtoEnum(name, values.Select(v => v!).ToEquatableArray());
        if (_enums.FirstOrDefault(e => e.Name == name) is { } existing)
        {
            if (existing != declared)
            {
                Problem($"two different enums of the \"{_service.Design.Name}\" service are named \"{name}\" in its .proto; give them the same values or another name", attribute.Location);
            }
        }
        else
        {
            _enums.Add(declared);
        }

        return new EnumShape(name);
    }

    private string UserMessageName(string typeName) =>
        _model.Design.FindType(typeName) is { } type && Meta(type.Meta, MessageKey) is { } pinned ? pinned : ProtoNames.Type(typeName);

    private void Add(ProtoMessage message)
    {
        if (_byName.TryGetValue(message.Name, out var existing))
        {
            if (existing.Source != message.Source || existing.Fields.Count != message.Fields.Count)
            {
                Problem($"two different messages of the \"{_service.Design.Name}\" service are named \"{message.Name}\" in its .proto; rename one with Meta(\"grpc:request\"/\"grpc:response\", …)", _service.Design.Location);
            }

            return;
        }

        _byName[message.Name] = message;
        _messages.Add(message);
    }

    private void Problem(string message, SourceLocation location) =>
        _problems.Add(new DesignDiagnostic("SEROW910", message, location));

    private static string? Meta(EquatableArray<MetaEntry> meta, string key) =>
        meta.FirstOrDefault(m => m.Key == key) is { Values.Count: > 0 } entry ? entry.Values[0] : null;
}
