// Licensed under the MIT license. See LICENSE in the project root.

using System.Text.RegularExpressions;
using Serow.Design;
using Serow.Dsl.Expressions;

namespace Serow.Dsl;

/// <content>HTTP rules.</content>
internal sealed partial class DesignValidator
{
    private void ValidateHttp(MethodExpr method, HttpEndpointExpr http)
    {
        var payload = method.Payload is null ? null : AsObject(method.Payload.Type);
        var routeVariables = new List<NameRef>();
        var prefix = (model.Api.Http?.PathPrefix ?? string.Empty) + ServicePrefix(method.Service, 0);
        foreach (var route in http.Routes)
        {
            foreach (Match match in PathVariable().Matches(prefix + route.Path))
            {
                var name = match.Groups[1].Value;
                routeVariables.Add(new NameRef(name, route.Location));
                if (payload?.Find(name) is null)
                {
                    Report(
                        DiagnosticIds.UnknownPathVariable,
                        $"{method.Label} HTTP route \"{route.Method} {prefix + route.Path}\": path variable \"{name}\" is not a payload attribute; add Attribute(\"{name}\") to the Payload or fix the path",
                        route.Location);
                }
            }
        }

        var mappings = http.Params.Select(p => ("Param", p)).Concat(http.Headers.Select(h => ("Header", h))).Concat(http.Cookies.Select(c => ("Cookie", c)));
        if (http.Body is { } body)
        {
            mappings = mappings.Append(("Body", new HttpMappingExpr(body.Name, body.Name, body.Location)));
        }

        foreach (var (verb, mapping) in mappings)
        {
            if (payload?.Find(mapping.Attribute) is null)
            {
                var why = method.Payload is null ? "the method has no payload"
                    : payload is null ? $"the payload is {Describe(method.Payload.Type)}, not an object"
                    : "the payload has no such attribute";
                Report(
                    DiagnosticIds.UnknownHttpAttribute,
                    $"{method.Label} payload attribute \"{mapping.Attribute}\": {verb} names an attribute that cannot be mapped ({why}); declare it in the Payload or fix the name",
                    mapping.Location);
            }
        }

        foreach (var cookie in http.Cookies)
        {
            if (payload?.Find(cookie.Attribute) is { } attribute && Resolve(attribute.Type) is not PrimitiveTypeExpr { Kind: not (PrimitiveKind.Any or PrimitiveKind.Bytes) })
            {
                Report(DiagnosticIds.HttpResponseMapping, $"{method.Label} payload attribute \"{cookie.Attribute}\": a cookie carries a primitive (not Bytes or Any), but the type is {Describe(attribute.Type)}", cookie.Location);
            }
        }

        ValidateResponses(method, http);
        ValidateRedirect(method, http);
        if (http.MapParams is { } mapParams)
        {
            var ok = payload?.Find(mapParams.Name) is { } map && Resolve(map.Type) is MapTypeExpr { Key.Type: null or PrimitiveTypeExpr { Kind: PrimitiveKind.String } } mapType
                && (Resolve(mapType.Value.Type) is null or PrimitiveTypeExpr { Kind: PrimitiveKind.String }
                    || Resolve(mapType.Value.Type) is ArrayTypeExpr { Element.Type: null or PrimitiveTypeExpr { Kind: PrimitiveKind.String } });
            if (!ok)
            {
                Report(DiagnosticIds.UnknownHttpAttribute, $"{method.Label}: MapParams(\"{mapParams.Name}\") needs a payload attribute of type MapOf(String, String) or MapOf(String, ArrayOf(String))", mapParams.Location);
            }
            else if (method.IsStreaming && http.Sse is null && method.Kind != StreamKind.Server)
            {
                Report(DiagnosticIds.UnknownHttpAttribute, $"{method.Label}: MapParams reads the query of a request; use it on a unary or server-streaming method", mapParams.Location);
            }
        }
        if (http.ContentType is { } contentType && http.SkipResponse is null)
        {
            Report(DiagnosticIds.FilesOrRedirect, $"{method.Label}: ContentType names the media type of a raw response body, but the method's response is JSON; add SkipResponseBodyEncodeDecode or remove ContentType", contentType.Location);
        }
        var outsideBody = OutsideBody(http, routeVariables);
        ValidateMultipart(method, http, payload, outsideBody);
        if (http.Routes.FirstOrDefault(r => r.Method == "HEAD") is { } head)
        {
            var why = method.Result is not null || method.IsStreaming ? "the method has a result or a stream"
                : http.NoBody is null && payload?.Attributes.FirstOrDefault(a => !outsideBody.Contains(a.Name)) is { } unmapped ? $"payload attribute \"{unmapped.Name}\" would travel in a body; map it with Param, Header or Cookie"
                : method.Payload is not null && payload is null ? "the payload is not an object whose attributes map to the path, query, headers or cookies"
                : null;
            if (why is not null)
            {
                Report(DiagnosticIds.HttpResponseMapping, $"{method.Label} HTTP route \"HEAD {head.Path}\": a HEAD request and its response have no body, but {why}", head.Location);
            }
        }
        ValidateSkip(method, http);
        var sse = http.Sse ?? (method.Kind == StreamKind.Server ? method.Service.Http?.Sse ?? model.Api.Http?.Sse : null);
        if (http.Sse is { } declared && method.Kind != StreamKind.Server)
        {
            var why = method.Kind == StreamKind.None
                ? "the method does not stream; declare a StreamingResult"
                : "Server-Sent Events only flow from server to client; remove ServerSentEvents to use a WebSocket, or drop the StreamingPayload";
            Report(DiagnosticIds.SseNotServerStreaming, $"{method.Label}: ServerSentEvents needs a server-streaming method: {why}", declared.Location);
        }
        else if (sse is not null && method.Kind == StreamKind.Server)
        {
            ValidateSse(method, sse);
        }

        if (method.IsStreaming)
        {
            foreach (var extra in http.Responses.Where(r => r.ErrorName is null && r.Status < 400).Skip(1))
            {
                Report(
                    DiagnosticIds.StreamingSuccessResponses,
                    $"{method.Label} HTTP: a streaming endpoint has a single success response, but status {extra.Status} is a second one; keep one success Response",
                    extra.Location);
            }
        }

        if (method.IsStreaming && sse is null)
        {
            ValidateWebSocket(method, http, payload, routeVariables);
        }
    }

