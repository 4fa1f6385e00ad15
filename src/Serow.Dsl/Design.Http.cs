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

    /// <summary>Sets the path prefix of every route of the API or service.</summary>
    /// <param name="prefix">The prefix, for example <c>/v1</c>.</param>
    protected void Path(string prefix)
    {
        if (Current<HttpServiceExpr>("Path", "an API or Service HTTP block", SourceLocator.Capture()) is { } http)
        {
            http.PathPrefix = prefix;
        }
    }

    /// <summary>Reads a payload attribute from a path or query parameter; <c>"attr:wire"</c> renames it on the wire.</summary>
    /// <param name="name">The attribute name, optionally followed by <c>:</c> and the wire name.</param>
    protected void Param(string name) => Mapping("Param", name, http => http.Params);

    /// <summary>Reads a payload attribute from a request header; <c>"attr:Wire-Name"</c> names the header.</summary>
    /// <param name="name">The attribute name, optionally followed by <c>:</c> and the header name.</param>
    protected void Header(string name) => Mapping("Header", name, http => http.Headers);

    /// <summary>Groups the <c>Header</c> mappings of a method's HTTP block (Goa's <c>Headers</c>).</summary>
    /// <param name="block">Declares headers with <c>Header</c>.</param>
    protected void Headers(Action block) => Group("Headers", block);

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

        responses.Add(new HttpResponseExpr(status, errorName, location));
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

    private void SseField(string verb, string attribute, Action<SseExpr, NameRef> set)
    {
        var location = SourceLocator.Capture();
        if (Current<SseExpr>(verb, "a ServerSentEvents block", location) is { } sse)
        {
            set(sse, new NameRef(attribute, location));
        }
    }
}
