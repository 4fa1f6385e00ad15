// Licensed under the MIT license. See LICENSE in the project root.

using System.Text.RegularExpressions;
using Serow.Codegen.Writing;
using Serow.Design;

namespace Serow.Codegen.Http.Documents;

/// <summary>How a method's HTTP request and response travel.</summary>
internal enum HttpShape
{
    /// <summary>A request and one response.</summary>
    Unary,

    /// <summary>A WebSocket: a GET upgrade, then messages both ways.</summary>
    WebSocket,

    /// <summary>Server-Sent Events: a request, then a <c>text/event-stream</c> response.</summary>
    ServerSentEvents,
}

/// <summary>A payload attribute carried in the path, the query string or a header.</summary>
/// <param name="WireName">The parameter or header name on the wire.</param>
/// <param name="Attribute">The payload attribute.</param>
/// <param name="Required">Whether the payload requires it (path variables always are).</param>
internal sealed record HttpParameter(string WireName, AttributeDesign Attribute, bool Required);

/// <summary>The request body of a method.</summary>
/// <param name="Schema">The JSON body's schema, or null for a raw body.</param>
/// <param name="Raw">Whether the body is raw bytes (<c>SkipRequestBodyEncodeDecode</c>).</param>
/// <param name="Required">Whether the body must be sent.</param>
internal sealed record HttpBody(DocSchema? Schema, bool Raw, bool Required)
{
    /// <summary>Whether the body is <c>multipart/form-data</c> (<c>MultipartRequest</c>).</summary>
    public bool Multipart { get; init; }
}

/// <summary>The errors that share one HTTP status.</summary>
/// <param name="Status">The status code.</param>
/// <param name="Errors">The errors, each with its description, in design order.</param>
/// <param name="Schema">The body schema.</param>
internal sealed record HttpErrorResponse(int Status, IReadOnlyList<ErrorDesign> Errors, DocSchema Schema);

/// <summary>One HTTP-mapped method of a service, analysed once for both documents.</summary>
internal sealed record HttpOperation(
    ServiceDesign Service,
    MethodDesign Method,
    HttpEndpointDesign Http,
    HttpShape Shape,
    SseDesign? Sse,
    IReadOnlyList<(string Verb, string Path)> Routes,
    IReadOnlyList<HttpParameter> PathParameters,
    IReadOnlyList<HttpParameter> QueryParameters,
    IReadOnlyList<HttpParameter> Headers,
    IReadOnlyList<HttpParameter> Cookies,
    HttpBody? Body,
    IReadOnlyList<int> SuccessStatuses,
    IReadOnlyList<HttpErrorResponse> ErrorResponses)
{
    /// <summary>The operation's id: <c>service.method</c>.</summary>
    public string Id => $"{Service.Name}.{Method.Name}";

    /// <summary>A prefix for the names of the method's inline schemas.</summary>
    public string SchemaPrefix => CSharp.Pascal(Service.Name) + CSharp.Pascal(Method.Name);

    /// <summary>The views a streamed result may be sent in: the pinned one, or every view of the result type.</summary>
    public IReadOnlyList<string> StreamViews(DesignRoot design)
    {
        var target = Method.StreamingResult ?? (Method.StreamKind == StreamKind.Client ? Method.Result : null);
        if (target?.Type is not UserTypeRef reference || design.FindType(reference.Name) is not { Views.Count: > 0 } user)
        {
            return [];
        }

        return Method.ResultView is { } pinned ? [pinned] : user.Views.Select(v => v.Name).ToList();
    }
}

/// <summary>Analyses every HTTP-mapped method of a design: paths with prefixes, parameters, body, responses.</summary>
internal static partial class HttpOperations
{
    /// <summary>Every HTTP-mapped method, in design order.</summary>
    public static IReadOnlyList<HttpOperation> Of(DesignRoot design, SchemaMapper schemas) =>
        design.Services
            .SelectMany(s => s.Methods.Where(m => m.Http is not null).Select(m => Analyse(design, schemas, s, m, m.Http!)))
            .ToList();

