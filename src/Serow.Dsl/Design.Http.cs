// Licensed under the MIT license. See LICENSE in the project root.

using Serow.Design;
using Serow.Dsl.Expressions;

namespace Serow.Dsl;

/// <content>The HTTP transport.</content>
public abstract partial class Design
{
    /// <summary>HTTP 200 OK.</summary>
    protected const int StatusOK = 200;

    /// <summary>HTTP 201 Created.</summary>
    protected const int StatusCreated = 201;

    /// <summary>HTTP 202 Accepted.</summary>
    protected const int StatusAccepted = 202;

    /// <summary>HTTP 204 No Content.</summary>
    protected const int StatusNoContent = 204;

    /// <summary>HTTP 400 Bad Request.</summary>
    protected const int StatusBadRequest = 400;

    /// <summary>HTTP 401 Unauthorized.</summary>
    protected const int StatusUnauthorized = 401;

    /// <summary>HTTP 403 Forbidden.</summary>
    protected const int StatusForbidden = 403;

    /// <summary>HTTP 404 Not Found.</summary>
    protected const int StatusNotFound = 404;

    /// <summary>HTTP 409 Conflict.</summary>
    protected const int StatusConflict = 409;

    /// <summary>HTTP 408 Request Timeout.</summary>
    protected const int StatusRequestTimeout = 408;

    /// <summary>HTTP 422 Unprocessable Entity.</summary>
    protected const int StatusUnprocessableEntity = 422;

    /// <summary>HTTP 429 Too Many Requests.</summary>
    protected const int StatusTooManyRequests = 429;

    /// <summary>HTTP 500 Internal Server Error.</summary>
    protected const int StatusInternalServerError = 500;

    /// <summary>HTTP 501 Not Implemented.</summary>
    protected const int StatusNotImplemented = 501;

    /// <summary>HTTP 503 Service Unavailable.</summary>
    protected const int StatusServiceUnavailable = 503;

    /// <summary>HTTP 504 Gateway Timeout.</summary>
    protected const int StatusGatewayTimeout = 504;

    /// <summary>Declares the HTTP mapping of the current API, service or method.</summary>
    /// <param name="block">Declares routes, parameters, responses and Server-Sent Events.</param>
    protected void HTTP(Action block)
    {
        var location = SourceLocator.Capture();
        object? http = Recorder.Top switch
        {
            ApiExpr api => api.Http ??= new HttpServiceExpr { Location = location, Label = api.Label + " HTTP" },
            ServiceExpr service => service.Http ??= new HttpServiceExpr { Location = location, Label = service.Label + " HTTP" },
            MethodExpr method => method.Http ??= new HttpEndpointExpr { Location = location, Label = method.Label + " HTTP" },
            _ => null,
        };
        if (http is null)
        {
            WrongPlace("HTTP", "an API, Service or Method block", location);
            return;
        }

        Recorder.Run(http, block, location);
    }

    /// <summary>Maps the method to <c>GET path</c>.</summary>
    /// <param name="path">The path template, for example <c>/logs/{topic}/stream</c>.</param>
    protected void GET(string path) => Route("GET", path);

    /// <summary>Maps the method to <c>POST path</c>.</summary>
    /// <param name="path">The path template.</param>
    protected void POST(string path) => Route("POST", path);

    /// <summary>Maps the method to <c>PUT path</c>.</summary>
    /// <param name="path">The path template.</param>
    protected void PUT(string path) => Route("PUT", path);

    /// <summary>Maps the method to <c>PATCH path</c>.</summary>
    /// <param name="path">The path template.</param>
    protected void PATCH(string path) => Route("PATCH", path);

    /// <summary>Maps the method to <c>DELETE path</c>.</summary>
    /// <param name="path">The path template.</param>
    protected void DELETE(string path) => Route("DELETE", path);

    /// <summary>Maps the method to <c>HEAD path</c>: no request or response body, so the method has no result and its payload travels in the path, query, headers and cookies.</summary>
    /// <param name="path">The path template.</param>
    protected void HEAD(string path) => Route("HEAD", path);

    /// <summary>Maps the method to <c>OPTIONS path</c>.</summary>
    /// <param name="path">The path template.</param>
    protected void OPTIONS(string path) => Route("OPTIONS", path);

