// Licensed under the MIT license. See LICENSE in the project root.

using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Serow.Http;

/// <summary>Builds the request of a generated client call: the route with its variables, query parameters, headers and a JSON body.</summary>
public sealed class HttpRequestBuilder
{
    private readonly StringBuilder _query = new();
    private readonly List<KeyValuePair<string, string>> _headers = [];
    private string _path;
    private HttpContent? _content;
    private Security.MethodSecurity? _security;
    private Security.CallCredentials? _credentials;

    /// <summary>Starts a request.</summary>
    /// <param name="method">The HTTP verb.</param>
    /// <param name="pathTemplate">The route, with <c>{name}</c> or <c>{*name}</c> variables, including any prefix.</param>
    public HttpRequestBuilder(string method, string pathTemplate)
    {
        ArgumentException.ThrowIfNullOrEmpty(method);
        ArgumentNullException.ThrowIfNull(pathTemplate);
        Method = method;
        _path = pathTemplate;
    }

    /// <summary>The HTTP verb.</summary>
    public string Method { get; }

    /// <summary>The design's service this request calls, when the generated client named it (for its telemetry).</summary>
    public string? DesignService { get; private set; }

    /// <summary>The design's method this request calls, when the generated client named it.</summary>
    public string? DesignMethod { get; private set; }

    /// <summary>Names the design method the request calls: the client's activity of the call is named after it.</summary>
    /// <param name="service">The service's design name.</param>
    /// <param name="method">The method's design name.</param>
    /// <returns>This builder.</returns>
    public HttpRequestBuilder Calls(string service, string method)
    {
        ArgumentException.ThrowIfNullOrEmpty(service);
        ArgumentException.ThrowIfNullOrEmpty(method);
        DesignService = service;
        DesignMethod = method;
        return this;
    }

    /// <summary>The design's default address of the service (its first <c>Server</c> host), used when the HttpClient has no BaseAddress.</summary>
    public Uri? DefaultServer { get; private set; }

    /// <summary>Sets the address used when the <see cref="HttpClient"/> has no <see cref="HttpClient.BaseAddress"/>.</summary>
    /// <param name="address">The design's default address of the service.</param>
    /// <returns>This builder.</returns>
    public HttpRequestBuilder Server(Uri address)
    {
        ArgumentNullException.ThrowIfNull(address);
        DefaultServer = address;
        return this;
    }

    /// <summary>The server's address: the client's <see cref="HttpClient.BaseAddress"/>, else the design's default.</summary>
    /// <param name="client">The HTTP client.</param>
    /// <returns>The address.</returns>
    /// <exception cref="InvalidOperationException">Neither is set.</exception>
    internal Uri BaseAddressOf(HttpClient client) =>
        client.BaseAddress ?? DefaultServer ?? throw new InvalidOperationException("The HttpClient of a Serow client needs a BaseAddress: the server's address (or a Server declared in the design).");

    /// <summary>The headers added so far.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers => _headers;

    /// <summary>
    /// Marks the request as a call to a secured method: just before it is sent, <paramref name="credentials"/> are asked
    /// for its credential headers (also on a WebSocket upgrade).
    /// </summary>
    /// <param name="security">What the method requires.</param>
    /// <param name="credentials">The client's credentials; none when null.</param>
    public HttpRequestBuilder Secure(Security.MethodSecurity security, Security.CallCredentials? credentials)
    {
        ArgumentNullException.ThrowIfNull(security);
        _security = security;
        _credentials = credentials;
        return this;
    }

    /// <summary>Adds the credential headers of a secured method's call (once).</summary>
    internal async ValueTask ApplyCredentialsAsync(string transport, CancellationToken cancellationToken)
    {
        var credentials = _credentials;
        _credentials = null;
        if (await Security.CallCredentials.CollectAsync(credentials, _security, transport, cancellationToken).ConfigureAwait(false) is { } headers)
        {
            foreach (var header in headers)
            {
                _headers.Add(header);
            }
        }
    }

    /// <summary>Fills a route variable; a catch-all variable keeps its slashes.</summary>
    /// <typeparam name="T">The attribute's type.</typeparam>
    /// <param name="name">The variable's name.</param>
    /// <param name="value">The value.</param>
    public HttpRequestBuilder Route<T>(string name, T value)
    {
        var text = HttpParameters.Format(value);
        _path = _path
            .Replace("{*" + name + "}", string.Join('/', text.Split('/').Select(Uri.EscapeDataString)), StringComparison.Ordinal)
            .Replace("{" + name + "}", Uri.EscapeDataString(text), StringComparison.Ordinal);
        return this;
    }