    private static HttpOperation Analyse(DesignRoot design, SchemaMapper schemas, ServiceDesign service, MethodDesign method, HttpEndpointDesign http)
    {
        var sse = method.StreamKind == StreamKind.Server
            ? http.ServerSentEvents ?? service.Http?.ServerSentEvents ?? design.Api.Http?.ServerSentEvents
            : null;
        var shape = method.StreamKind == StreamKind.None ? HttpShape.Unary : sse is null ? HttpShape.WebSocket : HttpShape.ServerSentEvents;
        var prefix = design.PathPrefixOf(service);
        var routes = http.Routes.Select(r => (r.Method, Path: PathTemplate(prefix + r.Path))).ToList();

        var payload = method.Payload is null ? null : design.Resolve(method.Payload.Type) as ObjectType;
        var variables = http.Routes.SelectMany(r => PathVariable().Matches(prefix + r.Path)).Select(m => m.Groups[1].Value).Distinct().ToList();
        var pathParameters = new List<HttpParameter>();
        var queryParameters = new List<HttpParameter>();
        var headers = new List<HttpParameter>();
        if (http.MapParams is { } mapParams && payload?.Find(mapParams) is { } mapAttribute)
        {
            // An object in the query (style form, explode): each of its entries is a parameter of its own.
            queryParameters.Add(new HttpParameter(mapParams, mapAttribute, Required: false));
        }

        var mapped = new HashSet<string>(StringComparer.Ordinal);
        if (http.MapParams is { } mapName)
        {
            mapped.Add(mapName);
        }

        foreach (var variable in variables)
        {
            if (payload?.Find(variable) is { } attribute && mapped.Add(variable))
            {
                pathParameters.Add(new HttpParameter(variable, attribute, Required: true));
            }
        }

        foreach (var param in http.Params)
        {
            if (payload?.Find(param.Attribute) is { } attribute && mapped.Add(param.Attribute))
            {
                queryParameters.Add(new HttpParameter(param.WireName, attribute, payload.IsRequired(param.Attribute)));
            }
        }

        foreach (var header in http.Headers)
        {
            if (payload?.Find(header.Attribute) is { } attribute && mapped.Add(header.Attribute))
            {
                headers.Add(new HttpParameter(header.WireName, attribute, payload.IsRequired(header.Attribute)));
            }
        }

        var cookies = new List<HttpParameter>();
        foreach (var cookie in http.Cookies)
        {
            if (payload?.Find(cookie.Attribute) is { } attribute && mapped.Add(cookie.Attribute))
            {
                cookies.Add(new HttpParameter(cookie.WireName, attribute, payload.IsRequired(cookie.Attribute)));
            }
        }

        if (sse?.RequestIdAttribute is { } lastEventId && payload?.Find(lastEventId) is { } idAttribute && mapped.Add(lastEventId))
        {
            headers.Add(new HttpParameter("Last-Event-ID", idAttribute, Required: false));
        }

        var operation = new HttpOperation(service, method, http, shape, sse, routes, pathParameters, queryParameters, headers, cookies, null,
            http.Responses.Where(r => r.ErrorName is null).Select(r => r.StatusCode).Distinct().ToList(), []);
        return operation with
        {
            Body = Body(schemas, operation, payload, mapped),
            ErrorResponses = Errors(design, schemas, service, method, http),
        };
    }

