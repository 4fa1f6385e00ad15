// Licensed under the MIT license. See LICENSE in the project root.

using Serow.Codegen.Model;
using Serow.Design;

namespace Serow.Codegen.Http.Model;

/// <summary>Where a payload attribute travels in a request.</summary>
internal enum HttpSource
{
    Path,
    Query,
    Header,
    Cookie,
}

/// <summary>How the request body is formed.</summary>
internal enum HttpBody
{
    /// <summary>No body: every attribute comes from path, query or headers (or there is no payload).</summary>
    None,

    /// <summary>The whole payload is the body; mapped attributes are overridden by path, query and headers.</summary>
    Payload,

    /// <summary>One payload attribute is the body.</summary>
    Attribute,
}

/// <summary>A payload attribute read from the path, the query or a header.</summary>
internal sealed record HttpParamSpec(
    string Attribute,
    string Property,
    string WireName,
    HttpSource Source,
    string ValueType,
    bool IsList,
    bool ReportMissing);

/// <summary>How the results of a server stream become Server-Sent Events: the result properties behind each event field.</summary>
/// <param name="DataProperty">The property sent as <c>data</c>, or null for the whole result.</param>
/// <param name="DataType">The C# type of the data property (nullable when the property is), for its JSON metadata.</param>
/// <param name="DataIsText">Whether the data property is a string, sent as raw text.</param>
/// <param name="DataMayBeNull">Whether the data property is an optional reference.</param>
/// <param name="IdProperty">The property sent as <c>id</c>.</param>
/// <param name="EventProperty">The property sent as <c>event</c>.</param>
/// <param name="RetryProperty">The property sent as <c>retry</c>.</param>
/// <param name="RetryType">The C# integer type of the retry property.</param>
/// <param name="AnswersJson">Whether a request accepting JSON gets the results collected in one array.</param>
/// <param name="AnswersNdjson">Whether a request accepting NDJSON gets one JSON line per result.</param>
internal sealed record SseSpec(
    string? DataProperty,
    string? DataType,
    bool DataIsText,
    bool DataMayBeNull,
    string? IdProperty,
    string? EventProperty,
    string? RetryProperty,
    string? RetryType,
    bool AnswersJson,
    bool AnswersNdjson);

/// <summary>A result attribute written as a response header or cookie.</summary>
internal sealed record HttpResponseFieldSpec(string Attribute, string Property, string WireName, string ValueType, bool IsValueType, bool IsNullable);

/// <summary>A success response with its mappings: chosen by its tag, or the default one.</summary>
/// <param name="Status">The status code.</param>
/// <param name="TagProperty">The result property that selects it, or null for the default response.</param>
/// <param name="TagValue">The value that selects it.</param>
/// <param name="Headers">Result attributes written as headers.</param>
/// <param name="Cookies">Result attributes written as cookies.</param>
/// <param name="Cookie">The attributes of the cookies.</param>
internal sealed record HttpResponseSpec(
    int Status,
    string? TagProperty,
    string? TagValue,
    IReadOnlyList<HttpResponseFieldSpec> Headers,
    IReadOnlyList<HttpResponseFieldSpec> Cookies,
    HttpCookieDesign Cookie);

/// <summary>The HTTP mapping of one method, resolved.</summary>
internal sealed record HttpEndpointSpec(
    MethodSpec Method,
    IReadOnlyList<(string Verb, string Path)> Routes,
    IReadOnlyList<HttpParamSpec> Params,
    HttpBody Body,
    string? BodyAttribute,
    string? BodyProperty,
    string? BodyType,
    int SuccessStatus,
    IReadOnlyList<(string Error, int Status)> ErrorStatuses)
{
    /// <summary>Server-Sent Events settings, when the server stream is served as <c>text/event-stream</c>.</summary>
    public SseSpec? Sse { get; init; }

    /// <summary>The success responses of a unary method whose results travel partly in headers or cookies, or chosen by a tag; empty otherwise.</summary>
    public IReadOnlyList<HttpResponseSpec> MappedResponses { get; init; } = [];

    /// <summary>The wire names of the result attributes that travel in headers or cookies, never in the body.</summary>
    public IReadOnlyList<string> OmittedFromBody => MappedResponses.SelectMany(r => r.Headers.Concat(r.Cookies)).Select(f => f.Attribute).Distinct().ToList();

    /// <summary>The payload map property that receives the unmapped query parameters (<c>MapParams</c>), whether it keeps every value, and the names mapped elsewhere.</summary>
    public (string Property, bool Multi, IReadOnlyList<string> Mapped)? MapParams { get; init; }

    /// <summary>The media type of a raw response body.</summary>
    public string RawContentType { get; init; } = "application/octet-stream";

    public bool IsWebSocket => Method.Kind != StreamKind.None && Sse is null;

    public bool IsSse => Sse is not null;

    /// <summary>
    /// Whether a WebSocket server stream also answers as Server-Sent Events (each result's JSON as an event's data),
    /// for clients that ask for <c>text/event-stream</c> instead of an upgrade.
    /// </summary>
    public bool AlsoEvents => IsWebSocket && Method.Kind == StreamKind.Server;

    /// <summary>The event mapping of a server stream that also answers as Server-Sent Events: the whole result as JSON data.</summary>
    public static SseSpec WholeResultEvents { get; } = new(null, null, false, false, null, null, null, null, false, false);

    public bool PayloadIsObject => Method.Payload?.Object is not null;
}

/// <summary>A service's HTTP endpoints and the JSON types they exchange.</summary>
internal sealed record HttpServiceSpec(ServiceSpec Service, IReadOnlyList<HttpEndpointSpec> Endpoints, IReadOnlyList<string> JsonTypes)
{
    /// <summary>The static files the service serves, with their routes (API and service path prefixes applied).</summary>
    public IReadOnlyList<(FilesDesign Design, string Route)> Files { get; init; } = [];

    public string JsonContext => $"{Service.Name}JsonContext";

    public string Contracts => $"{Service.Name}HttpContracts";

    public string Server => $"{Service.Name}HttpServer";

    public string Client => $"{Service.Name}HttpClient";

    public string OptionsName => Service.Design.Name;

    public HttpEndpointSpec? Find(MethodSpec method) => Endpoints.FirstOrDefault(e => ReferenceEquals(e.Method, method));
}
