// Licensed under the MIT license. See LICENSE in the project root.

using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Serow.Security;

namespace Serow.AspNetCore;

/// <summary>
/// Enforces a method's designed security with ASP.NET Core authentication: each designed scheme is authenticated by the
/// authentication scheme it maps to (<see cref="SerowSecurityOptions.AuthenticationSchemes"/>), and the requirements and
/// scopes are applied by <see cref="CallAuthorizers.EvaluateAsync"/>, the same rules on every transport. In-process
/// calls are checked by the same handlers, on a request made of the credentials the client attached.
/// </summary>
internal sealed class AspNetCoreCallAuthorizer : ICallAuthorizer
{
    private readonly IServiceProvider _services;
    private readonly IOptionsMonitor<SerowSecurityOptions> _options;
    private readonly ConcurrentDictionary<SecurityScheme, string> _schemes = new();
    private readonly bool _hasAuthentication;

    public AspNetCoreCallAuthorizer(IServiceProvider services, IOptionsMonitor<SerowSecurityOptions> options)
    {
        _services = services;
        _options = options;
        _hasAuthentication = services.GetService<IServiceProviderIsService>()?.IsService(typeof(IAuthenticationService)) ?? true;
    }

    /// <summary>Authorizes a request to a secured method; the caller becomes the request's user.</summary>
    /// <exception cref="UnauthenticatedError">No requirement was met.</exception>
    /// <exception cref="PermissionDeniedError">The credentials lack a required scope.</exception>
    public async ValueTask<CallAuthorization> AuthorizeAsync(HttpContext context, MethodSecurity security)
    {
        var options = _options.CurrentValue;
        BrowserCredentials.Lift(context, options.AllowQueryCredentials);
        var authorization = await CallAuthorizers.EvaluateAsync(security, (this, context, options), static (state, scheme, _) => state.Item1.AuthenticateAsync(state.context, scheme, state.options), context.RequestAborted)
            .ConfigureAwait(false);
        context.User = authorization.User;
        return authorization;
    }

    /// <inheritdoc/>
    public async ValueTask<CallAuthorization> AuthorizeAsync(MethodSecurity security, IReadOnlyDictionary<string, string> credentials, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(security);
        ArgumentNullException.ThrowIfNull(credentials);
        await using var scope = _services.CreateAsyncScope();
        var context = new DefaultHttpContext { RequestServices = scope.ServiceProvider, RequestAborted = cancellationToken };
        foreach (var (name, value) in credentials)
        {
            context.Request.Headers[name] = value;
        }

        var options = _options.CurrentValue;
        return await CallAuthorizers.EvaluateAsync(security, (this, context, options), static (state, scheme, _) => state.Item1.AuthenticateAsync(state.context, scheme, state.options), cancellationToken)
            .ConfigureAwait(false);
    }

    private async ValueTask<SchemeAuthentication> AuthenticateAsync(HttpContext context, SecurityScheme scheme, SerowSecurityOptions options)
    {
        // A server that registered no handler for a designed scheme (or no ASP.NET Core authentication at all) refuses its
        // calls (fail closed) and says why.
        if (!_hasAuthentication || await AuthenticationSchemeOfAsync(scheme, options).ConfigureAwait(false) is not { } name)
        {
            return SchemeAuthentication.Refused(
                $"the server has no authentication handler for scheme \"{scheme.Name}\" (register one, for example AddAuthentication().AddJwtBearer(\"{scheme.Name}\") or .AddSerowApiKey(\"{scheme.Name}\", …))");
        }

        var result = await context.AuthenticateAsync(name).ConfigureAwait(false);
        if (result.Succeeded)
        {
            var expiresAt = options.EndStreamsWhenCredentialsExpire ? result.Properties?.ExpiresUtc ?? ExpiryClaim(result.Principal) : null;
            return SchemeAuthentication.Success(result.Principal, expiresAt);
        }

        return result.None || result.Failure is null ? SchemeAuthentication.None : SchemeAuthentication.Refused(Shorten(result.Failure.Message));
    }

    private async ValueTask<string?> AuthenticationSchemeOfAsync(SecurityScheme scheme, SerowSecurityOptions options)
    {
        if (options.AuthenticationSchemes.TryGetValue(scheme.Name, out var mapped))
        {
            return mapped;
        }

        if (_schemes.TryGetValue(scheme, out var known))
        {
            return known;
        }

        if (_services.GetService<IAuthenticationSchemeProvider>() is not { } provider)
        {
            return null;
        }

        var found = await provider.GetSchemeAsync(scheme.Name).ConfigureAwait(false)
            ?? (scheme.IsBearer ? await provider.GetSchemeAsync("Bearer").ConfigureAwait(false) : null)
            ?? await provider.GetDefaultAuthenticateSchemeAsync().ConfigureAwait(false);
        return found is null ? null : _schemes.GetOrAdd(scheme, found.Name);
    }

    private static DateTimeOffset? ExpiryClaim(ClaimsPrincipal? user) =>
        user?.FindFirst("exp")?.Value is { } exp && long.TryParse(exp, out var seconds) ? DateTimeOffset.FromUnixTimeSeconds(seconds) : null;

    // A handler's failure text is for the caller (as JwtBearer's WWW-Authenticate error_description is), kept short.
    private static string Shorten(string message) => message.Length <= 300 ? message : message[..300] + "…";
}