    private static HttpBody? Body(SchemaMapper schemas, HttpOperation operation, ObjectType? payload, HashSet<string> mapped)
    {
        var http = operation.Http;
        var method = operation.Method;
        if (http.SkipRequestBodyEncodeDecode)
        {
            return new HttpBody(null, Raw: true, Required: true);
        }

        if (http.MultipartRequest)
        {
            return new HttpBody(new DocSchema { Type = "object", Description = "The parts, handed to the method one by one as they arrive." }, Raw: false, Required: true) { Multipart = true };
        }

        if (operation.Shape == HttpShape.WebSocket || http.BodyIsEmpty || method.Payload is not { } attribute)
        {
            return null;
        }

        if (http.BodyAttribute is { } bodyName)
        {
            return payload?.Find(bodyName) is { } body
                ? new HttpBody(schemas.Attribute(body, operation.SchemaPrefix + "Body"), Raw: false, payload.IsRequired(bodyName))
                : null;
        }

        if (payload is null)
        {
            return new HttpBody(schemas.Message(attribute, operation.SchemaPrefix + "Payload"), Raw: false, Required: true);
        }

        if (mapped.Count == 0)
        {
            return new HttpBody(schemas.Message(attribute, operation.SchemaPrefix + "Payload"), Raw: false, Required: payload.Required.Count > 0);
        }

        var rest = payload.Attributes.Where(a => !mapped.Contains(a.Name)).ToArray();
        if (rest.Length == 0)
        {
            return null;
        }

        var required = payload.Required.Where(r => !mapped.Contains(r)).ToArray();
        var bodyType = new ObjectType(new EquatableArray<AttributeDesign>(rest), new EquatableArray<string>(required));
        var description = $"The body of {operation.Id}: the payload attributes not carried in the path, query or headers.";
        return new HttpBody(schemas.Object(bodyType, operation.SchemaPrefix + "RequestBody", description), Raw: false, Required: required.Length > 0);
    }

    /// <summary>
    /// The error responses of a method: its own mappings first, then the service's and the API's shared ones for errors
    /// the method may return, grouped by status; plus 400 <c>invalid_message</c> when a payload is decoded and validated.
    /// </summary>
    private static IReadOnlyList<HttpErrorResponse> Errors(DesignRoot design, SchemaMapper schemas, ServiceDesign service, MethodDesign method, HttpEndpointDesign http)
    {
        var available = method.Errors.Concat(service.Errors).Concat(design.Api.Errors)
            .GroupBy(e => e.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var byStatus = new SortedDictionary<int, List<ErrorDesign>>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var mappings = http.Responses.Concat(service.Http?.Responses ?? []).Concat(design.Api.Http?.Responses ?? []);
        foreach (var mapping in mappings)
        {
            if (mapping.ErrorName is { } name && available.TryGetValue(name, out var error) && seen.Add(name))
            {
                Add(mapping.StatusCode, error);
            }
        }

        var decodes = method.Payload is not null || method.StreamingPayload is not null;
        if (decodes && seen.Add(InvalidMessage.Name))
        {
            Add(400, InvalidMessage);
        }

        return byStatus.Select(pair =>
        {
            var bodies = pair.Value.Select(e => schemas.Error(invalidMessage: e.Name == InvalidMessage.Name)).Distinct().ToList();
            var schema = bodies.Count == 1 ? bodies[0] : new DocSchema { AnyOf = bodies };
            return new HttpErrorResponse(pair.Key, pair.Value, schema);
        }).ToList();

        void Add(int status, ErrorDesign error)
        {
            if (!byStatus.TryGetValue(status, out var list))
            {
                byStatus[status] = list = [];
            }

            list.Add(error);
        }
    }

    /// <summary>The validation failure every transport reports for an invalid request or message.</summary>
    public static ErrorDesign InvalidMessage { get; } = new()
    {
        Name = "invalid_message",
        Description = "The request broke designed validation rules; the body lists every violation.",
        Location = new SourceLocation("<serow>", 0),
    };

    /// <summary>An OpenAPI/AsyncAPI path template: <c>{*name}</c> catch-all variables become <c>{name}</c>.</summary>
    private static string PathTemplate(string path)
    {
        var template = path.Replace("{*", "{", StringComparison.Ordinal);
        return template.StartsWith('/') ? template : "/" + template;
    }

    [GeneratedRegex(@"\{\*?([^}]+)\}")]
    private static partial Regex PathVariable();
}