    // The service's own prefix under its parent's canonical route; a broken chain stops (it is reported once, below).
    private string ServicePrefix(ServiceExpr service, int depth)
    {
        var own = service.Http?.PathPrefix ?? string.Empty;
        if (service.Http?.Parent is not { } parentName || depth > 16 || model.Services.FirstOrDefault(s => s.Name == parentName.Name) is not { } parent)
        {
            return own;
        }

        var canonical = parent.Http?.CanonicalMethod?.Name ?? "show";
        var route = parent.Methods.FirstOrDefault(m => m.Name == canonical)?.Http?.Routes.FirstOrDefault()?.Path ?? string.Empty;
        return ServicePrefix(parent, depth + 1) + route.TrimEnd('/') + own;
    }

    private void ValidateParent(ServiceExpr service)
    {
        if (service.Http?.CanonicalMethod is { } declared && service.Methods.FirstOrDefault(m => m.Name == declared.Name) is not { Http.Routes.Count: > 0 })
        {
            Report(DiagnosticIds.ParentRoute, $"{service.Label}: CanonicalMethod(\"{declared.Name}\") names no method of the service with an HTTP route", declared.Location);
        }

        if (service.Http?.Parent is not { } parentName)
        {
            return;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal) { service.Name };
        for (var current = parentName; current is not null;)
        {
            if (model.Services.FirstOrDefault(s => s.Name == current.Name) is not { } parent)
            {
                Report(DiagnosticIds.ParentRoute, $"{service.Label}: Parent(\"{current.Name}\") names a service the design does not declare", parentName.Location);
                return;
            }

            if (!seen.Add(parent.Name))
            {
                Report(DiagnosticIds.ParentRoute, $"{service.Label}: Parent makes a cycle through {parent.Label}; a service cannot nest under itself", parentName.Location);
                return;
            }

            var canonical = parent.Http?.CanonicalMethod?.Name ?? "show";
            if (parent.Methods.FirstOrDefault(m => m.Name == canonical) is not { Http.Routes.Count: > 0 })
            {
                Report(DiagnosticIds.ParentRoute, $"{service.Label}: Parent(\"{parent.Name}\") needs the parent's canonical method \"{canonical}\" with an HTTP route; declare it, or name another with CanonicalMethod in the parent's HTTP block", parentName.Location);
                return;
            }

            current = parent.Http?.Parent;
        }
    }

