// Licensed under the MIT license. See LICENSE in the project root.

namespace Serow.Design;

/// <summary>The API that groups every service of a design.</summary>
public sealed record ApiDesign
{
    /// <summary>The API's name; <c>api</c> when the design declares none.</summary>
    public required string Name { get; init; }

    /// <summary>A short title.</summary>
    public string? Title { get; init; }

    /// <summary>The design's description, if any.</summary>
    public string? Description { get; init; }

    /// <summary>The API's version string.</summary>
    public string? Version { get; init; }

    /// <summary>Who to contact about the API (<c>Contact</c>), if declared.</summary>
    public ApiContactDesign? Contact { get; init; }

    /// <summary>The API's license (<c>License</c>), if declared.</summary>
    public ApiLicenseDesign? License { get; init; }

    /// <summary>The URL of the API's terms of service (<c>TermsOfService</c>), if declared.</summary>
    public string? TermsOfService { get; init; }

    /// <summary>Further documentation (<c>Docs</c>), if declared.</summary>
    public ApiDocsDesign? Docs { get; init; }

    /// <summary>Errors every method of every service may return.</summary>
    public EquatableArray<ErrorDesign> Errors { get; init; }

    /// <summary>The servers declared with <c>Server</c>, in declaration order.</summary>
    public EquatableArray<ServerDesign> Servers { get; init; }

    /// <summary>API-wide HTTP settings.</summary>
    public HttpServiceDesign? Http { get; init; }

    /// <summary>The security requirements of every method that sets none of its own (any one of them suffices).</summary>
    public EquatableArray<SecurityRequirementDesign> Security { get; init; }

    /// <summary>The interceptors applied on the server to every method of the API, in declaration order.</summary>
    public EquatableArray<string> ServerInterceptors { get; init; }

    /// <summary>The interceptors applied in the generated clients to every method of the API, in declaration order.</summary>
    public EquatableArray<string> ClientInterceptors { get; init; }

    /// <summary>Generator hints.</summary>
    public EquatableArray<MetaEntry> Meta { get; init; }

    /// <summary>Where the API was declared.</summary>
    public required SourceLocation Location { get; init; }
}
