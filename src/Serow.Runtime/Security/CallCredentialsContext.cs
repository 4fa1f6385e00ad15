// Licensed under the MIT license. See LICENSE in the project root.

namespace Serow.Security;

/// <summary>
/// One call a generated client is about to make to a secured method: what the method requires, over which transport,
/// and the credential headers to send (request headers over HTTP and on the WebSocket upgrade, metadata over gRPC,
/// the authorizer's input in-process).
/// </summary>
public sealed class CallCredentialsContext
{
    private readonly Dictionary<string, string> _headers = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Creates the context of a call.</summary>
    /// <param name="security">What the method requires.</param>
    /// <param name="transport">The transport: <c>grpc</c>, <c>http</c>, <c>websocket</c>, <c>sse</c> or <c>inprocess</c>.</param>
    public CallCredentialsContext(MethodSecurity security, string transport)
    {
        ArgumentNullException.ThrowIfNull(security);
        ArgumentException.ThrowIfNullOrEmpty(transport);
        Security = security;
        Transport = transport;
    }

    /// <summary>What the method requires.</summary>
    public MethodSecurity Security { get; }

    /// <summary>The transport of the call.</summary>
    public string Transport { get; }

    /// <summary>The credential headers set so far, by name.</summary>
    public IReadOnlyDictionary<string, string> Headers => _headers;

    /// <summary>Sets a credential header (a later value replaces an earlier one of the same name).</summary>
    /// <param name="name">The header's name, for example <c>Authorization</c>.</param>
    /// <param name="value">Its value.</param>
    public void SetHeader(string name, string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(value);
        _headers[name] = value;
    }
}