    /// <summary>Sets the path prefix of every route of the API or service.</summary>
    /// <param name="prefix">The prefix, for example <c>/v1</c>.</param>
    protected void Path(string prefix)
    {
        if (Current<HttpServiceExpr>("Path", "an API or Service HTTP block", SourceLocator.Capture()) is { } http)
        {
            http.PathPrefix = prefix;
        }
    }

    /// <summary>
    /// Nests the service's routes under the canonical route of <paramref name="service"/> (its <c>CanonicalMethod</c>'s
    /// path, itself under that service's prefix): <c>/posts/{id}/comments</c>. Use inside a service's <c>HTTP</c>.
    /// </summary>
    /// <param name="service">The parent service.</param>
    protected void Parent(string service)
    {
        var location = SourceLocator.Capture();
        if (Current<HttpServiceExpr>("Parent", "a Service HTTP block", location) is { } http)
        {
            http.Parent = new NameRef(service ?? string.Empty, location);
        }
    }

    /// <summary>Names the method whose route is the service's canonical route, used by child services' <c>Parent</c> (<c>show</c> when not declared).</summary>
    /// <param name="method">The method.</param>
    protected void CanonicalMethod(string method)
    {
        var location = SourceLocator.Capture();
        if (Current<HttpServiceExpr>("CanonicalMethod", "a Service HTTP block", location) is { } http)
        {
            http.CanonicalMethod = new NameRef(method ?? string.Empty, location);
        }
    }

    /// <summary>Reads a payload attribute from a path or query parameter; <c>"attr:wire"</c> renames it on the wire.</summary>
    /// <param name="name">The attribute name, optionally followed by <c>:</c> and the wire name.</param>
    protected void Param(string name) => Mapping("Param", name, http => http.Params);

    /// <summary>Reads a payload attribute from a request header; <c>"attr:Wire-Name"</c> names the header.</summary>
    /// <param name="name">The attribute name, optionally followed by <c>:</c> and the header name.</param>
    protected void Header(string name)
    {
        if (Recorder.Top is HttpResponseExpr response)
        {
            ResponseMapping("Header", name, response.Headers);
            return;
        }

        Mapping("Header", name, http => http.Headers);
    }

    /// <summary>
    /// In a method's HTTP block, reads a payload attribute from a request cookie; in a <c>Response</c> block, writes a
    /// result attribute as a response cookie. <c>"attr:name"</c> names the cookie.
    /// </summary>
    /// <param name="name">The attribute name, optionally followed by <c>:</c> and the cookie name.</param>
    protected void Cookie(string name)
    {
        if (Recorder.Top is HttpResponseExpr response)
        {
            ResponseMapping("Cookie", name, response.Cookies);
            return;
        }

        Mapping("Cookie", name, http => http.Cookies);
    }

    /// <summary>
    /// Groups the <c>Header</c> mappings of a method's HTTP block (Goa's <c>Headers</c>); inside a gRPC
    /// <c>Response(code, block)</c>, names the result attributes carried in response headers.
    /// </summary>
    /// <param name="block">Declares headers with <c>Header</c> (HTTP) or names attributes with <c>Attribute</c> (gRPC).</param>
    protected void Headers(Action block)
    {
        if (Recorder.Top is GrpcResponseBlockExpr response)
        {
            // In a gRPC Response block: the result attributes carried in response headers.
            Recorder.Run(new NameListExpr(response.Endpoint.ResponseHeaders, $"{response.Label} Headers"), block, SourceLocator.Capture());
            return;
        }

        Group("Headers", block);
    }

    /// <summary>Groups the <c>Param</c> mappings of a method's HTTP block (Goa's <c>Params</c>).</summary>
    /// <param name="block">Declares parameters with <c>Param</c>.</param>
    protected void Params(Action block) => Group("Params", block);

    private void Group(string verb, Action block)
    {
        var location = SourceLocator.Capture();
        if (Current<HttpEndpointExpr>(verb, "a method's HTTP block", location) is { } http)
        {
            Recorder.Run(http, block, location);
        }
    }

