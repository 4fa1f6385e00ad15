// Licensed under the MIT license. See LICENSE in the project root.

using System.Net.Http.Headers;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Serow.AspNetCore;

/// <summary>Authenticates a request by HTTP Basic credentials (RFC 7617, UTF-8), with the application's validator.</summary>
internal sealed class BasicAuthenticationHandler(IOptionsMonitor<BasicAuthenticationOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<BasicAuthenticationOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!AuthenticationHeaderValue.TryParse(Request.Headers.Authorization.ToString(), out var header)
            || !string.Equals(header.Scheme, "Basic", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter ?? string.Empty));
        }
        catch (FormatException)
        {
            return AuthenticateResult.Fail("the Basic credentials are not valid base64");
        }

        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            return AuthenticateResult.Fail("the Basic credentials are not \"user:password\"");
        }

        var user = await Options.ValidateCredentials!(decoded[..colon], decoded[(colon + 1)..], Context).ConfigureAwait(false);
        return user is null
            ? AuthenticateResult.Fail("the user name or password is not valid")
            : AuthenticateResult.Success(new AuthenticationTicket(user, Scheme.Name));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = 401;
        Response.Headers.WWWAuthenticate = $"Basic realm=\"{Options.Realm}\", charset=\"UTF-8\"";
        return Task.CompletedTask;
    }
}
