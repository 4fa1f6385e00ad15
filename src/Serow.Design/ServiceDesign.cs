// Licensed under the MIT license. See LICENSE in the project root.

namespace Serow.Design;

/// <summary>A group of methods.</summary>
public sealed record ServiceDesign
{
    /// <summary>The service's name as designed (for example <c>monitor</c>).</summary>
    public required string Name { get; init; }

    /// <summary>The design's description, if any.</summary>
    public string? Description { get; init; }

    /// <summary>The methods, in declaration order.</summary>
    public EquatableArray<MethodDesign> Methods { get; init; }

    /// <summary>Errors every method of the service may return.</summary>
    public EquatableArray<ErrorDesign> Errors { get; init; }

    /// <summary>Service-wide HTTP settings, if the service declares an <c>HTTP</c> block.</summary>
    public HttpServiceDesign? Http { get; init; }

    /// <summary>Service-wide gRPC settings, if the service declares a <c>GRPC</c> block.</summary>
    public GrpcServiceDesign? Grpc { get; init; }

    /// <summary>The security requirements of the service's methods that set none of their own; empty to use the API's.</summary>
    public EquatableArray<SecurityRequirementDesign> Security { get; init; }

    /// <summary>Whether <c>NoSecurity()</c> lifts the API's requirements from the service's methods.</summary>
    public bool NoSecurity { get; init; }

    /// <summary>The interceptors applied on the server to every method of the service, in declaration order.</summary>
    public EquatableArray<string> ServerInterceptors { get; init; }

    /// <summary>The interceptors applied in the generated clients to every method of the service, in declaration order.</summary>
    public EquatableArray<string> ClientInterceptors { get; init; }

    /// <summary>Generator hints.</summary>
    public EquatableArray<MetaEntry> Meta { get; init; }

    /// <summary>Where the service was declared.</summary>
    public required SourceLocation Location { get; init; }
}
