// Licensed under the MIT license. See LICENSE in the project root.

using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Streaming.Services;

/// <summary>
/// The example's development credentials: a signing key for the JWTs the host issues itself (chat.connect) and the API
/// key of logger.manage. Both are new for every host run unless given; never use this scheme in production, where
/// tokens come from an identity provider and keys from a secret store.
/// </summary>
public sealed class DevelopmentCredentials
{
    public const string Issuer = "serow-streaming-example";
    public const string Audience = "streaming";

    public DevelopmentCredentials(string? apiKey = null, byte[]? signingKey = null)
    {
        ApiKey = apiKey ?? "dev-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(12)).ToLowerInvariant();
        SigningKey = new SymmetricSecurityKey(signingKey ?? RandomNumberGenerator.GetBytes(32));
    }

    /// <summary>The API key logger.manage accepts (header X-API-Key).</summary>
    public string ApiKey { get; }

    public SymmetricSecurityKey SigningKey { get; }

    public TokenValidationParameters Validation => new()
    {
        ValidIssuer = Issuer,
        ValidAudience = Audience,
        IssuerSigningKey = SigningKey,
        ClockSkew = TimeSpan.FromSeconds(5),
    };

    /// <summary>A signed token naming <paramref name="user"/>, valid for <paramref name="lifetime"/> (an hour by default).</summary>
    public string IssueToken(string user, TimeSpan? lifetime = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(user);
        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            Subject = new ClaimsIdentity([new Claim("name", user), new Claim("sub", user)]),
            NotBefore = now,
            IssuedAt = now,
            Expires = now + (lifetime ?? TimeSpan.FromHours(1)),
            SigningCredentials = new SigningCredentials(SigningKey, SecurityAlgorithms.HmacSha256),
        });
    }

    /// <summary>Whether <paramref name="key"/> is the API key, compared in constant time.</summary>
    public bool IsApiKey(string key) =>
        CryptographicOperations.FixedTimeEquals(System.Text.Encoding.UTF8.GetBytes(key), System.Text.Encoding.UTF8.GetBytes(ApiKey));
}
