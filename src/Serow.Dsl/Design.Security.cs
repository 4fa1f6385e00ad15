// Licensed under the MIT license. See LICENSE in the project root.

using Serow.Design;
using Serow.Dsl.Expressions;

namespace Serow.Dsl;

/// <content>Security schemes and requirements.</content>
public abstract partial class Design
{
    /// <summary>Declares a JSON Web Token scheme (a bearer token); its block may define <c>Scope</c>s.</summary>
    /// <param name="name">The scheme's name, unique in the design.</param>
    /// <param name="block">Declares <c>Description</c> and <c>Scope(name, description)</c>.</param>
    /// <returns>The scheme, to pass to <c>Security</c>.</returns>
    protected SecurityScheme JWTSecurity(string name, Action? block = null) => DeclareScheme(name, SecuritySchemeKind.Jwt, "JWTSecurity", block);

    /// <summary>Declares an API key scheme.</summary>
    /// <param name="name">The scheme's name, unique in the design.</param>
    /// <param name="block">Declares <c>Description</c>.</param>
    /// <returns>The scheme, to pass to <c>Security</c>.</returns>
    protected SecurityScheme APIKeySecurity(string name, Action? block = null) => DeclareScheme(name, SecuritySchemeKind.ApiKey, "APIKeySecurity", block);

    /// <summary>Declares a basic authentication scheme (user name and password).</summary>
    /// <param name="name">The scheme's name, unique in the design.</param>
    /// <param name="block">Declares <c>Description</c>.</param>
    /// <returns>The scheme, to pass to <c>Security</c>.</returns>
    protected SecurityScheme BasicAuthSecurity(string name, Action? block = null) => DeclareScheme(name, SecuritySchemeKind.BasicAuth, "BasicAuthSecurity", block);

    /// <summary>Declares an OAuth2 scheme; its block declares at least one flow and may define <c>Scope</c>s.</summary>
    /// <param name="name">The scheme's name, unique in the design.</param>
    /// <param name="block">Declares the flows, <c>Description</c> and <c>Scope(name, description)</c>.</param>
    /// <returns>The scheme, to pass to <c>Security</c>.</returns>
    protected SecurityScheme OAuth2Security(string name, Action block) => DeclareScheme(name, SecuritySchemeKind.OAuth2, "OAuth2Security", block);

    /// <summary>Declares an OAuth2 authorization code flow. Use inside <c>OAuth2Security</c>.</summary>
    /// <param name="authorizationUrl">The authorization endpoint.</param>
    /// <param name="tokenUrl">The token endpoint.</param>
    /// <param name="refreshUrl">The refresh endpoint, if any.</param>
    protected void AuthorizationCodeFlow(string authorizationUrl, string tokenUrl, string? refreshUrl = null) =>
        Flow("AuthorizationCodeFlow", OAuth2FlowKind.AuthorizationCode, authorizationUrl, tokenUrl, refreshUrl);

    /// <summary>Declares an OAuth2 implicit flow. Use inside <c>OAuth2Security</c>.</summary>
    /// <param name="authorizationUrl">The authorization endpoint.</param>
    /// <param name="refreshUrl">The refresh endpoint, if any.</param>
    protected void ImplicitFlow(string authorizationUrl, string? refreshUrl = null) =>
        Flow("ImplicitFlow", OAuth2FlowKind.Implicit, authorizationUrl, null, refreshUrl);

    /// <summary>Declares an OAuth2 resource owner password flow. Use inside <c>OAuth2Security</c>.</summary>
    /// <param name="tokenUrl">The token endpoint.</param>
    /// <param name="refreshUrl">The refresh endpoint, if any.</param>
    protected void PasswordFlow(string tokenUrl, string? refreshUrl = null) =>
        Flow("PasswordFlow", OAuth2FlowKind.Password, null, tokenUrl, refreshUrl);

    /// <summary>Declares an OAuth2 client credentials flow. Use inside <c>OAuth2Security</c>.</summary>
    /// <param name="tokenUrl">The token endpoint.</param>
    /// <param name="refreshUrl">The refresh endpoint, if any.</param>
    protected void ClientCredentialsFlow(string tokenUrl, string? refreshUrl = null) =>
        Flow("ClientCredentialsFlow", OAuth2FlowKind.ClientCredentials, null, tokenUrl, refreshUrl);

