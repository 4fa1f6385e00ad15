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
        var prefix = (model.Api.Http?.PathPrefix ?? string.Empty) + (method.Service.Http?.PathPrefix ?? string.Empty);
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

        var mappings = http.Params.Select(p => ("Param", p)).Concat(http.Headers.Select(h => ("Header", h)));
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
