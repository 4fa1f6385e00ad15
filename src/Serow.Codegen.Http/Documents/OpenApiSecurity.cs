// Licensed under the MIT license. See LICENSE in the project root.

using Microsoft.OpenApi;
using Serow.Design;

namespace Serow.Codegen.Http.Documents;

/// <summary>
/// The design's security schemes as OpenAPI security schemes, and each operation's requirements. JWT is an HTTP bearer
/// scheme, an API key travels in the <c>X-API-Key</c> header, basic authentication is the HTTP basic scheme, OAuth2
/// lists its flows with the scheme's scopes.
/// </summary>
internal static class OpenApiSecurity
{
    /// <summary>The request header an API key travels in.</summary>
    public const string ApiKeyHeader = "X-API-Key";

    public static Dictionary<string, IOpenApiSecurityScheme> Schemes(DesignRoot design) =>
        design.SecuritySchemes.ToDictionary(s => s.Name, Scheme, StringComparer.Ordinal);

    /// <summary>The operation's requirements (any one suffices); null when the method is public.</summary>
    public static List<OpenApiSecurityRequirement>? Requirements(DesignRoot design, ServiceDesign service, MethodDesign method, OpenApiDocument document)
    {
        var requirements = design.SecurityOf(service, method);
        if (requirements.Count == 0)
        {
            return null;
        }

        return requirements.Select(requirement =>
        {
            var result = new OpenApiSecurityRequirement();
            foreach (var scheme in requirement.Schemes)
            {
                // A requirement's scopes belong to the schemes that define them.
                var defined = design.FindSecurityScheme(scheme)?.Scopes.Select(s => s.Name).ToHashSet(StringComparer.Ordinal) ?? [];
                result[new OpenApiSecuritySchemeReference(scheme, document)] = requirement.Scopes.Where(defined.Contains).ToList();
            }

            return result;
        }).ToList();
    }

    private static IOpenApiSecurityScheme Scheme(SecuritySchemeDesign scheme) => scheme.Kind switch
    {
        SecuritySchemeKind.Jwt => new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = Describe(scheme),
        },
        SecuritySchemeKind.ApiKey => new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            Name = ApiKeyHeader,
            In = ParameterLocation.Header,
            Description = scheme.Description,
        },
        SecuritySchemeKind.BasicAuth => new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "basic",
            Description = scheme.Description,
        },
        _ => new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.OAuth2,
            Description = scheme.Description,
            Flows = Flows(scheme),
        },
    };

    /// <summary>A JWT scheme's scopes have no place of their own in OpenAPI: the description lists them.</summary>
    private static string? Describe(SecuritySchemeDesign scheme)
    {
        if (scheme.Scopes.Count == 0)
        {
            return scheme.Description;
        }

        var scopes = "Scopes: " + string.Join("; ", scheme.Scopes.Select(s => s.Description is null ? s.Name : $"{s.Name} ({s.Description})")) + ".";
        return scheme.Description is null ? scopes : scheme.Description + " " + scopes;
    }

    private static OpenApiOAuthFlows Flows(SecuritySchemeDesign scheme)
    {
        var flows = new OpenApiOAuthFlows();
        foreach (var flow in scheme.Flows)
        {
            var value = new OpenApiOAuthFlow
            {
                AuthorizationUrl = flow.AuthorizationUrl is null ? null : new Uri(flow.AuthorizationUrl),
                TokenUrl = flow.TokenUrl is null ? null : new Uri(flow.TokenUrl),
                RefreshUrl = flow.RefreshUrl is null ? null : new Uri(flow.RefreshUrl),
                Scopes = scheme.Scopes.ToDictionary(s => s.Name, s => s.Description ?? s.Name, StringComparer.Ordinal),
            };
            switch (flow.Kind)
            {
                case OAuth2FlowKind.AuthorizationCode: flows.AuthorizationCode = value; break;
                case OAuth2FlowKind.Implicit: flows.Implicit = value; break;
                case OAuth2FlowKind.Password: flows.Password = value; break;
                default: flows.ClientCredentials = value; break;
            }
        }

        return flows;
    }
}
