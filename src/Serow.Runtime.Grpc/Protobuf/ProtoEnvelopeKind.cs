// Licensed under the MIT license. See LICENSE in the project root.

namespace Serow.Grpc.Protobuf;

/// <summary>Which field of its <c>oneof</c> a <see cref="ProtoEnvelope{TPayload, TMessage}"/> carries.</summary>
public enum ProtoEnvelopeKind
{
    /// <summary>Neither.</summary>
    None,

    /// <summary>The one-shot payload (field 1).</summary>
    Payload,

    /// <summary>A streamed message (field 2).</summary>
    Message,
}