    private void ValidateFiles(ServiceExpr service)
    {
        Duplicates(service.Files, f => f.Path, f => f.Location, (f, first) => $"{f.Label} is declared twice (first at {first.Location}); serve each route once");
        foreach (var files in service.Files)
        {
            var variables = PathVariable().Matches(files.Path);
            var wildcard = files.Path.EndsWith('}') && files.Path.LastIndexOf("{*", StringComparison.Ordinal) >= 0;
            if (!files.Path.StartsWith('/') || variables.Count > (wildcard ? 1 : 0) || (variables.Count == 1 && !wildcard))
            {
                Report(
                    DiagnosticIds.FilesOrRedirect,
                    $"{files.Label}: the route starts with / and has no variable other than a final {{*name}} wildcard (which serves the files under a directory)",
                    files.Location);
            }

            if (string.IsNullOrWhiteSpace(files.FileName))
            {
                Report(DiagnosticIds.FilesOrRedirect, $"{files.Label}: Files needs the file (or, for a wildcard route, the directory) to serve", files.Location);
            }
        }
    }

    // The payload attributes that travel in the path, the query, headers or cookies: those a body never carries.
    private static HashSet<string> OutsideBody(HttpEndpointExpr http, List<NameRef> routeVariables) =>
        routeVariables.Select(v => v.Name)
            .Concat(http.Params.Concat(http.Headers).Concat(http.Cookies).Select(m => m.Attribute))
            .Concat(http.MapParams is { } map ? [map.Name] : [])
            .ToHashSet(StringComparer.Ordinal);

    private void ValidateMultipart(MethodExpr method, HttpEndpointExpr http, ObjectTypeExpr? payload, HashSet<string> mapped)
    {
        if (http.Multipart is not { } location)
        {
            return;
        }

        var why = method.IsStreaming ? "the method streams"
            : method.Grpc is not null ? "the method is also served over gRPC, which has no multipart body"
            : http.SkipRequest is not null ? "the method already receives the raw body (SkipRequestBodyEncodeDecode)"
            : http.Body is not null ? "Body maps a payload attribute to the body"
            : method.Payload is not null && payload is null ? "the payload is not an object whose attributes map to the path, query, headers or cookies"
            : payload?.Attributes.FirstOrDefault(a => !mapped.Contains(a.Name)) is { } unmapped ? $"payload attribute \"{unmapped.Name}\" would need the body; map it with Param, Header or Cookie"
            : null;
        if (why is not null)
        {
            Report(DiagnosticIds.FilesOrRedirect, $"{method.Label}: MultipartRequest hands the body's parts to the method, but {why}", location);
        }
    }

    private void ValidateRedirect(MethodExpr method, HttpEndpointExpr http)
    {
        if (http.Redirect is not { } redirect)
        {
            return;
        }

        var why = method.IsStreaming ? "the method streams"
            : method.Result is not null ? "the method has a result, which a redirect never carries"
            : method.Grpc is not null ? "the method is also served over gRPC, which has no redirect"
            : http.SkipRequest is not null || http.SkipResponse is not null ? "the method has a raw body"
            : null;
        if (why is not null)
        {
            Report(DiagnosticIds.FilesOrRedirect, $"{method.Label}: Redirect answers an HTTP request without calling the method, but {why}", redirect.Location);
        }
    }

