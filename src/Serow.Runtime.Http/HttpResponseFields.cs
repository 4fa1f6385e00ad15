// Licensed under the MIT license. See LICENSE in the project root.

using Microsoft.Net.Http.Headers;

namespace Serow.Http;

/// <summary>Reads the result attributes a design maps to response headers and cookies, for the generated clients.</summary>
public static class HttpResponseFields
{
    /// <summary>Reads a response header as the attribute's type.</summary>
    /// <typeparam name="T">The attribute's type.</typeparam>
    /// <param name="response">The response.</param>
    /// <param name="name">The header's name.</param>
    /// <param name="value">The value, when the header is present and parses.</param>
    /// <returns>Whether a value was read.</returns>
    public static bool TryHeader<T>(HttpResponseMessage response, string name, out T value)
    {
        ArgumentNullException.ThrowIfNull(response);
        if ((response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values))
            && HttpParameters.TryParse(string.Join(",", values), out value))
        {
            return true;
        }

        value = default!;
        return false;
    }

    /// <summary>Reads a cookie the response sets (<c>Set-Cookie</c>) as the attribute's type; the last one of that name wins.</summary>
    /// <typeparam name="T">The attribute's type.</typeparam>
    /// <param name="response">The response.</param>
    /// <param name="name">The cookie's name.</param>
    /// <param name="value">The value, when the cookie is set and parses.</param>
    /// <returns>Whether a value was read.</returns>
    public static bool TryCookie<T>(HttpResponseMessage response, string name, out T value)
    {
        ArgumentNullException.ThrowIfNull(response);
        string? found = null;
        if (response.Headers.TryGetValues(HeaderNames.SetCookie, out var cookies))
        {
            foreach (var header in cookies)
            {
                if (SetCookieHeaderValue.TryParse(header, out var cookie) && cookie.Name.Equals(name, StringComparison.Ordinal))
                {
                    found = Uri.UnescapeDataString(cookie.Value.ToString());
                }
            }
        }

        if (found is not null && HttpParameters.TryParse(found, out value))
        {
            return true;
        }

        value = default!;
        return false;
    }
}
