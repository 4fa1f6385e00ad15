// Licensed under the MIT license. See LICENSE in the project root.

namespace Serow.Design;

/// <summary>How a security scheme carries the caller's credentials.</summary>
public enum SecuritySchemeKind
{
    /// <summary>A JSON Web Token, as a bearer token (<c>JWTSecurity</c>).</summary>
    Jwt,

    /// <summary>An API key (<c>APIKeySecurity</c>).</summary>
    ApiKey,

    /// <summary>A user name and password (<c>BasicAuthSecurity</c>).</summary>
    BasicAuth,

    /// <summary>An OAuth2 access token obtained through one of the scheme's flows (<c>OAuth2Security</c>).</summary>
    OAuth2,
}

/// <summary>A security scheme the design declares; requirements (<see cref="SecurityRequirementDesign"/>) name it.</summary>
public sealed record SecuritySchemeDesign
{
    /// <summary>The scheme's name, unique in the design.</summary>
    public required string Name { get; init; }

    /// <summary>How the credentials are carried.</summary>
    public required SecuritySchemeKind Kind { get; init; }

    /// <summary>The design's description, if any.</summary>
    public string? Description { get; init; }

    /// <summary>The scopes the scheme defines (JWT and OAuth2 only), in declaration order.</summary>
    public EquatableArray<SecurityScopeDesign> Scopes { get; init; }

    /// <summary>The OAuth2 flows, in declaration order; empty for the other kinds.</summary>
    public EquatableArray<OAuth2FlowDesign> Flows { get; init; }

    /// <summary>Where the scheme was declared.</summary>
    public required SourceLocation Location { get; init; }
}

/// <summary>A scope a JWT or OAuth2 scheme defines.</summary>
/// <param name="Name">The scope, for example <c>api:write</c>.</param>
/// <param name="Description">What it grants.</param>
public sealed record SecurityScopeDesign(string Name, string? Description);

/// <summary>The OAuth2 grant types a flow stands for.</summary>
public enum OAuth2FlowKind
{
    /// <summary>Authorization code (<c>AuthorizationCodeFlow</c>).</summary>
    AuthorizationCode,

    /// <summary>Implicit (<c>ImplicitFlow</c>).</summary>
    Implicit,

    /// <summary>Resource owner password (<c>PasswordFlow</c>).</summary>
    Password,

    /// <summary>Client credentials (<c>ClientCredentialsFlow</c>).</summary>
    ClientCredentials,
}

/// <summary>An OAuth2 flow with its endpoints.</summary>
/// <param name="Kind">The grant type.</param>
/// <param name="AuthorizationUrl">The authorization endpoint (authorization code and implicit flows).</param>
/// <param name="TokenUrl">The token endpoint (every flow but implicit).</param>
/// <param name="RefreshUrl">The refresh endpoint, if any.</param>
/// <param name="Location">Where the flow was declared.</param>
public sealed record OAuth2FlowDesign(OAuth2FlowKind Kind, string? AuthorizationUrl, string? TokenUrl, string? RefreshUrl, SourceLocation Location);