    /// <summary>Adds a query parameter unless the value is null.</summary>
    /// <typeparam name="T">The attribute's type.</typeparam>
    /// <param name="name">The parameter's name.</param>
    /// <param name="value">The value.</param>
    public HttpRequestBuilder Query<T>(string name, T value)
    {
        if (value is not null)
        {
            _query.Append(_query.Length == 0 ? '?' : '&').Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(HttpParameters.Format(value)));
        }

        return this;
    }

    /// <summary>Adds a query parameter per entry of a map (<c>MapParams</c>), one per value of a list; nothing when the map is null.</summary>
    /// <typeparam name="T">The value type: a string or a list of strings.</typeparam>
    /// <param name="values">The parameters.</param>
    public HttpRequestBuilder QueryMap<T>(IReadOnlyDictionary<string, T>? values)
    {
        foreach (var (name, value) in values ?? new Dictionary<string, T>())
        {
            if (value is not string && value is IEnumerable<string> list)
            {
                QueryList(name, list);
            }
            else
            {
                Query(name, value);
            }
        }

        return this;
    }

    /// <summary>Adds a query parameter once per element, unless the list is null.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="name">The parameter's name.</param>
    /// <param name="values">The values.</param>
    public HttpRequestBuilder QueryList<T>(string name, IEnumerable<T>? values)
    {
        foreach (var value in values ?? [])
        {
            Query(name, value);
        }

        return this;
    }

    /// <summary>Adds a header unless the value is null.</summary>
    /// <typeparam name="T">The attribute's type.</typeparam>
    /// <param name="name">The header's name.</param>
    /// <param name="value">The value.</param>
    public HttpRequestBuilder Header<T>(string name, T value)
    {
        if (value is not null)
        {
            _headers.Add(new(name, HttpParameters.Format(value)));
        }

        return this;
    }

    /// <summary>Adds a cookie to the request's <c>Cookie</c> header (URL-encoded); nothing when the value is null.</summary>
    /// <typeparam name="T">The attribute's type.</typeparam>
    /// <param name="name">The cookie's name.</param>
    /// <param name="value">The value.</param>
    public HttpRequestBuilder Cookie<T>(string name, T value)
    {
        if (value is null)
        {
            return this;
        }

        var pair = name + "=" + Uri.EscapeDataString(HttpParameters.Format(value));
        var existing = _headers.FindIndex(h => h.Key == "Cookie");
        if (existing < 0)
        {
            _headers.Add(new("Cookie", pair));
        }
        else
        {
            _headers[existing] = new("Cookie", _headers[existing].Value + "; " + pair);
        }

        return this;
    }

    /// <summary>Sets a JSON body.</summary>
    /// <typeparam name="T">The body's type.</typeparam>
    /// <param name="value">The body.</param>
    /// <param name="type">The body's JSON metadata.</param>
    public HttpRequestBuilder JsonBody<T>(T value, JsonTypeInfo<T> type)
    {
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(value, type));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        _content = content;
        return this;
    }

    /// <summary>
    /// Sets a raw body streamed from <paramref name="body"/> as it is read (chunked unless the stream knows its length),
    /// as <c>application/octet-stream</c> unless a <c>Content-Type</c> header is added. The stream is not disposed.
    /// </summary>
    /// <param name="body">The body.</param>
    public HttpRequestBuilder StreamBody(Stream body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var content = new RawBodies.RawStreamContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        _content = content;
        return this;
    }

    /// <summary>Sets a <c>multipart/form-data</c> body written part by part as it is sent (never buffered whole).</summary>
    /// <param name="parts">The parts.</param>
    /// <returns>This builder.</returns>
    public HttpRequestBuilder MultipartBody(IAsyncEnumerable<MultipartPart> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        _content = HttpMultipart.Content(parts);
        return this;
    }

    /// <summary>The path and query, relative to the client's base address.</summary>
    public string RelativeUri => _path.TrimStart('/') + _query;

    /// <summary>The absolute address of the request under <paramref name="baseAddress"/>.</summary>
    /// <param name="baseAddress">The server's address; a path in it is kept as a prefix.</param>
    public Uri Resolve(Uri baseAddress)
    {
        ArgumentNullException.ThrowIfNull(baseAddress);
        var text = baseAddress.AbsoluteUri;
        var root = new Uri(text.EndsWith('/') ? text : text + "/");
        return new Uri(root, RelativeUri);
    }

    /// <summary>Creates the request message.</summary>
    /// <param name="baseAddress">The server's address.</param>
    public HttpRequestMessage ToRequest(Uri baseAddress)
    {
        var request = new HttpRequestMessage(new HttpMethod(Method), Resolve(baseAddress)) { Content = _content };
        foreach (var (name, value) in _headers)
        {
            if (!request.Headers.TryAddWithoutValidation(name, value) && _content is not null)
            {
                // A content header (Content-Type, …) mapped from the payload goes on the body.
                _content.Headers.Remove(name);
                _content.Headers.TryAddWithoutValidation(name, value);
            }
        }

        return request;
    }
}
