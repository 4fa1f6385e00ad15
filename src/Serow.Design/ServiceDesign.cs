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

    /// <summary>The static files the service serves over HTTP (<c>Files</c>).</summary>
    public EquatableArray<FilesDesign> Files { get; init; }

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

/// <summary>Static files served over HTTP: one file, or a directory under a <c>{*name}</c> wildcard route.</summary>
/// <param name="Path">The route, for example <c>/index.html</c> or <c>/static/{*path}</c>.</param>
/// <param name="FileName">The file, or the directory for a wildcard route; relative paths start at the app's content root.</param>
/// <param name="Description">The design's description, if any.</param>
/// <param name="Location">Where <c>Files</c> was declared.</param>
public sealed record FilesDesign(string Path, string FileName, string? Description, SourceLocation Location)
{
    /// <summary>The name of the wildcard variable, or null when the route serves one file.</summary>
    public string? Wildcard => Path.LastIndexOf("{*", StringComparison.Ordinal) is var at and >= 0 && Path.EndsWith('}') ? Path[(at + 2)..^1] : null;
}
