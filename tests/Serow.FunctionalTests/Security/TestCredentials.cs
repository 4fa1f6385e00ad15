// Licensed under the MIT license. See LICENSE in the project root.

using System.Security.Claims;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Serow.FunctionalTests.Security;

/// <summary>The test issuer's tokens, API key and Basic account, as the secured host accepts them.</summary>
internal static class TestCredentials
{
    public const string Issuer = "serow-tests";
    public const string Audience = "vault";
    public const string ApiKey = "partner-key-1";
    public const string BasicUser = "alice";
    public const string BasicPassword = "wonder:land";

    public static SymmetricSecurityKey SigningKey { get; } = new(Encoding.UTF8.GetBytes("serow-test-signing-key-of-at-least-256-bits!"));

    /// <summary>A signed token for <paramref name="name"/> granting <paramref name="scopes"/> (space-separated).</summary>
    public static string Token(string name, string scopes, TimeSpan? lifetime = null, SecurityKey? key = null)
    {
        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            Subject = new ClaimsIdentity([new Claim("name", name), new Claim("scope", scopes)]),
            NotBefore = now.AddMinutes(-1),
            IssuedAt = now.AddMinutes(-1),
            Expires = now + (lifetime ?? TimeSpan.FromMinutes(10)),
            SigningCredentials = new SigningCredentials(key ?? SigningKey, SecurityAlgorithms.HmacSha256),
        });
    }

    public static TokenValidationParameters Validation => new()
    {
        ValidIssuer = Issuer,
        ValidAudience = Audience,
        IssuerSigningKey = SigningKey,
        NameClaimType = "name",
        ClockSkew = TimeSpan.Zero,
    };

    public static ClaimsPrincipal User(string name, string scheme, params Claim[] claims) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.Name, name), .. claims], scheme));
}
