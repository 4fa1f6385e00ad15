// Licensed under the MIT license. See LICENSE in the project root.

namespace Serow.Design;

/// <summary>What an interceptor reads or writes: the payload, the result, or each message of a stream.</summary>
public enum InterceptorAccessKind
{
    /// <summary><c>ReadPayload</c>: reads attributes of the payload.</summary>
    ReadPayload,

    /// <summary><c>WritePayload</c>: writes attributes of the payload.</summary>
    WritePayload,

    /// <summary><c>ReadResult</c>: reads attributes of the result.</summary>
    ReadResult,

    /// <summary><c>WriteResult</c>: writes attributes of the result.</summary>
    WriteResult,

    /// <summary><c>ReadStreamingPayload</c>: reads attributes of each message the client streams.</summary>
    ReadStreamingPayload,

    /// <summary><c>WriteStreamingPayload</c>: writes attributes of each message the client streams.</summary>
    WriteStreamingPayload,

    /// <summary><c>ReadStreamingResult</c>: reads attributes of each streamed result.</summary>
    ReadStreamingResult,

    /// <summary><c>WriteStreamingResult</c>: writes attributes of each streamed result.</summary>
    WriteStreamingResult,
}

/// <summary>
/// An interceptor the design declares with <c>Interceptor</c>: a named piece of policy that runs around the calls of
/// the methods it is applied to (<see cref="MethodDesign.ServerInterceptors"/>, <see cref="MethodDesign.ClientInterceptors"/>)
/// and around each of their streamed messages, with typed access to exactly the attributes it lists.
/// </summary>
public sealed record InterceptorDesign
{
    /// <summary>The interceptor's name, unique in the design.</summary>
    public required string Name { get; init; }

    /// <summary>The design's description, if any.</summary>
    public string? Description { get; init; }

    /// <summary>What it reads and writes, in declaration order.</summary>
    public EquatableArray<InterceptorAccessDesign> Access { get; init; }

    /// <summary>Where it was declared.</summary>
    public required SourceLocation Location { get; init; }
}

/// <summary>One <c>ReadPayload</c>, <c>WriteResult</c>… of an interceptor, with the attributes it names.</summary>
/// <param name="Kind">What is accessed.</param>
/// <param name="Attributes">The attribute names, in declaration order.</param>
/// <param name="Location">Where it was declared.</param>
public sealed record InterceptorAccessDesign(InterceptorAccessKind Kind, EquatableArray<string> Attributes, SourceLocation Location);
