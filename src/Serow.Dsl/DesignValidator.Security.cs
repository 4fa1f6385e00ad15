// Licensed under the MIT license. See LICENSE in the project root.

using Serow.Design;
using Serow.Dsl.Expressions;

namespace Serow.Dsl;

/// <content>Security schemes and the requirements that name them.</content>
internal sealed partial class DesignValidator
{
    private void ValidateSecurity()
    {
        Duplicates(model.SecuritySchemes, s => s.Name, s => s.Location, (s, first) => $"{s.Label} is declared twice (first at {first.Location}); rename one of the schemes");
        foreach (var scheme in model.SecuritySchemes)
        {
            ValidateScheme(scheme);
        }

        ValidateRequirements(model.Api.Security, model.Api.Label);
        foreach (var service in model.Services)
        {
            ValidateRequirements(service.Security, service.Label);
            foreach (var method in service.Methods)
            {
                ValidateRequirements(method.Security, method.Label);
            }
        }
    }

    private void ValidateScheme(SecuritySchemeExpr scheme)
    {
        if (scheme.Kind is SecuritySchemeKind.ApiKey or SecuritySchemeKind.BasicAuth)
        {
            foreach (var (name, _, location) in scheme.Scopes)
            {
                Report(DiagnosticIds.InvalidArgument, $"{scheme.Label}: scope \"{name}\" cannot be defined here: only JWT and OAuth2 schemes carry scopes", location);
            }
        }

        Duplicates(scheme.Scopes, s => s.Name, s => s.Location, (s, first) => $"{scheme.Label}: scope \"{s.Name}\" is defined twice (first at {first.Location}); remove one");
        if (scheme.Kind == SecuritySchemeKind.OAuth2 && scheme.Flows.Count == 0)
        {
            Report(DiagnosticIds.OAuth2Flow, $"{scheme.Label}: an OAuth2 scheme needs at least one flow; declare AuthorizationCodeFlow, ImplicitFlow, PasswordFlow or ClientCredentialsFlow in its block", scheme.Location);
        }

        Duplicates(scheme.Flows, f => f.Kind.ToString(), f => f.Location, (f, first) => $"{scheme.Label}: the {f.Kind} flow is declared twice (first at {first.Location}); keep one");
    }

    private void ValidateRequirements(SecurityExpr security, string label)
    {
        if (security.NoSecurity is { } none && security.Requirements.Count > 0)
        {
            Report(DiagnosticIds.ConflictingSecurity, $"{label}: NoSecurity() and Security(...) are both declared; keep the requirements or make the {(label.Contains(" method ", StringComparison.Ordinal) ? "method" : "service")} public, not both", none);
        }

        var declared = model.SecuritySchemes.Select(s => s.Name).ToList();
        foreach (var requirement in security.Requirements)
        {
            var schemes = new List<SecuritySchemeExpr>();
            foreach (var name in requirement.Schemes)
            {
                if (model.SecuritySchemes.FirstOrDefault(s => s.Name == name) is { } scheme)
                {
                    schemes.Add(scheme);
                }
                else
                {
                    Report(DiagnosticIds.UnknownSecurityScheme,
                        $"{label}: Security names the scheme \"{name}\", which the design does not declare ({(declared.Count == 0 ? "it declares none" : "it declares " + string.Join(", ", declared.Select(d => $"\"{d}\"")))}); declare it with JWTSecurity, APIKeySecurity, BasicAuthSecurity or OAuth2Security",
                        requirement.Location);
                }
            }

            if (requirement.Schemes.Count == 0)
            {
                Report(DiagnosticIds.UnknownSecurityScheme, $"{label}: Security names no scheme; pass the scheme to require", requirement.Location);
            }

            if (schemes.Count < requirement.Schemes.Count)
            {
                continue;
            }

            var defined = schemes.SelectMany(s => s.Scopes.Select(scope => scope.Name)).Distinct(StringComparer.Ordinal).ToList();
            foreach (var (scope, location) in requirement.Scopes)
            {
                if (!defined.Contains(scope, StringComparer.Ordinal))
                {
                    Report(DiagnosticIds.UndeclaredScope,
                        $"{label}: Security requires scope \"{scope}\", which {string.Join(" and ", schemes.Select(s => s.Label))} {(defined.Count == 0 ? "does not define (it defines no scopes)" : "does not define (defined: " + string.Join(", ", defined.Select(d => $"\"{d}\"")) + ")")}; define it with Scope(name, description) in the scheme's block or fix the name",
                        location);
                }
            }
        }
    }
}