    /// <summary>
    /// Collects the query parameters mapped to nothing else into a payload map attribute: <c>MapOf(String, String)</c>
    /// (the last value of each) or <c>MapOf(String, ArrayOf(String))</c> (every value). Use inside a method's <c>HTTP</c>.
    /// </summary>
    /// <param name="attribute">The payload's map attribute.</param>
    protected void MapParams(string attribute)
    {
        var location = SourceLocator.Capture();
        if (Current<HttpEndpointExpr>("MapParams", "a method's HTTP block", location) is { } http)
        {
            http.MapParams = new NameRef(attribute ?? string.Empty, location);
        }
    }

    /// <summary>Makes one payload attribute the whole request body.</summary>
    /// <param name="attribute">The payload attribute.</param>
    protected void Body(string attribute)
    {
        var location = SourceLocator.Capture();
        if (Current<HttpEndpointExpr>("Body", "a method's HTTP block", location) is { } http)
        {
            http.Body = new NameRef(attribute, location);
        }
    }

    /// <summary>Declares that the request has no body.</summary>
    protected void NoBody()
    {
        var location = SourceLocator.Capture();
        if (Current<HttpEndpointExpr>("NoBody", "a method's HTTP block", location) is { } http)
        {
            http.NoBody = location;
        }
    }

    /// <summary>Declares the success status of the method.</summary>
    /// <param name="status">The HTTP status code.</param>
    protected void Response(int status) => HttpResponse(null, status);

    /// <summary>
    /// Declares a success response of the method whose block maps result attributes to response headers (<c>Header</c>)
    /// and cookies (<c>Cookie</c>, with <c>CookieMaxAge</c>, <c>CookieSecure</c>, …), and may select the response by a
    /// result value (<c>Tag</c>). Mapped attributes travel in headers and cookies only, not in the body.
    /// </summary>
    /// <param name="status">The HTTP status code.</param>
    /// <param name="block">Declares the mappings.</param>
    protected void Response(int status, Action block)
    {
        var location = SourceLocator.Capture();
        if (Recorder.Top is not HttpEndpointExpr endpoint)
        {
            WrongPlace("Response(status, block)", "a method's HTTP block", location);
            return;
        }

        HttpResponse(null, status);
        if (endpoint.Responses.LastOrDefault() is { Location: var added } response && added == location)
        {
            Recorder.Run(response, block, location);
        }
    }

    /// <summary>Maps a declared error to an HTTP status.</summary>
    /// <param name="errorName">The error's name.</param>
    /// <param name="status">The HTTP status code.</param>
    protected void Response(string errorName, int status) => HttpResponse(errorName, status);

    /// <summary>Receives the raw request body as a stream instead of decoding it.</summary>
    protected void SkipRequestBodyEncodeDecode()
    {
        var location = SourceLocator.Capture();
        if (Current<HttpEndpointExpr>("SkipRequestBodyEncodeDecode", "a method's HTTP block", location) is { } http)
        {
            http.SkipRequest = location;
        }
    }

    /// <summary>Writes a raw stream to the response body instead of encoding a result.</summary>
    protected void SkipResponseBodyEncodeDecode()
    {
        var location = SourceLocator.Capture();
        if (Current<HttpEndpointExpr>("SkipResponseBodyEncodeDecode", "a method's HTTP block", location) is { } http)
        {
            http.SkipResponse = location;
        }
    }

    /// <summary>Serves the server stream as Server-Sent Events; each result is an event's data.</summary>
    protected void ServerSentEvents() => Sse(null, null);

    /// <summary>Serves the server stream as Server-Sent Events with one result attribute as the data.</summary>
    /// <param name="dataAttribute">The result attribute sent as the event's data.</param>
    protected void ServerSentEvents(string dataAttribute) => Sse(dataAttribute, null);

    /// <summary>Serves the server stream as Server-Sent Events; the block maps result attributes to event fields.</summary>
    /// <param name="block">Calls <c>SSEEventData</c>, <c>SSEEventID</c>, <c>SSEEventType</c>, <c>SSEEventRetry</c>, <c>SSERequestID</c>.</param>
    protected void ServerSentEvents(Action block) => Sse(null, block);

    /// <summary>The result attribute sent as the event's <c>data</c>.</summary>
    /// <param name="attribute">A result attribute.</param>
    protected void SSEEventData(string attribute) => SseField("SSEEventData", attribute, (s, r) => s.Data = r);

