// Licensed under the MIT license. See LICENSE in the project root.

using System.Text.RegularExpressions;
using Serow.Codegen.Emitters;
using Serow.Codegen.Model;
using Serow.Design;

namespace Serow.Codegen.Http.Model;

/// <summary>Resolves the HTTP mappings of a design's methods: routes with prefixes, parameter sources, body and statuses.</summary>
internal static partial class HttpModelBuilder
{
    /// <summary>The method <c>Meta</c> key naming the media type of a raw response body.</summary>
    public const string ContentTypeMeta = "http:content-type";

    private const string SseLastEventIdHeader = "Last-Event-ID";

    public static IReadOnlyList<HttpServiceSpec> Build(CodeModel model)
    {
        var problems = new List<DesignDiagnostic>();
        var services = new List<HttpServiceSpec>();
        foreach (var service in model.Services)
        {
            var endpoints = service.Methods
                .Where(m => m.Design.Http is not null)
                .Select(m => Endpoint(model, service, m, problems))
                .ToList();
            if (endpoints.Count == 0 && service.Design.Files.Count == 0)
            {
                continue;
            }

            var json = new List<string>();
            foreach (var endpoint in endpoints)
            {
                var method = endpoint.Method;
                Add(json, method.Payload?.TypeRef);
                Add(json, endpoint.BodyType);
                Add(json, method.Kind == StreamKind.None && !method.RawResponse ? method.Result?.TypeRef : null);
                Add(json, endpoint.Sse?.DataIsText == false ? endpoint.Sse.DataType : null);
                Add(json, method.InType == KnownTypes.NoMessage ? null : method.InType);
                Add(json, method.OutType == KnownTypes.NoMessage ? null : method.OutType);
            }

            // A union's converter reads and writes each branch through the context, which must therefore know every
            // branch type (the System.Text.Json generator cannot see past a custom converter).
            foreach (var union in model.UnionsReachableFrom(json.ToList()))
            {
                foreach (var branchType in union.BranchTypes.Values)
                {
                    Add(json, branchType);
                }
            }

            var prefix = model.Design.PathPrefixOf(service.Design);
            services.Add(new HttpServiceSpec(service, endpoints, json)
            {
                Files = service.Design.Files.Select(f => (f, Normalize(prefix + f.Path))).ToList(),
            });
        }

        if (problems.Count > 0)
        {
            throw new CodegenException(problems);
        }

        return services;
    }

    /// <summary>The Server-Sent Events settings of a server-streaming method: its own, else its service's, else the API's.</summary>
    internal static SseDesign? SseOf(CodeModel model, ServiceSpec service, MethodSpec method) =>
        method.Kind == StreamKind.Server ? method.Design.Http?.ServerSentEvents ?? service.Design.Http?.ServerSentEvents ?? model.Design.Api.Http?.ServerSentEvents : null;

    private static void Add(List<string> types, string? type)
    {
        if (type is not null && !types.Contains(type))
        {
            types.Add(type);
        }
    }

