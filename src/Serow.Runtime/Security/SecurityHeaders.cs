// Licensed under the MIT license. See LICENSE in the project root.

namespace Serow.Security;

/// <summary>Where each kind of credentials travels, on every transport.</summary>
public static class SecurityHeaders
{
    /// <summary>Bearer tokens (JWT, OAuth2) and Basic credentials: the HTTP <c>Authorization</c> header (gRPC metadata <c>authorization</c>).</summary>
    public const string Authorization = "Authorization";

    /// <summary>API keys: the <c>X-API-Key</c> header (gRPC metadata <c>x-api-key</c>).</summary>
    public const string ApiKey = "X-API-Key";

    /// <summary>
    /// The query parameter a browser's WebSocket or EventSource may carry a bearer token in, since neither can set
    /// headers (prefer the subprotocol: the query may appear in access logs).
    /// </summary>
    public const string AccessTokenQuery = "access_token";

    /// <summary>The query parameter a browser's WebSocket or EventSource may carry an API key in.</summary>
    public const string ApiKeyQuery = "api_key";

    /// <summary>The prefix of a WebSocket subprotocol carrying a bearer token: <c>serow.bearer.&lt;token&gt;</c>.</summary>
    public const string BearerSubprotocolPrefix = "serow.bearer.";

    /// <summary>The prefix of a WebSocket subprotocol carrying an API key: <c>serow.apikey.&lt;key&gt;</c>.</summary>
    public const string ApiKeySubprotocolPrefix = "serow.apikey.";

    /// <summary>
    /// The prefix of a WebSocket subprotocol carrying Basic credentials: <c>serow.basic.&lt;base64url of user:password&gt;</c>.
    /// </summary>
    public const string BasicSubprotocolPrefix = "serow.basic.";
}
