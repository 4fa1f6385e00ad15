// Licensed under the MIT license. See LICENSE in the project root.

using System.Buffers.Text;
using Microsoft.AspNetCore.Http;
using Serow.Security;

namespace Serow.AspNetCore;

/// <summary>
/// Moves the credentials a browser can only carry in the WebSocket subprotocol list or the query of a stream request
/// into the headers the authentication handlers read, when the request has no such header.
/// </summary>
internal static class BrowserCredentials
{
    public static void Lift(HttpContext context, bool allowQuery)
    {
        var request = context.Request;
        var isWebSocket = WebSocketRequests.IsOpening(context);
        if (!isWebSocket && !AcceptsEventStream(request))
        {
            return;
        }

        var headers = request.Headers;
        string? bearer = null, apiKey = null, basic = null;
        if (isWebSocket)
        {
            foreach (var protocol in context.WebSockets.WebSocketRequestedProtocols)
            {
                if (protocol.StartsWith(SecurityHeaders.BearerSubprotocolPrefix, StringComparison.Ordinal))
                {
                    bearer ??= protocol[SecurityHeaders.BearerSubprotocolPrefix.Length..];
                }
                else if (protocol.StartsWith(SecurityHeaders.ApiKeySubprotocolPrefix, StringComparison.Ordinal))
                {
                    apiKey ??= protocol[SecurityHeaders.ApiKeySubprotocolPrefix.Length..];
                }
                else if (protocol.StartsWith(SecurityHeaders.BasicSubprotocolPrefix, StringComparison.Ordinal))
                {
                    basic ??= FromBase64Url(protocol[SecurityHeaders.BasicSubprotocolPrefix.Length..]);
                }
            }
        }

        if (allowQuery && (request.Query.ContainsKey(SecurityHeaders.AccessTokenQuery) || request.Query.ContainsKey(SecurityHeaders.ApiKeyQuery)))
        {
            bearer ??= request.Query.TryGetValue(SecurityHeaders.AccessTokenQuery, out var token) ? token.ToString() : null;
            apiKey ??= request.Query.TryGetValue(SecurityHeaders.ApiKeyQuery, out var key) ? key.ToString() : null;

            // Out of the query once lifted: what runs after (request logging, handlers, error pages) never sees them.
            request.QueryString = QueryString.Create(request.Query
                .Where(p => p.Key is not SecurityHeaders.AccessTokenQuery and not SecurityHeaders.ApiKeyQuery)
                .SelectMany(p => p.Value.Select(v => new KeyValuePair<string, string?>(p.Key, v))));
        }

        if (headers.Authorization.Count == 0)
        {
            if (bearer is { Length: > 0 })
            {
                headers.Authorization = "Bearer " + bearer;
            }
            else if (basic is { Length: > 0 })
            {
                headers.Authorization = "Basic " + basic;
            }
        }

        if (apiKey is { Length: > 0 } && !headers.ContainsKey(SecurityHeaders.ApiKey))
        {
            headers[SecurityHeaders.ApiKey] = apiKey;
        }
    }

    private static bool AcceptsEventStream(HttpRequest request)
    {
        foreach (var accept in request.Headers.Accept)
        {
            if (accept is not null && accept.Contains("text/event-stream", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    // The Basic subprotocol carries "user:password" in base64url (subprotocol names cannot hold '=', '/' or '+').
    private static string? FromBase64Url(string text)
    {
        try
        {
            return Convert.ToBase64String(Base64Url.DecodeFromChars(text));
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