    // Response(status, block): result attributes to headers and cookies, and the tag that selects a response.
    private void ValidateResponses(MethodExpr method, HttpEndpointExpr http)
    {
        var successes = http.Responses.Where(r => r.ErrorName is null).ToList();
        var result = method.Result is null ? null : AsObject(method.Result.Type);
        foreach (var response in successes.Where(r => r.HasMappings))
        {
            if (method.IsStreaming || http.SkipResponse is not null || result is null)
            {
                var why = method.IsStreaming ? "the method streams" : http.SkipResponse is not null ? "the response body is raw (SkipResponseBodyEncodeDecode)" : "the method has no object result";
                Report(DiagnosticIds.HttpResponseMapping, $"{response.Label}: response headers, cookies and tags need a unary method with an object result, but {why}", response.Location);
                continue;
            }

            foreach (var (verb, mapping) in response.Headers.Select(h => ("Header", h)).Concat(response.Cookies.Select(c => ("Cookie", c))))
            {
                if (result.Find(mapping.Attribute) is not { } attribute)
                {
                    Report(DiagnosticIds.HttpResponseMapping, $"{response.Label}: {verb} names result attribute \"{mapping.Attribute}\", which the result does not have (it has {string.Join(", ", result.Attributes.Select(a => $"\"{a.Name}\""))})", mapping.Location);
                }
                else if (Resolve(attribute.Type) is not PrimitiveTypeExpr { Kind: not (PrimitiveKind.Any or PrimitiveKind.Bytes) })
                {
                    Report(DiagnosticIds.HttpResponseMapping, $"{response.Label}: {verb} \"{mapping.Attribute}\" carries a primitive (not Bytes or Any), but the type is {Describe(attribute.Type)}", mapping.Location);
                }
            }

            if (response.Tag is ({ } tag, var location) && Resolve(result.Find(tag.Attribute)?.Type) is not PrimitiveTypeExpr { Kind: PrimitiveKind.String })
            {
                Report(DiagnosticIds.HttpResponseMapping, $"{response.Label}: Tag needs a String attribute of the result, but \"{tag.Attribute}\" is {(result.Find(tag.Attribute) is { } found ? Describe(found.Type) : "not an attribute of the result")}", location);
            }
        }

        if (!method.IsStreaming)
        {
            foreach (var extra in successes.Where(r => r.Tag is null).Skip(1))
            {
                Report(DiagnosticIds.HttpResponseMapping, $"{extra.Label}: only one success response may be untagged; select the others with Tag(attribute, value)", extra.Location);
            }

            foreach (var group in successes.Where(r => r.Tag is not null).GroupBy(r => r.Tag!.Value.Tag).Where(g => g.Count() > 1))
            {
                Report(DiagnosticIds.HttpResponseMapping, $"{group.Last().Label}: Tag(\"{group.Key.Attribute}\", \"{group.Key.Value}\") already selects another response", group.Last().Location);
            }

            if (successes.Count > 0 && successes.All(r => r.Tag is not null))
            {
                Report(DiagnosticIds.HttpResponseMapping, $"{successes[0].Label}: every success response is tagged; add one without a Tag for the other results", successes[0].Location);
            }
        }
    }

    private void ValidateSkip(MethodExpr method, HttpEndpointExpr http)
    {
        foreach (var (verb, location) in new[] { ("SkipRequestBodyEncodeDecode", http.SkipRequest), ("SkipResponseBodyEncodeDecode", http.SkipResponse) })
        {
            if (location is null)
            {
                continue;
            }

            if (method.IsStreaming)
            {
                var stream = method.Kind switch
                {
                    StreamKind.Client => "StreamingPayload",
                    StreamKind.Server => "StreamingResult",
                    _ => "StreamingPayload and StreamingResult",
                };
                Report(
                    DiagnosticIds.SkipWithStreaming,
                    $"{method.Label}: remove {verb}, or drop the {stream}: raw bodies and typed streams cannot be combined",
                    location);
            }

            if (method.Grpc is not null)
            {
                Report(
                    DiagnosticIds.SkipWithGrpc,
                    $"{method.Label}: {verb} cannot be used on a method that is also served over gRPC; remove {verb} or the GRPC mapping",
                    location);
            }

            if (verb == "SkipResponseBodyEncodeDecode" && method.Result?.Type is UserTypeExpr { IsResult: true } result && result.EffectiveViews.Count > 1)
            {
                Report(
                    DiagnosticIds.SkipResponseMultiView,
                    $"{method.Label}: SkipResponseBodyEncodeDecode cannot be used with {result.Label}, which has several views; use a result type with a single view or remove SkipResponseBodyEncodeDecode",
                    location);
            }
        }
    }

    private void ValidateWebSocket(MethodExpr method, HttpEndpointExpr http, ObjectTypeExpr? payload, List<NameRef> routeVariables)
    {
        foreach (var route in http.Routes.Where(r => r.Method != "GET"))
        {
            Report(
                DiagnosticIds.WebSocketNotGet,
                $"{method.Label} HTTP route \"{route.Method} {route.Path}\": streaming over HTTP uses a WebSocket; use GET: WebSocket upgrades are GET requests",
                route.Location);
        }

        if (http.Body is { } body)
        {
            Report(
                DiagnosticIds.WebSocketRequestBody,
                $"{method.Label} payload attribute \"{body.Name}\": a WebSocket upgrade request has no body; map the attribute with Param or Header instead of Body",
                body.Location);
        }
        else if (method.Payload is { } payloadAttribute)
        {
            if (payload is null)
            {
                Report(
                    DiagnosticIds.WebSocketRequestBody,
                    $"{method.Label} payload: a WebSocket upgrade request has no body, and a {Describe(payloadAttribute.Type)} payload cannot map to path, query or headers; use an object payload whose attributes are mapped with Param or Header",
                    payloadAttribute.Location);
            }
            else
            {
                var mapped = routeVariables.Select(v => v.Name).Concat(http.Params.Select(p => p.Attribute)).Concat(http.Headers.Select(h => h.Attribute)).ToHashSet(StringComparer.Ordinal);
                foreach (var attribute in payload.Attributes.Where(a => !mapped.Contains(a.Name)))
                {
                    Report(
                        DiagnosticIds.WebSocketRequestBody,
                        $"{attribute.Label}: a WebSocket upgrade request has no body; map the attribute with Param(\"{attribute.Name}\"), Header(\"{attribute.Name}\") or a path variable",
                        attribute.Location);
                }
            }
        }

        var result = method.StreamingResult ?? method.Result;
        if (method.StreamingPayload is not null && method.ResultView is null
            && result?.Type is UserTypeExpr { IsResult: true } resultType && resultType.EffectiveViews.Count > 1)
        {
            Report(
                DiagnosticIds.WebSocketViewNotPinned,
                $"{method.Label}: {resultType.Label} has several views, and with a StreamingPayload over WebSocket the view must be chosen in the design; pin one with View(\"name\") inside the result block",
                result.Location);
        }
    }

    private void ValidateSse(MethodExpr method, SseExpr sse)
    {
        var result = AsObject(method.StreamingResult!.Type);
        var payload = method.Payload is null ? null : AsObject(method.Payload.Type);
        void Check(string verb, NameRef? field, ObjectTypeExpr? owner, string ownerWords, Func<PrimitiveTypeExpr?, bool>? typeOk, string typeWords)
        {
            if (field is null)
            {
                return;
            }

            var attribute = owner?.Find(field.Name);
            if (attribute is null)
            {
                Report(
                    DiagnosticIds.UnknownSseAttribute,
                    $"{method.Label} {ownerWords} attribute \"{field.Name}\": {verb} names an attribute that does not exist in the {ownerWords}; declare it or fix the name",
                    field.Location);
            }
            else if (typeOk is not null && !typeOk(Resolve(attribute.Type) as PrimitiveTypeExpr))
            {
                Report(
                    DiagnosticIds.SseFieldType,
                    $"{attribute.Label}: {verb} needs {typeWords}, but the type is {Describe(attribute.Type)}; change the attribute's type or map another attribute",
                    field.Location);
            }
        }

        Check("SSEEventData", sse.Data, result, "streaming result", null, string.Empty);
        Check("SSEEventID", sse.Id, result, "streaming result", p => p?.Kind == PrimitiveKind.String, "a String");
        Check("SSEEventType", sse.Event, result, "streaming result", p => p?.Kind == PrimitiveKind.String, "a String");
        Check("SSEEventRetry", sse.Retry, result, "streaming result", p => p?.IsInteger == true, "an integer type");
        Check("SSERequestID", sse.RequestId, payload, "payload", p => p?.Kind == PrimitiveKind.String, "a String");
    }

    [GeneratedRegex(@"\{\*?([^}]+)\}")]
    private static partial Regex PathVariable();
}