    private static HttpEndpointSpec Endpoint(CodeModel model, ServiceSpec service, MethodSpec method, List<DesignDiagnostic> problems)
    {
        var http = method.Design.Http!;
        var prefix = model.Design.PathPrefixOf(service.Design);
        var routes = http.Routes.Select(r => (r.Method, Normalize(prefix + r.Path))).ToList();
        var payload = method.Payload?.Object;

        var pathVariables = routes.SelectMany(r => PathVariable().Matches(r.Item2).Select(m => m.Groups[1].Value)).Distinct().ToList();
        var parameters = new List<HttpParamSpec>();
        if (payload is not null)
        {
            foreach (var variable in pathVariables)
            {
                var attribute = http.Params.FirstOrDefault(p => p.WireName == variable)?.Attribute ?? variable;
                AddParam(model, payload, method, attribute, variable, HttpSource.Path, parameters, problems);
            }

            foreach (var param in http.Params.Where(p => !pathVariables.Contains(p.WireName)))
            {
                AddParam(model, payload, method, param.Attribute, param.WireName, HttpSource.Query, parameters, problems);
            }

            foreach (var header in http.Headers)
            {
                AddParam(model, payload, method, header.Attribute, header.WireName, HttpSource.Header, parameters, problems);
            }

            foreach (var cookie in http.Cookies)
            {
                AddParam(model, payload, method, cookie.Attribute, cookie.WireName, HttpSource.Cookie, parameters, problems);
            }
        }

        var sseDesign = SseOf(model, service, method);
        if (sseDesign?.RequestIdAttribute is { } requestId && payload is not null)
        {
            // Read last, so the Last-Event-ID header of a reconnecting client wins over a query or path value.
            AddParam(model, payload, method, requestId, SseLastEventIdHeader, HttpSource.Header, parameters, problems);
        }

        if (method.RawRequest && payload is not null)
        {
            foreach (var unmapped in payload.Type.Attributes.Where(a => parameters.All(p => p.Attribute != a.Name)))
            {
                problems.Add(new DesignDiagnostic("SEROW911",
                    $"{method.Design.Name} payload attribute \"{unmapped.Name}\": with SkipRequestBodyEncodeDecode the body is raw bytes, so every payload attribute must come from the path, Param or Header; map it",
                    unmapped.Location));
            }
        }

        if (method.RawResponse && method.Result is { } rawResult)
        {
            problems.Add(new DesignDiagnostic("SEROW912",
                $"{method.Design.Name}: with SkipResponseBodyEncodeDecode the implementation returns the raw body as a Stream, and the result has no place on the wire; remove the Result",
                rawResult.Attribute.Location));
        }

        var body = HttpBody.None;
        string? bodyAttribute = null, bodyProperty = null, bodyType = null;
        if ((method.Kind == StreamKind.None || sseDesign is not null) && !method.RawRequest && !method.Multipart && !http.BodyIsEmpty && method.Payload is { } message)
        {
            if (http.BodyAttribute is { } name && payload is not null)
            {
                body = HttpBody.Attribute;
                bodyAttribute = name;
                bodyProperty = TypeEmitter.PropertyName(payload, name);
                bodyType = payload.PropertyTypes[name];
            }
            else if (payload is null || payload.Type.Attributes.Any(a => parameters.All(p => p.Attribute != a.Name) && a.Name != http.MapParams))
            {
                body = HttpBody.Payload;
                bodyType = message.TypeRef;
            }
        }

        var success = http.Responses.FirstOrDefault(r => r.ErrorName is null)?.StatusCode
            ?? (method.Kind == StreamKind.None && method.Result is null ? 204 : 200);
        if (method.RawResponse && success == 204)
        {
            // A raw response has a body: the "no result" default of 204 becomes 200.
            success = 200;
        }

        var errors = new List<(string, int)>();
        foreach (var response in http.Responses.Concat(service.Design.Http?.Responses ?? default).Concat(model.Design.Api.Http?.Responses ?? default))
        {
            if (response.ErrorName is { } error && errors.All(e => e.Item1 != error))
            {
                errors.Add((error, response.StatusCode));
            }
        }

        return new HttpEndpointSpec(method, routes, parameters, body, bodyAttribute, bodyProperty, bodyType, success, errors)
        {
            MappedResponses = MappedResponses(model, method, http),
            MapParams = http.MapParams is { } mapParams && payload?.Type.Find(mapParams) is { } mapAttribute && model.Design.Resolve(mapAttribute.Type) is MapType mapType
                ? (TypeEmitter.PropertyName(payload, mapParams), model.Design.Resolve(mapType.Value.Type) is ArrayType, parameters.Where(p => p.Source == HttpSource.Query).Select(p => p.WireName).ToList())
                : null,
            Sse = sseDesign is null ? null : Sse(model, method, sseDesign),
            RawContentType = http.ContentType ?? method.Design.Meta.FirstOrDefault(m => m.Key == ContentTypeMeta)?.Values.FirstOrDefault() ?? "application/octet-stream",
        };
    }

