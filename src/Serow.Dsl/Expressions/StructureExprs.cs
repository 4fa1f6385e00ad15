// Licensed under the MIT license. See LICENSE in the project root.

using Serow.Design;

namespace Serow.Dsl.Expressions;

/// <summary>The API while the design is being evaluated.</summary>
internal sealed class ApiExpr : ILabeled
{
    public required string Name { get; init; }

    public string? Title { get; set; }

    public string? Description { get; set; }

    public string? Version { get; set; }

    public (ApiContactDesign Value, SourceLocation Location)? Contact { get; set; }

    public (ApiLicenseDesign Value, SourceLocation Location)? License { get; set; }

    public (string Value, SourceLocation Location)? TermsOfService { get; set; }

    public (ApiDocsDesign Value, SourceLocation Location)? Docs { get; set; }

    public List<ErrorExpr> Errors { get; } = [];

    public List<ServerExpr> Servers { get; } = [];

    public HttpServiceExpr? Http { get; set; }

    public SecurityExpr Security { get; } = new();

    public InterceptorUseExpr Interceptors { get; } = new();

    public List<MetaEntry> Meta { get; } = [];

    public required SourceLocation Location { get; init; }

    public Action? Block { get; set; }

    public string Label => $"API \"{Name}\"";
}

/// <summary>A server (<c>Server</c>) while the design is being evaluated.</summary>
internal sealed class ServerExpr : ILabeled
{
    public required string Name { get; init; }

    public string? Description { get; set; }

    public List<NameRef> Services { get; } = [];

    public List<HostExpr> Hosts { get; } = [];

    public required SourceLocation Location { get; init; }

    public string Label => $"server \"{Name}\"";
}

/// <summary>A host of a server (<c>Host</c>) while the design is being evaluated.</summary>
internal sealed class HostExpr : ILabeled
{
    public required string Name { get; init; }

    public string? Description { get; set; }

    public List<(string Uri, SourceLocation Location)> Uris { get; } = [];

    public List<AttributeExpr> Variables { get; } = [];

    public required SourceLocation Location { get; init; }

    public required ServerExpr Server { get; init; }

    public string Label => $"{Server.Label} host \"{Name}\"";
}

/// <summary>A service while the design is being evaluated.</summary>
internal sealed class ServiceExpr : ILabeled
{
    public required string Name { get; init; }

    public string? Description { get; set; }

    public List<MethodExpr> Methods { get; } = [];

    public List<ErrorExpr> Errors { get; } = [];

    public List<FilesExpr> Files { get; } = [];

    public HttpServiceExpr? Http { get; set; }

    public GrpcServiceExpr? Grpc { get; set; }

    public SecurityExpr Security { get; } = new();

    public InterceptorUseExpr Interceptors { get; } = new();

    public List<MetaEntry> Meta { get; } = [];

    public required SourceLocation Location { get; init; }

    public Action? Block { get; set; }

    public string Label => $"service \"{Name}\"";
}

/// <summary>Static files a service serves over HTTP (<c>Files</c>).</summary>
internal sealed class FilesExpr : ILabeled
{
    public required string Path { get; init; }

    public required string FileName { get; init; }

    public string? Description { get; set; }

    public required SourceLocation Location { get; init; }

    public required string Label { get; init; }
}

/// <summary>A method while the design is being evaluated.</summary>
internal sealed class MethodExpr : ILabeled
{
    public required ServiceExpr Service { get; init; }

    public required string Name { get; init; }

    public string? Description { get; set; }

    public AttributeExpr? Payload { get; set; }

    public AttributeExpr? Result { get; set; }

    public AttributeExpr? StreamingPayload { get; set; }

    public AttributeExpr? StreamingResult { get; set; }

    public NameRef? ResultView { get; set; }

    /// <summary>Where results carry their position and where the payload takes the one to resume after (<c>Resumable</c>).</summary>
    public ResumableExpr? Resumable { get; set; }

    /// <summary>The attribute (Result or StreamingResult) whose block pinned the view.</summary>
    public AttributeExpr? ResultViewOwner { get; set; }

    public List<ErrorExpr> Errors { get; } = [];

    public HttpEndpointExpr? Http { get; set; }

    public GrpcEndpointExpr? Grpc { get; set; }

    public SecurityExpr Security { get; } = new();

    public InterceptorUseExpr Interceptors { get; } = new();

    public List<MetaEntry> Meta { get; } = [];

    public required SourceLocation Location { get; init; }

    public string Label => $"{Service.Label} method \"{Name}\"";

    public bool IsStreaming => StreamingPayload is not null || StreamingResult is not null;

    public StreamKind Kind => (StreamingPayload, StreamingResult) switch
    {
        (null, null) => StreamKind.None,
        (not null, null) => StreamKind.Client,
        (null, not null) => StreamKind.Server,
        _ => StreamKind.Bidirectional,
    };
}

/// <summary>A resumable server stream: the result attribute holding each result's position, the payload attribute receiving the position to resume after.</summary>
internal sealed record ResumableExpr(NameRef Position, NameRef ResumeAfter, SourceLocation Location);

/// <summary>An error while the design is being evaluated.</summary>
internal sealed class ErrorExpr : ILabeled
{
    public required string Name { get; init; }

    public string? Description { get; set; }

    public TypeExpr? Type { get; init; }

    public bool Temporary { get; set; }

    public bool Timeout { get; set; }

    public bool Fault { get; set; }

    public required SourceLocation Location { get; init; }

    public required string Label { get; init; }
}

/// <summary>A view of a result type while the design is being evaluated.</summary>
internal sealed class ViewExpr : ILabeled
{
    public required string Name { get; init; }

    public List<NameRef> Attributes { get; } = [];

    /// <summary>A view declared without a block keeps every attribute.</summary>
    public bool AllAttributes { get; set; }

    public required SourceLocation Location { get; init; }

    public required string Label { get; init; }
}
