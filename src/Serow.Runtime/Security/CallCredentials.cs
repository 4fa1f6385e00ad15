// Licensed under the MIT license. See LICENSE in the project root.

using System.Text;

namespace Serow.Security;

/// <summary>
/// Supplies the credentials of a generated client's calls to secured methods (set on the client's options). Asked once
/// per call, just before the call starts, so that a token can be refreshed between calls; never asked for methods that
/// require nothing. Each built-in kind applies only when the method accepts a scheme of its kind.
/// </summary>
public abstract class CallCredentials
{
    /// <summary>Writes the call's credential headers into <paramref name="context"/>.</summary>
    /// <param name="context">The call.</param>
    /// <param name="cancellationToken">The call's token.</param>
    public abstract ValueTask ApplyAsync(CallCredentialsContext context, CancellationToken cancellationToken);

    /// <summary>A bearer token for JWT and OAuth2 schemes (<c>Authorization: Bearer …</c>).</summary>
    /// <param name="token">The token.</param>
    public static CallCredentials BearerToken(string token)
    {
        ArgumentException.ThrowIfNullOrEmpty(token);
        return BearerToken((_, _) => ValueTask.FromResult<string?>(token));
    }

    /// <summary>A bearer token obtained for each call (from a cache that refreshes it, for example); null sends none.</summary>
    /// <param name="getToken">Returns the token for a call.</param>
    public static CallCredentials BearerToken(Func<CallCredentialsContext, CancellationToken, ValueTask<string?>> getToken)
    {
        ArgumentNullException.ThrowIfNull(getToken);
        return new HeaderCredentials(
            static security => security.Accepts(SecuritySchemeKind.Jwt) || security.Accepts(SecuritySchemeKind.OAuth2),
            SecurityHeaders.Authorization,
            async (context, token) => await getToken(context, token).ConfigureAwait(false) is { Length: > 0 } value ? "Bearer " + value : null);
    }

    /// <summary>An API key (<c>X-API-Key</c>).</summary>
    /// <param name="key">The key.</param>
    public static CallCredentials ApiKey(string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        return ApiKey((_, _) => ValueTask.FromResult<string?>(key));
    }

    /// <summary>An API key obtained for each call; null sends none.</summary>
    /// <param name="getKey">Returns the key for a call.</param>
    public static CallCredentials ApiKey(Func<CallCredentialsContext, CancellationToken, ValueTask<string?>> getKey)
    {
        ArgumentNullException.ThrowIfNull(getKey);
        return new HeaderCredentials(static security => security.Accepts(SecuritySchemeKind.ApiKey), SecurityHeaders.ApiKey, getKey);
    }

    /// <summary>A user name and password (<c>Authorization: Basic …</c>).</summary>
    /// <param name="user">The user name (without a colon).</param>
    /// <param name="password">The password.</param>
    public static CallCredentials Basic(string user, string password)
    {
        ArgumentException.ThrowIfNullOrEmpty(user);
        ArgumentNullException.ThrowIfNull(password);
        if (user.Contains(':', StringComparison.Ordinal))
        {
            throw new ArgumentException("A Basic user name cannot contain a colon.", nameof(user));
        }

        var value = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(user + ":" + password));
        return new HeaderCredentials(static security => security.Accepts(SecuritySchemeKind.BasicAuth), SecurityHeaders.Authorization,
            (_, _) => ValueTask.FromResult<string?>(value));
    }

    /// <summary>
    /// Several credentials applied in order (a later one replaces the same header of an earlier one): for example a
    /// bearer token for some methods and an API key for others.
    /// </summary>
    /// <param name="credentials">The credentials.</param>
    public static CallCredentials Combine(params CallCredentials[] credentials)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        return new CombinedCredentials([.. credentials]);
    }

    /// <summary>
    /// The credential headers of a call: none (null, without asking) for a method without security or a client without
    /// credentials. Transports call it once per call.
    /// </summary>
    /// <param name="credentials">The client's credentials, or null.</param>
    /// <param name="security">What the method requires, or null.</param>
    /// <param name="transport">The transport's name.</param>
    /// <param name="cancellationToken">The call's token.</param>
    public static async ValueTask<IReadOnlyDictionary<string, string>?> CollectAsync(
        CallCredentials? credentials, MethodSecurity? security, string transport, CancellationToken cancellationToken)
    {
        if (credentials is null || security is null)
        {
            return null;
        }

        var context = new CallCredentialsContext(security, transport);
        await credentials.ApplyAsync(context, cancellationToken).ConfigureAwait(false);
        return context.Headers;
    }

    private sealed class HeaderCredentials(
        Func<MethodSecurity, bool> applies, string header, Func<CallCredentialsContext, CancellationToken, ValueTask<string?>> value) : CallCredentials
    {
        public override async ValueTask ApplyAsync(CallCredentialsContext context, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(context);
            if (applies(context.Security) && await value(context, cancellationToken).ConfigureAwait(false) is { Length: > 0 } text)
            {
                context.SetHeader(header, text);
            }
        }
    }

    private sealed class CombinedCredentials(CallCredentials[] all) : CallCredentials
    {
        public override async ValueTask ApplyAsync(CallCredentialsContext context, CancellationToken cancellationToken)
        {
            foreach (var credentials in all)
            {
                await credentials.ApplyAsync(context, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
