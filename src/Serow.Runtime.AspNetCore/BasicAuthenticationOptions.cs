// Licensed under the MIT license. See LICENSE in the project root.

using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;

namespace Serow.AspNetCore;

/// <summary>Options of Serow's HTTP Basic authentication handler (<c>AddSerowBasic</c>).</summary>
public sealed class BasicAuthenticationOptions : AuthenticationSchemeOptions
{
    /// <summary>The realm named in the <c>WWW-Authenticate</c> challenge.</summary>
    public string Realm { get; set; } = "serow";

    /// <summary>
    /// Checks a user name and password: returns the caller (with a <c>scope</c> claim to grant scopes), or null to
    /// refuse them. Required.
    /// </summary>
    public Func<string, string, HttpContext, ValueTask<ClaimsPrincipal?>>? ValidateCredentials { get; set; }

    /// <inheritdoc/>
    public override void Validate()
    {
        base.Validate();
        if (ValidateCredentials is null)
        {
            throw new InvalidOperationException("BasicAuthenticationOptions.ValidateCredentials must be set: it decides which credentials are valid.");
        }
    }
}
