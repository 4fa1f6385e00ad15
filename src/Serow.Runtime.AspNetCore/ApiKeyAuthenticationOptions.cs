// Licensed under the MIT license. See LICENSE in the project root.

using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;

namespace Serow.AspNetCore;

/// <summary>Options of Serow's API key authentication handler (<c>AddSerowApiKey</c>).</summary>
public sealed class ApiKeyAuthenticationOptions : AuthenticationSchemeOptions
{
    /// <summary>The header the key travels in; <c>X-API-Key</c> by default (the header the generated clients send).</summary>
    public string HeaderName { get; set; } = Security.SecurityHeaders.ApiKey;

    /// <summary>
    /// Checks a key: returns the caller it identifies (with a <c>scope</c> claim to grant scopes), or null to refuse it.
    /// Required.
    /// </summary>
    public Func<string, HttpContext, ValueTask<ClaimsPrincipal?>>? ValidateKey { get; set; }

    /// <inheritdoc/>
    public override void Validate()
    {
        base.Validate();
        if (ValidateKey is null)
        {
            throw new InvalidOperationException("ApiKeyAuthenticationOptions.ValidateKey must be set: it decides which keys are valid.");
        }
    }
}
