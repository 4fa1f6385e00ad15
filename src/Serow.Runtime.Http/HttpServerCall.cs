// Licensed under the MIT license. See LICENSE in the project root.

using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Serow.Http.Internal;
using Serow.Validation;

namespace Serow.Http;

/// <summary>
/// One HTTP request to a generated endpoint: decodes the payload from path, query, headers and body into one
/// <see cref="ValidationReport"/> (so a 400 lists every problem), and writes the result or the error.
/// </summary>
public sealed class HttpServerCall
{
    private readonly Func<string, int?>? _errorStatus;
    private readonly HttpServiceEndpoints? _endpoints;
    private UnaryCallTelemetry? _telemetry;
    private Security.MethodSecurity? _security;
    private ValidationReport? _report;

    /// <summary>Starts decoding a request.</summary>
    /// <param name="context">The request.</param>
    /// <param name="options">The service's HTTP options.</param>
    /// <param name="errorStatus">The designed status of an error name, or null when the design maps none.</param>
    public HttpServerCall(HttpContext context, SerowHttpOptions options, Func<string, int?>? errorStatus)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(options);
        Context = context;
        Options = options;
        _errorStatus = errorStatus;
    }

    /// <summary>Starts decoding a request of a service, with the service's named <see cref="SerowHttpOptions"/>.</summary>
    /// <param name="context">The request.</param>
    /// <param name="service">The service's designed name, which names its options.</param>
    /// <param name="errorStatus">The designed status of an error name, or null when the design maps none.</param>
    public static HttpServerCall Start(HttpContext context, string service, Func<string, int?>? errorStatus)
    {
        ArgumentNullException.ThrowIfNull(context);

        // Endpoints mapped by the generated Map<Service>Http carry what the request needs, so that no DI scope is made
        // for it unless the service implementation is scoped.
        if (context.GetEndpoint()?.Metadata.GetMetadata<HttpServiceEndpoints>() is { } endpoints)
        {
            return new HttpServerCall(context, endpoints.Options, errorStatus, endpoints);
        }

        var options = context.RequestServices?.GetService<IOptionsMonitor<SerowHttpOptions>>()?.Get(service) ?? new SerowHttpOptions();
        return new HttpServerCall(context, options, errorStatus);
    }

    /// <summary>
    /// Starts the handling of a unary request: as <see cref="Start"/>, and, while someone listens to
    /// <see cref="SerowTelemetry"/>, the call's server activity and duration, ended by the response written.
    /// </summary>
    /// <param name="context">The request.</param>
    /// <param name="service">The service's designed name, which names its options.</param>
    /// <param name="method">The method's designed name.</param>
    /// <param name="errorStatus">The designed status of an error name, or null when the design maps none.</param>
    public static HttpServerCall StartUnary(HttpContext context, string service, string method, Func<string, int?>? errorStatus)
    {
        var call = Start(context, service, errorStatus);
        if (SerowTelemetry.ObservesUnaryCalls)
        {
            call._telemetry = SerowTelemetry.StartUnaryCall(service, method, "http",
                SerowTelemetry.ExtractParent(context.Request.Headers, static (headers, name) => headers.TryGetValue(name, out var value) ? value.ToString() : null));
        }

        return call;
    }

    /// <summary>Ends the unary call's telemetry with how it ended (once; nothing while nobody listens).</summary>
    internal void EndTelemetry(string outcome, string? message = null)
    {
        if (_telemetry is { } telemetry)
        {
            _telemetry = null;
            telemetry.End(outcome, message);
        }
    }

    private HttpServerCall(HttpContext context, SerowHttpOptions options, Func<string, int?>? errorStatus, HttpServiceEndpoints endpoints)
        : this(context, options, errorStatus)
    {
        _endpoints = endpoints;
    }

    /// <summary>The request.</summary>
    public HttpContext Context { get; }

    /// <summary>The service's HTTP options.</summary>
    public SerowHttpOptions Options { get; }

    /// <summary>Collects every decoding and validation problem of the request.</summary>
    public ValidationReport Report => _report ??= new ValidationReport();

    /// <summary>The application's services: the root ones when the endpoint says so (no DI scope), else the request's.</summary>
    internal IServiceProvider? Services => _endpoints?.Services ?? Context.RequestServices;

    /// <summary>The designed status of an error name, if any.</summary>
    internal Func<string, int?>? ErrorStatus => _errorStatus;

    /// <summary>
    /// Authorizes the request to a secured method before anything else is read or streamed (a WebSocket is refused
    /// before the 101): the server's ASP.NET Core authentication checks the credentials (also those a browser carries in
    /// the subprotocol list or the query of a stream request), the caller becomes the request's user, and
    /// <see cref="Security.SerowCallContext.Current"/> is set for the calling (generated) handler.
    /// </summary>
    /// <param name="security">What the method requires.</param>
    /// <exception cref="Security.UnauthenticatedError">The credentials are missing or refused (written as 401).</exception>
    /// <exception cref="Security.PermissionDeniedError">The credentials lack a required scope (written as 403).</exception>
    public ValueTask AuthorizeAsync(Security.MethodSecurity security)
    {
        ArgumentNullException.ThrowIfNull(security);
        var transport = AspNetCore.WebSocketRequests.IsOpening(Context) ? "websocket"
            : Context.Request.Headers.Accept.ToString().Contains("text/event-stream", StringComparison.OrdinalIgnoreCase) ? "sse"
            : "http";

        // Not async: the context must be current in the generated handler's frame, which an async method would restore.
        _security = security;
        return AspNetCore.SerowSecurity.AuthorizeAsync(Context, Services?.GetService<AspNetCore.AspNetCoreCallAuthorizer>(), Security.SerowCallContext.Enter(security, transport));
    }

    /// <summary>Reads the JSON body; a missing or malformed body is reported and an empty value returned.</summary>
    /// <typeparam name="T">The body's type.</typeparam>
    /// <param name="type">The body's JSON metadata.</param>
    /// <param name="isObject">Whether the body is an object: an absent body then decodes as <c>{}</c> so that validation names each missing field.</param>
    public async ValueTask<T> ReadBodyAsync<T>(JsonTypeInfo<T> type, bool isObject)
    {
        ArgumentNullException.ThrowIfNull(type);
        var request = Context.Request;
        if (request.ContentLength == 0 || (request.ContentLength is null && !request.Headers.TransferEncoding.Any() && !HttpMethods.IsPost(request.Method) && !HttpMethods.IsPut(request.Method) && !HttpMethods.IsPatch(request.Method)))
        {
            return Missing(type, isObject);
        }

        try
        {
            var value = await JsonSerializer.DeserializeAsync(request.Body, type, Context.RequestAborted).ConfigureAwait(false);
            if (value is null)
            {
                return Missing(type, isObject);
            }

            return value;
        }
        catch (JsonException e)
        {
            Report.Add(e.Path is { Length: > 1 } path ? path.TrimStart('$', '.') : string.Empty, "decode", $"the request body is not valid JSON for the payload: {e.Message}");
            return isObject ? EmptyObject(type) : default!;
        }
    }

    /// <summary>An object with no field set, for a payload that has no body (every attribute comes from path, query or headers).</summary>
    /// <typeparam name="T">The payload's type.</typeparam>
    /// <param name="type">The payload's JSON metadata.</param>
    public static T EmptyObject<T>(JsonTypeInfo<T> type) => JsonSerializer.Deserialize("{}", type)!;

    /// <summary>Reads a route value.</summary>
    /// <typeparam name="T">The attribute's type.</typeparam>
    /// <param name="name">The route variable.</param>
    /// <param name="field">The payload attribute, for errors.</param>
    /// <param name="required">Whether to report a missing value (for value types; reference types are checked by validation).</param>
    /// <param name="value">The value, when present and valid.</param>
    public bool TryRoute<T>(string name, string field, bool required, out T value) =>
        TryText(Context.Request.RouteValues.TryGetValue(name, out var raw) ? raw?.ToString() : null, "path parameter", name, field, required, out value);

    /// <summary>Reads a query parameter.</summary>
    /// <typeparam name="T">The attribute's type.</typeparam>
    /// <param name="name">The parameter's name.</param>
    /// <param name="field">The payload attribute, for errors.</param>
    /// <param name="required">Whether to report a missing value.</param>
    /// <param name="value">The value, when present and valid.</param>
    public bool TryQuery<T>(string name, string field, bool required, out T value) =>
        TryText(Context.Request.Query.TryGetValue(name, out var raw) ? raw.ToString() : null, "query parameter", name, field, required, out value);

    /// <summary>Reads every query parameter the design maps to nothing else into a map (<c>MapParams</c>), the last value of each.</summary>
    /// <param name="mapped">The query parameters mapped to other attributes.</param>
    /// <param name="value">The parameters, when there is at least one.</param>
    public bool TryQueryMap(IReadOnlyList<string> mapped, out Dictionary<string, string> value)
    {
        ArgumentNullException.ThrowIfNull(mapped);
        value = [];
        foreach (var (name, values) in Context.Request.Query)
        {
            if (!mapped.Contains(name) && values.Count > 0)
            {
                value[name] = values[^1]!;
            }
        }

        return value.Count > 0;
    }

    /// <summary>Reads every query parameter the design maps to nothing else into a map of all their values (<c>MapParams</c>).</summary>
    /// <param name="mapped">The query parameters mapped to other attributes.</param>
    /// <param name="value">The parameters, when there is at least one.</param>
    public bool TryQueryMultiMap(IReadOnlyList<string> mapped, out Dictionary<string, List<string>> value)
    {
        ArgumentNullException.ThrowIfNull(mapped);
        value = [];
        foreach (var (name, values) in Context.Request.Query)
        {
            if (!mapped.Contains(name) && values.Count > 0)
            {
                value[name] = values.Select(v => v ?? string.Empty).ToList();
            }
        }

        return value.Count > 0;
    }

    /// <summary>Reads a repeated query parameter as a list.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="name">The parameter's name.</param>
    /// <param name="field">The payload attribute, for errors.</param>
    /// <param name="value">The values, when at least one is present.</param>
    public bool TryQueryList<T>(string name, string field, out List<T> value)
    {
        value = [];
        if (!Context.Request.Query.TryGetValue(name, out var raw) || raw.Count == 0)
        {
            return false;
        }

        for (var i = 0; i < raw.Count; i++)
        {
            if (TryText<T>(raw[i], "query parameter", name, ValidationReport.Element(field, i), false, out var item))
            {
                value.Add(item);
            }
        }

        return true;
    }

    /// <summary>Reads a request header.</summary>
    /// <typeparam name="T">The attribute's type.</typeparam>
    /// <param name="name">The header's name.</param>
    /// <param name="field">The payload attribute, for errors.</param>
    /// <param name="required">Whether to report a missing value.</param>
    /// <param name="value">The value, when present and valid.</param>
    public bool TryHeader<T>(string name, string field, bool required, out T value) =>
        TryText(Context.Request.Headers.TryGetValue(name, out var raw) ? raw.ToString() : null, "header", name, field, required, out value);

    /// <summary>Reads a request cookie.</summary>
    /// <typeparam name="T">The attribute's type.</typeparam>
    /// <param name="name">The cookie's name.</param>
    /// <param name="field">The payload attribute, for errors.</param>
    /// <param name="required">Whether to report a missing value (for value types; reference types are checked by validation).</param>
    /// <param name="value">The value, when present and valid.</param>
    public bool TryCookie<T>(string name, string field, bool required, out T value) =>
        TryText(Context.Request.Cookies.TryGetValue(name, out var raw) ? raw : null, "cookie", name, field, required, out value);

    /// <summary>Writes a result attribute as a response header; nothing when it is null.</summary>
    /// <typeparam name="T">The attribute's type.</typeparam>
    /// <param name="name">The header's name.</param>
    /// <param name="value">The value.</param>
    public void ResponseHeader<T>(string name, T value)
    {
        if (value is not null)
        {
            Context.Response.Headers[name] = HttpParameters.Format(value);
        }
    }

    /// <summary>Writes a result attribute as a response cookie; nothing when it is null.</summary>
    /// <typeparam name="T">The attribute's type.</typeparam>
    /// <param name="name">The cookie's name.</param>
    /// <param name="value">The value (URL-encoded on the wire).</param>
    /// <param name="settings">The cookie's attributes.</param>
    public void ResponseCookie<T>(string name, T value, HttpCookieSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (value is not null)
        {
            Context.Response.Cookies.Append(name, HttpParameters.Format(value), settings.ToOptions());
        }
    }

    /// <summary>Writes a result as JSON without the attributes that travel in response headers or cookies.</summary>
    /// <typeparam name="T">The result's type.</typeparam>
    /// <param name="status">The chosen success status.</param>
    /// <param name="result">The result.</param>
    /// <param name="type">The result's JSON metadata.</param>
    /// <param name="omit">The wire names left out of the body.</param>
    public async Task WriteResultAsync<T>(int status, T result, JsonTypeInfo<T> type, IReadOnlyList<string> omit)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(omit);
        var body = JsonSerializer.SerializeToNode(result, type);
        if (body is System.Text.Json.Nodes.JsonObject members)
        {
            foreach (var name in omit)
            {
                members.Remove(name);
            }
        }

        var response = Context.Response;
        response.StatusCode = status;
        response.ContentType = "application/json; charset=utf-8";
        EndTelemetry("ok");
        await using var writer = new Utf8JsonWriter(response.Body);
        if (body is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            body.WriteTo(writer);
        }

        await writer.FlushAsync(Context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>Throws a <see cref="ValidationException"/> listing every problem found so far.</summary>
    public void ThrowIfInvalid() => _report?.ThrowIfInvalid();

    /// <summary>The service implementation that handles the request (a singleton is resolved once, with no DI scope).</summary>
    /// <typeparam name="TService">The service's interface.</typeparam>
    public TService GetService<TService>()
        where TService : notnull =>
        _endpoints is { } endpoints ? endpoints.GetService<TService>(Context) : Context.RequestServices.GetRequiredService<TService>();

    /// <summary>Writes a result as JSON with the designed success status.</summary>
    /// <typeparam name="T">The result's type.</typeparam>
    /// <param name="status">The success status.</param>
    /// <param name="result">The result.</param>
    /// <param name="type">The result's JSON metadata.</param>
    public async Task WriteResultAsync<T>(int status, T result, JsonTypeInfo<T> type)
    {
        ArgumentNullException.ThrowIfNull(type);
        var response = Context.Response;
        response.StatusCode = status;
        response.ContentType = "application/json; charset=utf-8";
        EndTelemetry("ok");
        await JsonSerializer.SerializeAsync(response.Body, result, type, Context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>Writes the designed success status without a body.</summary>
    /// <param name="status">The success status.</param>
    public Task WriteStatusAsync(int status)
    {
        Context.Response.StatusCode = status;
        EndTelemetry("ok");
        return Task.CompletedTask;
    }

    /// <summary>
    /// Writes an error response: the designed or flag-derived status, the JSON error body and the <c>Serow-Error</c>
    /// header. Unexpected exceptions become a 500 <c>internal</c> error whose text is logged, not sent.
    /// A request the client aborted is left alone.
    /// </summary>
    /// <param name="exception">What the decoding or the handler threw.</param>
    public async Task WriteErrorAsync(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var context = Context;
        if (exception is OperationCanceledException && context.RequestAborted.IsCancellationRequested)
        {
            EndTelemetry("cancelled");
            return;
        }

        var error = ServerErrors.ToServiceError(exception, Tracker().Logger, context.Request.Method + " " + context.Request.Path);
        EndTelemetry(error.Name, error.Message);

        if (context.Response.HasStarted)
        {
            context.Abort();
            return;
        }

        if (error is Security.UnauthenticatedError && _security is { } security)
        {
            context.Response.Headers.WWWAuthenticate = Challenges(security);
        }

        await WriteErrorAsync(context, HttpErrors.StatusOf(error, _errorStatus), HttpErrors.ToBody(error)).ConfigureAwait(false);
    }

    // RFC 9110 §11.6.1: a 401 names the schemes the client may answer with.
    private static Microsoft.Extensions.Primitives.StringValues Challenges(Security.MethodSecurity security)
    {
        var challenges = new List<string>();
        foreach (var scheme in security.Schemes)
        {
            var challenge = scheme.Kind switch
            {
                Security.SecuritySchemeKind.BasicAuth => "Basic realm=\"" + security.Service + "\", charset=\"UTF-8\"",
                Security.SecuritySchemeKind.ApiKey => "ApiKey header=\"" + Security.SecurityHeaders.ApiKey + "\"",
                _ => "Bearer realm=\"" + security.Service + "\"",
            };
            if (!challenges.Contains(challenge))
            {
                challenges.Add(challenge);
            }
        }

        return new Microsoft.Extensions.Primitives.StringValues([.. challenges]);
    }

    internal static async Task WriteErrorAsync(HttpContext context, int status, HttpErrorBody body)
    {
        var json = HttpErrors.Serialize(body);
        var response = context.Response;
        response.StatusCode = status;
        response.ContentType = "application/json; charset=utf-8";
        response.Headers[HttpErrors.HeaderName] = Uri.EscapeDataString(json);
        await response.WriteAsync(json, context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>The server's call tracker (open streams, the stopping token, the logger of unexpected failures).</summary>
    internal ServerCallTracker Tracker() => Services?.GetService<ServerCallTracker>() ?? ServerCallTracker.None;

    internal ILogger Logger() => Logger(Services);

    internal static ILogger Logger(IServiceProvider? services) =>
        services?.GetService<ILoggerFactory>()?.CreateLogger("Serow.Http") ?? NullLogger.Instance;

    private T Missing<T>(JsonTypeInfo<T> type, bool isObject)
    {
        if (isObject)
        {
            return EmptyObject(type);
        }

        Report.Required(string.Empty, null);
        return default!;
    }

    private bool TryText<T>(string? text, string kind, string name, string field, bool required, out T value)
    {
        value = default!;
        if (text is null)
        {
            if (required)
            {
                Report.Required(field, null);
            }

            return false;
        }

        if (HttpParameters.TryParse(text, out value))
        {
            return true;
        }

        Report.Add(field, "decode", $"field \"{field}\" must be {HttpParameters.Describe<T>()} but the {kind} \"{name}\" is \"{text}\"");
        return false;
    }
}
