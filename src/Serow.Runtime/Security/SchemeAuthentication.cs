// Licensed under the MIT license. See LICENSE in the project root.

using System.Security.Claims;

namespace Serow.Security;

/// <summary>What one scheme made of a call's credentials: the caller it authenticated, or why not.</summary>
public sealed record SchemeAuthentication
{
    /// <summary>The authenticated caller, or null.</summary>
    public ClaimsPrincipal? User { get; init; }

    /// <summary>When the credentials expire, if they say.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>
    /// Why the credentials were refused (for the caller and the logs: never the credentials themselves), or null when
    /// none were presented.
    /// </summary>
    public string? Failure { get; init; }

    /// <summary>No credentials for the scheme were presented.</summary>
    public static SchemeAuthentication None { get; } = new();

    /// <summary>The scheme authenticated <paramref name="user"/>.</summary>
    /// <param name="user">The caller.</param>
    /// <param name="expiresAt">When its credentials expire, if known.</param>
    public static SchemeAuthentication Success(ClaimsPrincipal user, DateTimeOffset? expiresAt = null) => new() { User = user, ExpiresAt = expiresAt };

    /// <summary>The scheme refused the presented credentials.</summary>
    /// <param name="failure">Why.</param>
    public static SchemeAuthentication Refused(string failure) => new() { Failure = failure };
}
