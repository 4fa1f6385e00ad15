// Licensed under the MIT license. See LICENSE in the project root.

using Microsoft.AspNetCore.Http;

namespace Serow.Http.Internal;

/// <summary>Decides whether a WebSocket upgrade may come from the request's <c>Origin</c>.</summary>
internal static class OriginPolicy
{
    /// <summary>
    /// Allowed: no <c>Origin</c> header (not a browser), the server's own origin (same host and port), or an origin in
    /// <paramref name="allowed"/> (<c>*</c> allows any).
    /// </summary>
    public static bool IsAllowed(HttpContext context, IList<string> allowed)
    {
        var origin = context.Request.Headers.Origin.ToString();
        if (origin.Length == 0 || allowed.Contains("*"))
        {
            return true;
        }

        if (allowed.Any(a => string.Equals(a.TrimEnd('/'), origin.TrimEnd('/'), StringComparison.OrdinalIgnoreCase)))
        {
            return true;
        }

        return Uri.TryCreate(origin, UriKind.Absolute, out var uri)
            && string.Equals(uri.Authority, context.Request.Host.Value, StringComparison.OrdinalIgnoreCase);
    }
}
