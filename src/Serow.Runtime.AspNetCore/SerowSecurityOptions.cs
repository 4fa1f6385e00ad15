// Licensed under the MIT license. See LICENSE in the project root.

namespace Serow.AspNetCore;

/// <summary>How a server enforces the design's security with ASP.NET Core authentication.</summary>
public sealed class SerowSecurityOptions
{
    /// <summary>
    /// The ASP.NET Core authentication scheme of a designed scheme, by designed name, where the two names differ. When a
    /// designed scheme is not listed here, the authentication scheme of the same name is used if registered; for bearer
    /// tokens (JWT, OAuth2) then <c>Bearer</c> (the name <c>AddJwtBearer()</c> registers); then the default
    /// authentication scheme.
    /// </summary>
    public IDictionary<string, string> AuthenticationSchemes { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>
    /// Whether a WebSocket upgrade or an event-stream request may carry a bearer token in the <c>access_token</c> query
    /// parameter and an API key in <c>api_key</c> (browsers cannot set headers on those requests). On by default; the
    /// WebSocket subprotocol list (<c>serow.bearer.&lt;token&gt;</c>) is always accepted and keeps credentials out of
    /// request logs, which show the query.
    /// </summary>
    public bool AllowQueryCredentials { get; set; } = true;

    /// <summary>
    /// Whether a stream whose credentials expire while it is open (the <c>ExpiresUtc</c> the authentication handler
    /// reports, or the token's <c>exp</c> claim) is ended then with an <see cref="Security.UnauthenticatedError"/>. On by
    /// default; unary calls are checked once, when they start.
    /// </summary>
    public bool EndStreamsWhenCredentialsExpire { get; set; } = true;
}
