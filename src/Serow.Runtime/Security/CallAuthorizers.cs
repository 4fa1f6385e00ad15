// Licensed under the MIT license. See LICENSE in the project root.

using System.Security.Claims;

namespace Serow.Security;

/// <summary>
/// The rules every transport applies to a secured call, and authorizers built on them. A method's requirements are
/// alternatives; a requirement is met when every scheme it names authenticated the caller and the caller's identities
/// together grant every scope it lists (claims <c>scope</c>, <c>scp</c> or
/// <c>http://schemas.microsoft.com/identity/claims/scope</c>, space-separated or repeated).
/// </summary>
public static class CallAuthorizers
{
    private static readonly string[] ScopeClaimTypes = ["scope", "scp", "http://schemas.microsoft.com/identity/claims/scope"];

    /// <summary>
    /// An authorizer that presents <paramref name="user"/> to every scheme (whatever the credentials) and checks the
    /// scopes it grants: for in-process calls whose caller is already known, and tests.
    /// </summary>
    /// <param name="user">The caller.</param>
    /// <param name="expiresAt">When its credentials expire, if they should.</param>
    public static ICallAuthorizer Trust(ClaimsPrincipal user, DateTimeOffset? expiresAt = null)
    {
        ArgumentNullException.ThrowIfNull(user);
        return new TrustingAuthorizer(SchemeAuthentication.Success(user, expiresAt));
    }

    /// <summary>
    /// Applies a method's requirements: asks <paramref name="authenticate"/> once per scheme that matters, in the order
    /// the requirements name them, and stops at the first requirement met.
    /// </summary>
    /// <typeparam name="TState">What <paramref name="authenticate"/> needs, passed back to it.</typeparam>
    /// <param name="security">What the method requires.</param>
    /// <param name="state">Passed to <paramref name="authenticate"/>.</param>
    /// <param name="authenticate">Authenticates the call's credentials with one scheme.</param>
    /// <param name="cancellationToken">Cancels the check.</param>
    /// <returns>The caller (with the identities of the requirement met) and the earliest expiry.</returns>
    /// <exception cref="UnauthenticatedError">No requirement had all of its schemes authenticate the caller.</exception>
    /// <exception cref="PermissionDeniedError">A requirement's schemes authenticated the caller but its scopes are not granted.</exception>
    public static async ValueTask<CallAuthorization> EvaluateAsync<TState>(
        MethodSecurity security,
        TState state,
        Func<TState, SecurityScheme, CancellationToken, ValueTask<SchemeAuthentication>> authenticate,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(security);
        ArgumentNullException.ThrowIfNull(authenticate);
        var results = new Dictionary<SecurityScheme, SchemeAuthentication>();
        string? refused = null;
        string? denied = null;
        foreach (var requirement in security.Requirements)
        {
            var identities = new List<ClaimsIdentity>();
            DateTimeOffset? expiresAt = null;
            var met = true;
            foreach (var scheme in requirement.Schemes)
            {
                if (!results.TryGetValue(scheme, out var result))
                {
                    result = await authenticate(state, scheme, cancellationToken).ConfigureAwait(false);
                    results[scheme] = result;
                }

                if (result.User is not { } user)
                {
                    refused ??= result.Failure is { } failure ? $"{Describe(scheme)} was refused: {failure}" : null;
                    met = false;
                    break;
                }

                identities.AddRange(user.Identities);
                if (result.ExpiresAt is { } at && (expiresAt is null || at < expiresAt))
                {
                    expiresAt = at;
                }
            }

            if (!met)
            {
                continue;
            }

            var principal = new ClaimsPrincipal(identities);
            var missing = MissingScopes(principal, requirement.Scopes);
            if (missing.Count > 0)
            {
                denied ??= $"{security.DisplayName} requires the scope{(missing.Count == 1 ? string.Empty : "s")} {string.Join(", ", missing.Select(s => "\"" + s + "\""))}, which the credentials do not grant.";
                continue;
            }

            return new CallAuthorization(principal, expiresAt);
        }

        if (denied is not null)
        {
            throw new PermissionDeniedError(denied);
        }

        var expected = string.Join(" or ", security.Requirements.Select(r => string.Join(" and ", r.Schemes.Select(Describe))));
        throw new UnauthenticatedError(refused is null
            ? $"{security.DisplayName} requires {expected}."
            : $"{security.DisplayName} requires {expected}; {refused}.");
    }

    /// <summary>The scopes a caller's identities grant, from the usual claim types.</summary>
    /// <param name="user">The caller.</param>
    public static IReadOnlySet<string> GrantedScopes(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var granted = new HashSet<string>(StringComparer.Ordinal);
        foreach (var claim in user.Claims)
        {
            if (Array.IndexOf(ScopeClaimTypes, claim.Type) >= 0)
            {
                foreach (var scope in claim.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    granted.Add(scope);
                }
            }
        }

        return granted;
    }

    /// <summary>How a scheme's credentials are called in messages (never their value).</summary>
    /// <param name="scheme">The scheme.</param>
    public static string Describe(SecurityScheme scheme)
    {
        ArgumentNullException.ThrowIfNull(scheme);
        return scheme.Kind switch
        {
            SecuritySchemeKind.ApiKey => $"an API key (scheme \"{scheme.Name}\")",
            SecuritySchemeKind.BasicAuth => $"a user name and password (scheme \"{scheme.Name}\")",
            SecuritySchemeKind.OAuth2 => $"an OAuth2 access token (scheme \"{scheme.Name}\")",
            _ => $"a bearer token (scheme \"{scheme.Name}\")",
        };
    }

    private static List<string> MissingScopes(ClaimsPrincipal user, IReadOnlyList<string> required)
    {
        if (required.Count == 0)
        {
            return [];
        }

        var granted = GrantedScopes(user);
        return required.Where(scope => !granted.Contains(scope)).ToList();
    }

    private sealed class TrustingAuthorizer(SchemeAuthentication user) : ICallAuthorizer
    {
        public ValueTask<CallAuthorization> AuthorizeAsync(MethodSecurity security, IReadOnlyDictionary<string, string> credentials, CancellationToken cancellationToken) =>
            EvaluateAsync(security, user, static (user, _, _) => ValueTask.FromResult(user), cancellationToken);
    }
}
