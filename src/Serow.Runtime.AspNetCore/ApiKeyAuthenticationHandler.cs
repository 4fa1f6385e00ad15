// Licensed under the MIT license. See LICENSE in the project root.

using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Serow.AspNetCore;

/// <summary>Authenticates a request by the API key in a header, with the application's validator.</summary>
internal sealed class ApiKeyAuthenticationHandler(IOptionsMonitor<ApiKeyAuthenticationOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<ApiKeyAuthenticationOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(Options.HeaderName, out var values) || values.ToString() is not { Length: > 0 } key)
        {
            return AuthenticateResult.NoResult();
        }

        var user = await Options.ValidateKey!(key, Context).ConfigureAwait(false);
        return user is null
            ? AuthenticateResult.Fail("the API key is not valid")
            : AuthenticateResult.Success(new AuthenticationTicket(user, Scheme.Name));
    }
}
