// Licensed under the MIT license. See LICENSE in the project root.

using Microsoft.AspNetCore.Authentication;

namespace Serow.AspNetCore;

/// <summary>Registers Serow's authentication handlers for the designed API key and Basic schemes.</summary>
public static class SerowAuthenticationBuilderExtensions
{
    /// <summary>Adds an API key handler; name it after the designed <c>APIKeySecurity</c> scheme.</summary>
    /// <param name="builder">The application's authentication builder.</param>
    /// <param name="scheme">The authentication scheme's name (the designed scheme's, unless mapped otherwise).</param>
    /// <param name="configure">Sets <see cref="ApiKeyAuthenticationOptions.ValidateKey"/>.</param>
    /// <returns>The builder.</returns>
    public static AuthenticationBuilder AddSerowApiKey(this AuthenticationBuilder builder, string scheme, Action<ApiKeyAuthenticationOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(scheme);
        return builder.AddScheme<ApiKeyAuthenticationOptions, ApiKeyAuthenticationHandler>(scheme, configure);
    }

    /// <summary>Adds an HTTP Basic handler; name it after the designed <c>BasicAuthSecurity</c> scheme.</summary>
    /// <param name="builder">The application's authentication builder.</param>
    /// <param name="scheme">The authentication scheme's name (the designed scheme's, unless mapped otherwise).</param>
    /// <param name="configure">Sets <see cref="BasicAuthenticationOptions.ValidateCredentials"/>.</param>
    /// <returns>The builder.</returns>
    public static AuthenticationBuilder AddSerowBasic(this AuthenticationBuilder builder, string scheme, Action<BasicAuthenticationOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(scheme);
        return builder.AddScheme<BasicAuthenticationOptions, BasicAuthenticationHandler>(scheme, configure);
    }
}
