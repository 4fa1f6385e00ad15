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
    public bool IsWebSocket => Method.Kind != StreamKind.None;

    public bool PayloadIsObject => Method.Payload?.Object is not null;
}

/// <summary>A service's HTTP endpoints and the JSON types they exchange.</summary>
internal sealed record HttpServiceSpec(ServiceSpec Service, IReadOnlyList<HttpEndpointSpec> Endpoints, IReadOnlyList<string> JsonTypes)
{
    public string JsonContext => $"{Service.Name}JsonContext";

    public string Contracts => $"{Service.Name}HttpContracts";

    public string Server => $"{Service.Name}HttpServer";

    public string Client => $"{Service.Name}HttpClient";

    public string OptionsName => Service.Design.Name;

    public HttpEndpointSpec? Find(MethodSpec method) => Endpoints.FirstOrDefault(e => ReferenceEquals(e.Method, method));
}
