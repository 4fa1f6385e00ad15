// Licensed under the MIT license. See LICENSE in the project root.

using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Serow.Http.Internal;

/// <summary>
/// Decides whether a WebSocket upgrade may come from the request's <c>Origin</c>. The server's own origins are those it
/// listens on, never the request's <c>Host</c> header: a DNS-rebinding page (a name the attacker controls, resolved to
/// the server's address) sends a <c>Host</c> that matches its own <c>Origin</c>, so comparing the two would let it in.
/// </summary>
internal static class OriginPolicy
{
    private static readonly string[] LoopbackNames = ["localhost", "127.0.0.1", "[::1]"];

    /// <summary>
    /// Allowed: no <c>Origin</c> header (not a browser), an origin in <paramref name="allowed"/> (<c>*</c> allows any),
    /// or one of the server's own listening addresses (a loopback or wildcard binding also answers to the loopback names).
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

        return Uri.TryCreate(origin, UriKind.Absolute, out var uri) && OwnOrigins(context).Any(own => Same(own, uri));
    }

    /// <summary>The origins the server listens on (scheme, host, port).</summary>
    public static IEnumerable<(string Scheme, string Host, int Port)> OwnOrigins(HttpContext context)
    {
        var addresses = context.RequestServices?.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        foreach (var address in addresses)
        {
            // Kestrel writes wildcard bindings as http://+:80, http://*:80, http://0.0.0.0:80 or http://[::]:80.
            var parsable = address.Replace("://+", "://0.0.0.0", StringComparison.Ordinal).Replace("://*", "://0.0.0.0", StringComparison.Ordinal);
            if (!Uri.TryCreate(parsable, UriKind.Absolute, out var bound))
            {
                continue;
            }

            var host = bound.Host.Trim('[', ']');
            var loopbackOrWildcard = host == "localhost" || (IPAddress.TryParse(host, out var ip) && (IPAddress.IsLoopback(ip) || ip.Equals(IPAddress.Any) || ip.Equals(IPAddress.IPv6Any)));
            if (!loopbackOrWildcard || host == "localhost")
            {
                yield return (bound.Scheme, bound.Host, bound.Port);
            }

            if (loopbackOrWildcard)
            {
                foreach (var name in LoopbackNames)
                {
                    yield return (bound.Scheme, name, bound.Port);
                }
            }
        }
    }

    private static bool Same((string Scheme, string Host, int Port) own, Uri origin) =>
        string.Equals(own.Scheme, origin.Scheme, StringComparison.OrdinalIgnoreCase)
        && own.Port == origin.Port
        && string.Equals(own.Host.Trim('[', ']'), origin.Host.Trim('[', ']'), StringComparison.OrdinalIgnoreCase);
}