    // Only a unary method with an object result maps result attributes to headers and cookies or tags its responses
    // (the design validator refused the others); the default (untagged) response comes last.
    private static List<HttpResponseSpec> MappedResponses(CodeModel model, MethodSpec method, HttpEndpointDesign http)
    {
        var successes = http.Responses.Where(r => r.ErrorName is null).ToList();
        if (method.Kind != StreamKind.None || method.Result?.Object is not { } result
            || successes.All(r => r.Headers.Count == 0 && r.Cookies.Count == 0 && r.Tag is null))
        {
            return [];
        }

        HttpResponseFieldSpec Field(HttpMappingDesign mapping)
        {
            var attribute = result.Type.Find(mapping.Attribute)!;
            var type = result.PropertyTypes[mapping.Attribute];
            var isValue = TypeEmitter.IsValueTypeName(type);
            var nullable = TypeEmitter.DeclaredPropertyType(result, mapping.Attribute).EndsWith('?');
            return new HttpResponseFieldSpec(attribute.Name, TypeEmitter.PropertyName(result, attribute.Name), mapping.WireName, type, isValue, nullable);
        }

        return successes
            .OrderBy(r => r.Tag is null)
            .Select(r => new HttpResponseSpec(
                r.StatusCode,
                r.Tag is { } tag ? TypeEmitter.PropertyName(result, tag.Attribute) : null,
                r.Tag?.Value,
                r.Headers.Select(Field).ToList(),
                r.Cookies.Select(Field).ToList(),
                r.Cookie))
            .ToList();
    }

    private static SseSpec Sse(CodeModel model, MethodSpec method, SseDesign sse)
    {
        var result = method.StreamingResult!.Object;
        string? Property(string? attribute) => attribute is not null && result is not null ? TypeEmitter.PropertyName(result, attribute) : null;
        string? dataType = null;
        bool dataIsText = false, dataMayBeNull = false;
        if (sse.DataAttribute is { } data && result?.Type.Find(data) is { } attribute)
        {
            var resolved = model.Design.Resolve(attribute.Type);
            var required = result.Type.IsRequired(data) || attribute.DefaultJson is not null;
            var isValue = resolved is PrimitiveType primitive && CodeModelBuilder.IsValueType(primitive);
            dataType = result.PropertyTypes[data] + (isValue && !required ? "?" : string.Empty);
            dataIsText = resolved is PrimitiveType { Kind: PrimitiveKind.String };
            dataMayBeNull = !isValue && !required;
        }

        return new SseSpec(
            Property(sse.DataAttribute),
            dataType,
            dataIsText,
            dataMayBeNull,
            Property(sse.IdAttribute),
            Property(sse.EventAttribute),
            Property(sse.RetryAttribute),
            sse.RetryAttribute is { } retry && result is not null ? result.PropertyTypes[retry] : null,
            sse.AnswersJson,
            sse.AnswersNdjson);
    }

    private static void AddParam(CodeModel model, ObjectSpec payload, MethodSpec method, string attribute, string wire, HttpSource source, List<HttpParamSpec> parameters, List<DesignDiagnostic> problems)
    {
        if (payload.Type.Find(attribute) is not { } design || parameters.Any(p => p.Attribute == attribute && p.Source == source))
        {
            return;
        }

        var resolved = model.Design.Resolve(design.Type);
        var required = payload.Type.IsRequired(attribute);
        switch (resolved)
        {
            case PrimitiveType primitive:
                parameters.Add(new HttpParamSpec(attribute, TypeEmitter.PropertyName(payload, attribute), wire, source,
                    CodeModelBuilder.Primitive(primitive.Kind), IsList: false, ReportMissing: required && CodeModelBuilder.IsValueType(primitive)));
                break;
            case ArrayType { Element.Type: var element } when source == HttpSource.Query && model.Design.Resolve(element) is PrimitiveType item:
                parameters.Add(new HttpParamSpec(attribute, TypeEmitter.PropertyName(payload, attribute), wire, source,
                    CodeModelBuilder.Primitive(item.Kind), IsList: true, ReportMissing: false));
                break;
            default:
                problems.Add(new DesignDiagnostic("SEROW910",
                    $"{method.Design.Name} payload attribute \"{attribute}\": only primitives (and arrays of primitives in the query) can be read from {source.ToString().ToLowerInvariant()} parameters; map it to the body instead",
                    design.Location));
                break;
        }
    }

    /// <summary>Routes always start with one slash and never end with one (except the root).</summary>
    private static string Normalize(string path)
    {
        var trimmed = "/" + path.Trim('/');
        return trimmed.Replace("//", "/", StringComparison.Ordinal);
    }

    [GeneratedRegex(@"\{\*?([^{}*/]+)\}")]
    private static partial Regex PathVariable();
}
