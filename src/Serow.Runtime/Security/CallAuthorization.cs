// Licensed under the MIT license. See LICENSE in the project root.

using System.Security.Claims;

namespace Serow.Security;

/// <summary>A call that was allowed: who the caller is and until when its credentials hold.</summary>
/// <param name="User">The caller, with one identity per scheme of the requirement that was met.</param>
/// <param name="ExpiresAt">When the credentials expire, if they say (the earliest of the schemes).</param>
public sealed record CallAuthorization(ClaimsPrincipal User, DateTimeOffset? ExpiresAt);
