// Licensed under the MIT license. See LICENSE in the project root.

namespace Serow.Security;

/// <summary>How a designed security scheme carries the caller's credentials.</summary>
public enum SecuritySchemeKind
{
    /// <summary>A JSON Web Token sent as a bearer token (<c>JWTSecurity</c>).</summary>
    Jwt,

    /// <summary>An API key (<c>APIKeySecurity</c>), sent in the <c>X-API-Key</c> header.</summary>
    ApiKey,

    /// <summary>A user name and password sent with HTTP Basic authentication (<c>BasicAuthSecurity</c>).</summary>
    BasicAuth,

    /// <summary>An OAuth2 access token sent as a bearer token (<c>OAuth2Security</c>).</summary>
    OAuth2,
}