    /// <summary>The String result attribute sent as the event's <c>id</c>.</summary>
    /// <param name="attribute">A result attribute.</param>
    protected void SSEEventID(string attribute) => SseField("SSEEventID", attribute, (s, r) => s.Id = r);

    /// <summary>The String result attribute sent as the event's <c>event</c> type.</summary>
    /// <param name="attribute">A result attribute.</param>
    protected void SSEEventType(string attribute) => SseField("SSEEventType", attribute, (s, r) => s.Event = r);

    /// <summary>The integer result attribute sent as the event's <c>retry</c>.</summary>
    /// <param name="attribute">A result attribute.</param>
    protected void SSEEventRetry(string attribute) => SseField("SSEEventRetry", attribute, (s, r) => s.Retry = r);

    /// <summary>
    /// Inside <c>ServerSentEvents</c>: the method also answers a request that accepts <c>application/json</c> rather
    /// than <c>text/event-stream</c>, with every result collected in one JSON array once the stream has ended.
    /// </summary>
    protected void AnswerJSON() => SseAnswer("AnswerJSON", (s, l) => s.AnswerJson = l);

    /// <summary>
    /// Inside <c>ServerSentEvents</c>: the method also answers a request that accepts <c>application/x-ndjson</c>
    /// rather than <c>text/event-stream</c>, with one line of compact JSON per result as the results come.
    /// </summary>
    protected void AnswerNDJSON() => SseAnswer("AnswerNDJSON", (s, l) => s.AnswerNdjson = l);

    /// <summary>The String payload attribute that receives the <c>Last-Event-ID</c> header.</summary>
    /// <param name="attribute">A payload attribute.</param>
    protected void SSERequestID(string attribute) => SseField("SSERequestID", attribute, (s, r) => s.RequestId = r);

    private void Route(string verb, string path)
    {
        var location = SourceLocator.Capture();
        if (Current<HttpEndpointExpr>(verb, "a method's HTTP block", location) is { } http)
        {
            http.Routes.Add(new HttpRouteExpr(verb, path, location));
        }
    }

    private void Mapping(string verb, string name, Func<HttpEndpointExpr, List<HttpMappingExpr>> list)
    {
        var location = SourceLocator.Capture();
        if (Current<HttpEndpointExpr>(verb, "a method's HTTP block", location) is not { } http)
        {
            return;
        }

        var colon = name.IndexOf(':', StringComparison.Ordinal);
        var (attribute, wire) = colon < 0 ? (name, name) : (name[..colon], name[(colon + 1)..]);
        list(http).Add(new HttpMappingExpr(attribute, wire, location));
    }

    private void HttpResponse(string? errorName, int status)
    {
        var location = SourceLocator.Capture();
        var responses = Recorder.Top switch
        {
            HttpEndpointExpr endpoint => endpoint.Responses,
            HttpServiceExpr service => service.Responses,
            _ => null,
        };
        if (responses is null)
        {
            WrongPlace("Response(status)", "an HTTP block (use Response(GrpcCode) inside GRPC)", location);
            return;
        }

        if (status is < 100 or > 599)
        {
            Recorder.Report(DiagnosticIds.InvalidArgument, $"{Recorder.Where}: {status} is not an HTTP status code", location);
            return;
        }

        responses.Add(new HttpResponseExpr(status, errorName, location) { Label = $"{Recorder.Where} Response({status})" });
    }

    private void Sse(string? dataAttribute, Action? block)
    {
        var location = SourceLocator.Capture();
        var label = Recorder.Where + " ServerSentEvents";
        var sse = new SseExpr
        {
            Location = location,
            Label = label,
            Data = dataAttribute is null ? null : new NameRef(dataAttribute, location),
        };
        switch (Recorder.Top)
        {
            case HttpEndpointExpr endpoint: endpoint.Sse = sse; break;
            case HttpServiceExpr service: service.Sse = sse; break;
            default:
                WrongPlace("ServerSentEvents", "an HTTP block", location);
                return;
        }

        if (block is not null)
        {
            Recorder.Run(sse, block, location);
        }
    }

    private void SseAnswer(string verb, Action<SseExpr, SourceLocation> set)
    {
        var location = SourceLocator.Capture();
        if (Current<SseExpr>(verb, "a ServerSentEvents block", location) is { } sse)
        {
            set(sse, location);
        }
    }

