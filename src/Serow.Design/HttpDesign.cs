// Licensed under the MIT license. See LICENSE in the project root.

namespace Serow.Design;

/// <summary>The HTTP mapping of one method.</summary>
public sealed record HttpEndpointDesign
{
    /// <summary>The routes: verb and path, in declaration order.</summary>
    public EquatableArray<HttpRouteDesign> Routes { get; init; }

    /// <summary>Payload attributes read from path or query parameters.</summary>
    public EquatableArray<HttpMappingDesign> Params { get; init; }

    /// <summary>Payload attributes read from request headers.</summary>
    public EquatableArray<HttpMappingDesign> Headers { get; init; }

    /// <summary>Payload attributes read from request cookies (<c>Cookie</c> in the method's HTTP block).</summary>
    public EquatableArray<HttpMappingDesign> Cookies { get; init; }

    /// <summary>The request body: the whole payload when null, a single attribute when set, nothing when <see cref="BodyIsEmpty"/>.</summary>
    public string? BodyAttribute { get; init; }

    /// <summary>Whether the design declared that the request has no body.</summary>
    public bool BodyIsEmpty { get; init; }

    /// <summary>The declared responses (success and error mappings).</summary>
    public EquatableArray<HttpResponseDesign> Responses { get; init; }

    /// <summary>The payload map attribute that receives the query parameters mapped to nothing else (<c>MapParams</c>), or null.</summary>
    public string? MapParams { get; init; }

    /// <summary>The media type of a raw response body (<c>ContentType</c>), or null.</summary>
    public string? ContentType { get; init; }

    /// <summary>Whether the request body is multipart, its parts handed to the method as they arrive (<c>MultipartRequest</c>).</summary>
    public bool MultipartRequest { get; init; }

    /// <summary>Whether the method receives the raw request body as a stream.</summary>
    public bool SkipRequestBodyEncodeDecode { get; init; }

    /// <summary>Whether the method returns a raw stream written straight to the response body.</summary>
    public bool SkipResponseBodyEncodeDecode { get; init; }

    /// <summary>Server-Sent Events settings, when the server stream is served as <c>text/event-stream</c>.</summary>
    public SseDesign? ServerSentEvents { get; init; }

    /// <summary>The redirect the endpoint answers with instead of calling the method (<c>Redirect</c>), or null.</summary>
    public HttpRedirectDesign? Redirect { get; init; }

    /// <summary>Where the <c>HTTP</c> block was declared.</summary>
    public required SourceLocation Location { get; init; }
}

/// <summary>An HTTP verb and path.</summary>
/// <param name="Method">The verb in upper case (<c>GET</c>, <c>POST</c>, …).</param>
/// <param name="Path">The path template, for example <c>/logs/{topic}/stream</c>.</param>
/// <param name="Location">Where the route was declared.</param>
public sealed record HttpRouteDesign(string Method, string Path, SourceLocation Location);

/// <summary>A payload attribute mapped to a parameter or header.</summary>
/// <param name="Attribute">The payload attribute's name.</param>
/// <param name="WireName">The parameter or header name on the wire.</param>
/// <param name="Location">Where the mapping was declared.</param>
public sealed record HttpMappingDesign(string Attribute, string WireName, SourceLocation Location);

/// <summary>An HTTP response: a success status, or the status an error maps to.</summary>
/// <param name="StatusCode">The HTTP status code.</param>
/// <param name="ErrorName">The error the response maps, or null for the success response.</param>
/// <param name="Location">Where the response was declared.</param>
public sealed record HttpResponseDesign(int StatusCode, string? ErrorName, SourceLocation Location)
{
    /// <summary>Result attributes written as response headers (and left out of the body).</summary>
    public EquatableArray<HttpMappingDesign> Headers { get; init; }

    /// <summary>Result attributes written as response cookies (and left out of the body).</summary>
    public EquatableArray<HttpMappingDesign> Cookies { get; init; }

