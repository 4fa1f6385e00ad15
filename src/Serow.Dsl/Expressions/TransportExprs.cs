// Licensed under the MIT license. See LICENSE in the project root.

using Serow.Design;

namespace Serow.Dsl.Expressions;

/// <summary>An HTTP response mapping; a success response's block maps result attributes to headers and cookies.</summary>
internal sealed record HttpResponseExpr(int Status, string? ErrorName, SourceLocation Location) : ILabeled
{
    public List<HttpMappingExpr> Headers { get; } = [];

    public List<HttpMappingExpr> Cookies { get; } = [];

    public HttpCookieDesign Cookie { get; set; } = new();

    public (HttpTagDesign Tag, SourceLocation Location)? Tag { get; set; }

    /// <summary>Where the block ran, for diagnostics.</summary>
    public string Label { get; init; } = $"Response({Status})";

    /// <summary>Whether a block mapped anything (then the method must have an object result).</summary>
    public bool HasMappings => Headers.Count > 0 || Cookies.Count > 0 || Tag is not null || Cookie != new HttpCookieDesign();
}

/// <summary>An HTTP parameter or header mapping.</summary>
internal sealed record HttpMappingExpr(string Attribute, string WireName, SourceLocation Location);

/// <summary>An HTTP route.</summary>
internal sealed record HttpRouteExpr(string Method, string Path, SourceLocation Location);

/// <summary>A gRPC response mapping.</summary>
internal sealed record GrpcResponseExpr(GrpcCode Code, string? ErrorName, SourceLocation Location);

/// <summary>API- or service-level HTTP settings.</summary>
internal sealed class HttpServiceExpr : ILabeled
{
    public string? PathPrefix { get; set; }

    public NameRef? Parent { get; set; }

    public NameRef? CanonicalMethod { get; set; }

    public List<HttpResponseExpr> Responses { get; } = [];

    public SseExpr? Sse { get; set; }

    public required SourceLocation Location { get; init; }

    public required string Label { get; init; }
}

/// <summary>A method's HTTP mapping.</summary>
internal sealed class HttpEndpointExpr : ILabeled
{
    public List<HttpRouteExpr> Routes { get; } = [];

    public List<HttpMappingExpr> Params { get; } = [];

    public List<HttpMappingExpr> Headers { get; } = [];

    public List<HttpMappingExpr> Cookies { get; } = [];

    public NameRef? Body { get; set; }

    public SourceLocation? NoBody { get; set; }

    public List<HttpResponseExpr> Responses { get; } = [];

    public SourceLocation? SkipRequest { get; set; }

    public SourceLocation? SkipResponse { get; set; }

    public SseExpr? Sse { get; set; }

    public (string Url, int Status, SourceLocation Location)? Redirect { get; set; }

    public SourceLocation? Multipart { get; set; }

    public (string MediaType, SourceLocation Location)? ContentType { get; set; }

    public NameRef? MapParams { get; set; }

    public required SourceLocation Location { get; init; }

    public required string Label { get; init; }
}

/// <summary>Server-Sent Events settings.</summary>
internal sealed class SseExpr : ILabeled
{
    public NameRef? Data { get; set; }

    public NameRef? Id { get; set; }

    public NameRef? Event { get; set; }

    public NameRef? Retry { get; set; }

    public NameRef? RequestId { get; set; }

    /// <summary>Where <c>AnswerJSON</c> was called, if it was.</summary>
    public SourceLocation? AnswerJson { get; set; }

    /// <summary>Where <c>AnswerNDJSON</c> was called, if it was.</summary>
    public SourceLocation? AnswerNdjson { get; set; }

    public required SourceLocation Location { get; init; }

    public required string Label { get; init; }
}

/// <summary>A service's gRPC settings.</summary>
internal sealed class GrpcServiceExpr : ILabeled
{
    public List<GrpcResponseExpr> Responses { get; } = [];

    public required SourceLocation Location { get; init; }

    public required string Label { get; init; }
}

/// <summary>A method's gRPC mapping.</summary>
internal sealed class GrpcEndpointExpr : ILabeled
{
    public List<GrpcResponseExpr> Responses { get; } = [];

    public List<NameRef> Metadata { get; } = [];

    public List<NameRef> Message { get; } = [];

    public List<NameRef> ResponseHeaders { get; } = [];

    public List<NameRef> ResponseTrailers { get; } = [];

    public required SourceLocation Location { get; init; }

    public required string Label { get; init; }
}

/// <summary>The block of a method's gRPC success response (<c>Response(code, block)</c>): where Headers and Trailers go.</summary>
internal sealed class GrpcResponseBlockExpr(GrpcEndpointExpr endpoint, string label) : ILabeled
{
    public GrpcEndpointExpr Endpoint { get; } = endpoint;

    public string Label { get; } = label;
}

/// <summary>A block that lists attribute names (<c>Metadata</c>, <c>Message</c>).</summary>
internal sealed class NameListExpr(List<NameRef> names, string label) : ILabeled
{
    public List<NameRef> Names { get; } = names;

    public string Label { get; } = label;
}
