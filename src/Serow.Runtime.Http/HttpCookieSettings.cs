// Licensed under the MIT license. See LICENSE in the project root.

using Microsoft.AspNetCore.Http;

namespace Serow.Http;

/// <summary>The attributes of a cookie a response sets, as the design declares them (<c>CookieMaxAge</c>, <c>CookieSecure</c>, …).</summary>
public sealed class HttpCookieSettings
{
    /// <summary>Max-Age in seconds; null for a session cookie.</summary>
    public int? MaxAge { get; init; }

    /// <summary>Sent over HTTPS only.</summary>
    public bool Secure { get; init; }

    /// <summary>Hidden from scripts.</summary>
    public bool HttpOnly { get; init; }

    /// <summary>The Domain attribute.</summary>
    public string? Domain { get; init; }

    /// <summary>The Path attribute.</summary>
    public string? Path { get; init; }

    /// <summary>The SameSite attribute: <c>Strict</c>, <c>Lax</c> or <c>None</c>; null leaves it out.</summary>
    public string? SameSite { get; init; }

    private CookieOptions? _options;

    // Made once: the settings are immutable, and the generated servers keep one instance per response.
    internal CookieOptions ToOptions() => _options ??= new()
    {
        MaxAge = MaxAge is { } seconds ? TimeSpan.FromSeconds(seconds) : null,
        Secure = Secure,
        HttpOnly = HttpOnly,
        Domain = Domain,
        Path = Path,
        SameSite = SameSite switch
        {
            "Strict" => SameSiteMode.Strict,
            "Lax" => SameSiteMode.Lax,
            "None" => SameSiteMode.None,
            _ => SameSiteMode.Unspecified,
        },
    };
}