    /// <summary>The attributes of the response's cookies.</summary>
    public HttpCookieDesign Cookie { get; init; } = new();

    /// <summary>The result attribute and value that select this response (<c>Tag</c>), or null for the default response.</summary>
    public HttpTagDesign? Tag { get; init; }
}

/// <summary>The attributes of the cookies a response sets (<c>CookieMaxAge</c>, <c>CookieSecure</c>, …).</summary>
public sealed record HttpCookieDesign
{
    /// <summary>Max-Age in seconds, or null for a session cookie.</summary>
    public int? MaxAge { get; init; }

    /// <summary>Whether the cookie is sent over HTTPS only.</summary>
    public bool Secure { get; init; }

    /// <summary>Whether scripts cannot read the cookie.</summary>
    public bool HttpOnly { get; init; }

    /// <summary>The Domain attribute, if any.</summary>
    public string? Domain { get; init; }

    /// <summary>The Path attribute, if any.</summary>
    public string? Path { get; init; }

    /// <summary>The SameSite attribute (<c>Strict</c>, <c>Lax</c> or <c>None</c>), if any.</summary>
    public string? SameSite { get; init; }
}

/// <summary>A response chosen when a result attribute has a value.</summary>
/// <param name="Attribute">The result attribute (a String).</param>
/// <param name="Value">The value that selects the response.</param>
public sealed record HttpTagDesign(string Attribute, string Value);

/// <summary>Server-Sent Events mapping of a server stream's result attributes.</summary>
public sealed record SseDesign
{
    /// <summary>The result attribute sent as the event's <c>data</c>, or null for the whole result.</summary>
    public string? DataAttribute { get; init; }

    /// <summary>The result attribute sent as the event's <c>id</c>.</summary>
    public string? IdAttribute { get; init; }

    /// <summary>The result attribute sent as the event's <c>event</c> type.</summary>
    public string? EventAttribute { get; init; }

    /// <summary>The result attribute sent as the event's <c>retry</c>.</summary>
    public string? RetryAttribute { get; init; }

    /// <summary>The payload attribute that receives the <c>Last-Event-ID</c> header.</summary>
    public string? RequestIdAttribute { get; init; }

    /// <summary>Whether a request accepting <c>application/json</c> gets every result in one JSON array (<c>AnswerJSON</c>).</summary>
    public bool AnswersJson { get; init; }

    /// <summary>Whether a request accepting <c>application/x-ndjson</c> gets one JSON line per result (<c>AnswerNDJSON</c>).</summary>
    public bool AnswersNdjson { get; init; }

    /// <summary>Where <c>ServerSentEvents</c> was declared.</summary>
    public required SourceLocation Location { get; init; }
}

/// <summary>HTTP settings shared by every method of a service or API.</summary>
public sealed record HttpServiceDesign
{
    /// <summary>A path prefix for every route.</summary>
    public string? PathPrefix { get; init; }

    /// <summary>The parent service whose canonical route prefixes this service's routes (<c>Parent</c>), or null.</summary>
    public string? Parent { get; init; }

    /// <summary>The method whose route is the service's canonical route (<c>CanonicalMethod</c>; <c>show</c> when not declared).</summary>
    public string? CanonicalMethod { get; init; }

    /// <summary>Error mappings shared by every method.</summary>
    public EquatableArray<HttpResponseDesign> Responses { get; init; }

    /// <summary>Server-Sent Events for every server-streaming method, unless a method says otherwise.</summary>
    public SseDesign? ServerSentEvents { get; init; }

    /// <summary>Where the <c>HTTP</c> block was declared.</summary>
    public required SourceLocation Location { get; init; }
}

/// <summary>A redirect an HTTP endpoint answers with.</summary>
/// <param name="Url">The <c>Location</c>.</param>
/// <param name="StatusCode">301, 302, 303, 307 or 308.</param>
public sealed record HttpRedirectDesign(string Url, int StatusCode);
