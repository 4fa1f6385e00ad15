// Licensed under the MIT license. See LICENSE in the project root.

namespace Serow.Design;

/// <summary>One operation of a service.</summary>
public sealed record MethodDesign
{
    /// <summary>The method's name as designed (for example <c>watch</c>).</summary>
    public required string Name { get; init; }

    /// <summary>The design's description, if any.</summary>
    public string? Description { get; init; }

    /// <summary>The one-shot payload; for a streaming method, the data sent once when the stream opens.</summary>
    public AttributeDesign? Payload { get; init; }

    /// <summary>The one-shot result; for a client-streaming method, the final reply.</summary>
    public AttributeDesign? Result { get; init; }

    /// <summary>The type of every message the client sends on the stream.</summary>
    public AttributeDesign? StreamingPayload { get; init; }

    /// <summary>The type of every message the server sends on the stream.</summary>
    public AttributeDesign? StreamingResult { get; init; }

    /// <summary>The view pinned with <c>View</c> inside <c>Result</c> or <c>StreamingResult</c>, if any.</summary>
    public string? ResultView { get; init; }

    /// <summary>How a resumable server stream carries positions and resumes (<c>Resumable</c>), or null.</summary>
    public ResumableDesign? Resumable { get; init; }

    /// <summary>The stream kind, derived from the streaming payload and result.</summary>
    public StreamKind StreamKind => (StreamingPayload, StreamingResult) switch
    {
        (null, null) => StreamKind.None,
        (not null, null) => StreamKind.Client,
        (null, not null) => StreamKind.Server,
        _ => StreamKind.Bidirectional,
    };

    /// <summary>Errors declared on the method (service- and API-level errors are on their own elements).</summary>
    public EquatableArray<ErrorDesign> Errors { get; init; }

    /// <summary>The HTTP mapping, or null when the method is not served over HTTP.</summary>
    public HttpEndpointDesign? Http { get; init; }

    /// <summary>The gRPC mapping, or null when the method is not served over gRPC.</summary>
    public GrpcEndpointDesign? Grpc { get; init; }

    /// <summary>The method's own security requirements; empty to use the service's or the API's.</summary>
    public EquatableArray<SecurityRequirementDesign> Security { get; init; }

    /// <summary>Whether <c>NoSecurity()</c> makes the method public whatever its service and API require.</summary>
    public bool NoSecurity { get; init; }

    /// <summary>The interceptors the method's own block applies on the server, in declaration order.</summary>
    public EquatableArray<string> ServerInterceptors { get; init; }

    /// <summary>The interceptors the method's own block applies in the generated clients, in declaration order.</summary>
    public EquatableArray<string> ClientInterceptors { get; init; }

    /// <summary>Generator hints.</summary>
    public EquatableArray<MetaEntry> Meta { get; init; }

    /// <summary>Where the method was declared.</summary>
    public required SourceLocation Location { get; init; }
}
