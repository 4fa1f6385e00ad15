// Licensed under the MIT license. See LICENSE in the project root.

using Serow.Codegen.Model;
using Serow.Design;

namespace Serow.Codegen.Grpc.Model;

// The .proto of a service as an object model: built once from the code model, printed by ProtoWriter, and read by the
// C# emitters, which need to know where each message comes from to convert it.

/// <summary>One .proto file: the gRPC view of one service.</summary>
internal sealed record ProtoFile(
    ServiceSpec Service,
    string Path,
    string Package,
    string CSharpNamespace,
    string ServiceName,
    IReadOnlyList<ProtoRpc> Rpcs,
    IReadOnlyList<ProtoMessage> Messages,
    IReadOnlyList<ProtoEnum> Enums);

/// <summary>One rpc and the messages its payload, stream and result travel in.</summary>
/// <param name="Method">The method.</param>
/// <param name="Name">The rpc's name.</param>
/// <param name="Request">The request message (the envelope for a stream with a one-shot payload).</param>
/// <param name="RequestStream">Whether the client streams.</param>
/// <param name="Response">The response message.</param>
/// <param name="ResponseStream">Whether the server streams.</param>
/// <param name="Payload">The message of the one-shot payload, or null when the method has none.</param>
/// <param name="StreamIn">The message of each client-streamed value, or null.</param>
/// <param name="Out">The message of each server-streamed value or of the result, or null when there is none.</param>
/// <param name="Envelope">Whether the request stream is an envelope whose first message carries the payload.</param>
internal sealed record ProtoRpc(
    MethodSpec Method,
    string Name,
    string Request,
    bool RequestStream,
    string Response,
    bool ResponseStream,
    string? Payload,
    string? StreamIn,
    string? Out,
    bool Envelope)
{
    /// <summary>The payload attributes carried in request metadata (<c>Metadata(…)</c> in the method's GRPC block).</summary>
    public EquatableArray<ProtoMetadata> Metadata { get; init; }

    /// <summary>The result attributes carried in response headers (<c>Headers</c> in <c>Response(code, block)</c>).</summary>
    public EquatableArray<ProtoMetadata> ResponseHeaders { get; init; }

    /// <summary>The result attributes carried in response trailers.</summary>
    public EquatableArray<ProtoMetadata> ResponseTrailers { get; init; }
}

/// <summary>A payload attribute carried in request metadata: its key (<c>-bin</c> for bytes) and primitive kind.</summary>
internal sealed record ProtoMetadata(string Key, AttributeDesign Attribute, PrimitiveKind Kind);

/// <summary>A message: fields in design order, and where its content comes from.</summary>
internal sealed record ProtoMessage(string Name, string? Comment, IReadOnlyList<ProtoField> Fields, MessageSource Source);

/// <summary>A proto enum: the allowed values of string attributes, numbered from 0 in design order.</summary>
/// <param name="Name">The enum's name.</param>
/// <param name="Values">The value names, in design order; value <c>i</c> is number <c>i</c>.</param>
internal sealed record ProtoEnum(string Name, EquatableArray<string> Values);

/// <summary>A field with its designed name and number.</summary>
internal sealed record ProtoField(string Name, int Number, FieldShape Shape, bool Optional, string? Comment, AttributeDesign? Attribute)
{
    /// <summary>The oneof of an inline <c>OneOf</c> this field is a branch of (its attribute is then the branch), or null.</summary>
    public OneofGroup? Group { get; init; }
}

/// <summary>An inline <c>OneOf</c> attribute of an object, written as a oneof of the object's message.</summary>
/// <param name="Name">The oneof's name.</param>
/// <param name="Attribute">The object's union attribute.</param>
/// <param name="Spec">The union's generated class.</param>
internal sealed record OneofGroup(string Name, AttributeDesign Attribute, UnionSpec Spec);

/// <summary>The protobuf shape of a field.</summary>
internal abstract record FieldShape;

/// <summary>A scalar field.</summary>
internal sealed record ScalarShape(PrimitiveKind Kind) : FieldShape;

/// <summary>A message field.</summary>
internal sealed record MessageShape(string Message) : FieldShape;

/// <summary>An enum field: a string attribute with <c>Enum</c> values and <c>Meta("grpc:enum", name)</c>.</summary>
internal sealed record EnumShape(string Enum) : FieldShape;

/// <summary>A repeated field of scalars or messages.</summary>
internal sealed record RepeatedShape(FieldShape Element) : FieldShape;

/// <summary>A map field.</summary>
internal sealed record MapShape(PrimitiveKind Key, FieldShape Value) : FieldShape;

/// <summary>Where a message's content comes from.</summary>
internal abstract record MessageSource;

/// <summary>A generated Serow class: one field per attribute, except those carried in request metadata.</summary>
internal sealed record ObjectSource(ObjectSpec Spec, EquatableArray<ProtoMetadata> Metadata = default) : MessageSource;

/// <summary>A union: one oneof whose fields are the branches.</summary>
internal sealed record UnionSource(UnionSpec Spec) : MessageSource
{
    /// <summary>The oneof's name: <c>value</c>, unless a branch already has that name.</summary>
    public string OneofName => Spec.Type.Find("value") is null ? "value" : "value_oneof";
}

/// <summary>A primitive, array or map payload or result wrapped in a message with one field.</summary>
internal sealed record WrapperSource(string TypeRef, bool IsValueType) : MessageSource;

/// <summary>An empty message: no payload or no result.</summary>
internal sealed record EmptySource : MessageSource;

/// <summary>A request stream envelope: the payload first, then the streamed messages.</summary>
internal sealed record EnvelopeSource(string Payload, string Message) : MessageSource;