    private void SseField(string verb, string attribute, Action<SseExpr, NameRef> set)
    {
        var location = SourceLocator.Capture();
        if (Current<SseExpr>(verb, "a ServerSentEvents block", location) is { } sse)
        {
            set(sse, new NameRef(attribute, location));
        }
    }

    /// <summary>The cookies of the current response last this many seconds (<c>Max-Age</c>). Use inside <c>Response(status, block)</c>.</summary>
    /// <param name="seconds">Zero or more seconds.</param>
    protected void CookieMaxAge(int seconds) => CookieSetting("CookieMaxAge", c => seconds < 0 ? null : c with { MaxAge = seconds }, "cannot be negative");

    /// <summary>The cookies of the current response are sent over HTTPS only (<c>Secure</c>).</summary>
    protected void CookieSecure() => CookieSetting("CookieSecure", c => c with { Secure = true }, null);

    /// <summary>Scripts cannot read the cookies of the current response (<c>HttpOnly</c>).</summary>
    protected void CookieHTTPOnly() => CookieSetting("CookieHTTPOnly", c => c with { HttpOnly = true }, null);

    /// <summary>The <c>Domain</c> of the cookies of the current response.</summary>
    /// <param name="domain">The domain.</param>
    protected void CookieDomain(string domain) => CookieSetting("CookieDomain", c => string.IsNullOrWhiteSpace(domain) ? null : c with { Domain = domain }, "needs a domain");

    /// <summary>The <c>Path</c> of the cookies of the current response.</summary>
    /// <param name="path">A path starting with <c>/</c>.</param>
    protected void CookiePath(string path) => CookieSetting("CookiePath", c => path?.StartsWith('/') == true ? c with { Path = path } : null, "needs a path starting with /");

    /// <summary>The <c>SameSite</c> attribute of the cookies of the current response: <c>Strict</c>, <c>Lax</c> or <c>None</c>.</summary>
    /// <param name="mode">One of <see cref="CookieSameSiteStrict"/>, <see cref="CookieSameSiteLax"/>, <see cref="CookieSameSiteNone"/>.</param>
    protected void CookieSameSite(string mode) =>
        CookieSetting("CookieSameSite", c => mode is CookieSameSiteStrict or CookieSameSiteLax or CookieSameSiteNone ? c with { SameSite = mode } : null, "is Strict, Lax or None");

    /// <summary>SameSite=Strict.</summary>
    protected const string CookieSameSiteStrict = "Strict";

    /// <summary>SameSite=Lax.</summary>
    protected const string CookieSameSiteLax = "Lax";

    /// <summary>SameSite=None (browsers require Secure with it).</summary>
    protected const string CookieSameSiteNone = "None";

    /// <summary>
    /// Selects the current response when the result's <paramref name="attribute"/> (a String) equals
    /// <paramref name="value"/>; the response without a tag answers the other results. Use inside <c>Response(status, block)</c>.
    /// </summary>
    /// <param name="attribute">A String attribute of the result.</param>
    /// <param name="value">The value that selects this response.</param>
    protected void Tag(string attribute, string value)
    {
        var location = SourceLocator.Capture();
        if (Current<HttpResponseExpr>("Tag", "a Response(status, block) block", location) is { } response)
        {
            response.Tag = (new HttpTagDesign(attribute ?? string.Empty, value ?? string.Empty), location);
        }
    }

    private void ResponseMapping(string verb, string name, List<HttpMappingExpr> list)
    {
        var location = SourceLocator.Capture();
        var colon = name.IndexOf(':', StringComparison.Ordinal);
        var (attribute, wire) = colon < 0 ? (name, name) : (name[..colon], name[(colon + 1)..]);
        list.Add(new HttpMappingExpr(attribute, wire, location));
    }

    private void CookieSetting(string verb, Func<HttpCookieDesign, HttpCookieDesign?> apply, string? rule)
    {
        var location = SourceLocator.Capture();
        if (Current<HttpResponseExpr>(verb, "a Response(status, block) block", location) is not { } response)
        {
            return;
        }

        if (apply(response.Cookie) is { } updated)
        {
            response.Cookie = updated;
        }
        else
        {
            Recorder.Report(DiagnosticIds.InvalidArgument, $"{response.Label}: {verb} {rule}", location);
        }
    }
}
