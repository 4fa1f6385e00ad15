// Licensed under the MIT license. See LICENSE in the project root.

using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Serow.AspNetCore;

/// <summary>
/// Recognizes a WebSocket opening request whether or not the application added ASP.NET Core's WebSocket middleware
/// (Serow's endpoints install the WebSocket feature themselves when it did not).
/// </summary>
internal static class WebSocketRequests
{
    public static bool IsOpening(HttpContext context)
    {
        if (context.WebSockets.IsWebSocketRequest)
        {
            return true;
        }

        // RFC 8441: a WebSocket over HTTP/2 is an extended CONNECT with the protocol "websocket".
        if (context.Features.Get<IHttpExtendedConnectFeature>() is { IsExtendedConnect: true, Protocol: var protocol })
        {
            return string.Equals(protocol, "websocket", StringComparison.OrdinalIgnoreCase);
        }

        return HttpMethods.IsGet(context.Request.Method)
            && context.Request.Headers.Upgrade.ToString().Contains("websocket", StringComparison.OrdinalIgnoreCase);
    }
}
