// Licensed under the MIT license. See LICENSE in the project root.

namespace Serow.Design;

/// <summary>How a method streams; derived from <c>StreamingPayload</c> and <c>StreamingResult</c>, never declared.</summary>
public enum StreamKind
{
    /// <summary>A unary method: one payload, one result.</summary>
    None,

    /// <summary>Client streaming: the client sends a stream (<c>StreamingPayload</c> only).</summary>
    Client,

    /// <summary>Server streaming: the server sends a stream (<c>StreamingResult</c> only).</summary>
    Server,

    /// <summary>Bidirectional streaming: both sides send streams.</summary>
    Bidirectional,
}