    /// <summary>
    /// Inside a JWT or OAuth2 scheme, defines a scope with what it grants; inside <c>Security</c>, requires a scope the
    /// required schemes define.
    /// </summary>
    /// <param name="name">The scope, for example <c>api:write</c>.</param>
    /// <param name="description">What the scope grants (only where the scheme defines it).</param>
    protected void Scope(string name, string? description = null)
    {
        var location = SourceLocator.Capture();
        switch (Recorder.Top)
        {
            case SecuritySchemeExpr scheme:
                scheme.Scopes.Add((name, description, location));
                break;
            case SecurityRequirementExpr requirement:
                requirement.Scopes.Add((name, location));
                break;
            default:
                WrongPlace("Scope", "a JWTSecurity or OAuth2Security block (to define it) or a Security block (to require it)", location);
                break;
        }
    }

    /// <summary>Requires a scheme of the current API, service or method.</summary>
    /// <param name="scheme">The scheme.</param>
    /// <param name="block">Lists the required scopes with <c>Scope(name)</c>.</param>
    protected void Security(SecurityScheme scheme, Action? block = null) => Require([scheme?.Name!], block);

    /// <summary>Requires every one of several schemes at once (each <c>Security</c> call is an alternative).</summary>
    /// <param name="schemes">The schemes, all required.</param>
    /// <param name="block">Lists the required scopes with <c>Scope(name)</c>.</param>
    protected void Security(SecurityScheme[] schemes, Action? block = null) => Require(schemes?.Select(s => s?.Name!).ToList() ?? [], block);

    /// <summary>Requires a scheme given by its name.</summary>
    /// <param name="schemeName">The scheme's name.</param>
    /// <param name="block">Lists the required scopes with <c>Scope(name)</c>.</param>
    protected void Security(string schemeName, Action? block = null) => Require([schemeName], block);

    /// <summary>Makes the current service or method public: the requirements of the levels above do not apply.</summary>
    protected void NoSecurity()
    {
        var location = SourceLocator.Capture();
        switch (Recorder.Top)
        {
            case ServiceExpr service: service.Security.NoSecurity = location; break;
            case MethodExpr method: method.Security.NoSecurity = location; break;
            default: WrongPlace("NoSecurity", "a Service or Method block", location); break;
        }
    }

    private SecurityScheme DeclareScheme(string name, SecuritySchemeKind kind, string verb, Action? block)
    {
        var location = SourceLocator.Capture();
        var handle = new SecurityScheme(name);
        if (!AtTopLevel(verb, location))
        {
            return handle;
        }

        CheckIdentifier("security scheme", name, location);
        var scheme = new SecuritySchemeExpr { Name = name, Kind = kind, Location = location };
        Recorder.SecuritySchemes.Add(scheme);
        if (block is not null)
        {
            Recorder.Run(scheme, block, location);
        }

        return handle;
    }

    private void Flow(string verb, OAuth2FlowKind kind, string? authorizationUrl, string? tokenUrl, string? refreshUrl)
    {
        var location = SourceLocator.Capture();
        if (Recorder.Top is not SecuritySchemeExpr { Kind: SecuritySchemeKind.OAuth2 } scheme)
        {
            WrongPlace(verb, "an OAuth2Security block", location);
            return;
        }

        foreach (var (what, url) in new[] { ("authorization URL", authorizationUrl), ("token URL", tokenUrl), ("refresh URL", refreshUrl) })
        {
            if (url is not null && !(Uri.TryCreate(url, UriKind.Absolute, out var parsed) && parsed.Scheme is "https" or "http"))
            {
                Recorder.Report(DiagnosticIds.InvalidArgument, $"{scheme.Label}: the {what} of {verb} \"{url}\" is not an absolute http or https URL", location);
            }
        }

        scheme.Flows.Add(new OAuth2FlowDesign(kind, authorizationUrl, tokenUrl, refreshUrl, location));
    }

    private void Require(List<string> schemes, Action? block)
    {
        var location = SourceLocator.Capture();
        var security = Recorder.Top switch
        {
            ApiExpr api => api.Security,
            ServiceExpr service => service.Security,
            MethodExpr method => method.Security,
            _ => null,
        };
        if (security is null)
        {
            WrongPlace("Security", "an API, Service or Method block", location);
            return;
        }

        var requirement = new SecurityRequirementExpr { Schemes = schemes, Location = location, Label = $"{Recorder.Where} Security" };
        security.Requirements.Add(requirement);
        if (block is not null)
        {
            Recorder.Run(requirement, block, location);
        }
    }
}
