// Licensed under the MIT license. See LICENSE in the project root.

using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Serow.Http.WebSockets.Internal;

/// <summary>
/// Accepts an HTTP/1.1 WebSocket upgrade itself (RFC 6455 §4.2.2) instead of through <c>AcceptWebSocketAsync</c>, so that
/// the server keeps the connection's stream: when the WebSocket ends without a complete close handshake (ManagedWebSocket
/// answers a frame that breaks the protocol with close 1002 and stops reading), the server reads the peer's close frame
/// off the stream before the connection goes. Ending a connection with unread data resets it, and the peer would see
/// the reset instead of the close code. With <see cref="SerowHttpOptions.BufferWrites"/> frames sent in a row reach the
/// connection in one write (<see cref="UpgradedConnectionStream"/>).
/// </summary>
internal static class WebSocketUpgrade
{
    private const string Magic = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    /// <summary>
    /// Accepts the upgrade of an HTTP/1.1 request: the WebSocket, and the upgraded connection it writes to (text frames
    /// may be written to it directly when it gathers writes). Null for an HTTP/2 request (extended CONNECT), which goes
    /// through ASP.NET Core's own accept.
    /// </summary>
    public static async Task<(WebSocket Socket, UpgradedConnectionStream Connection)?> AcceptAsync(HttpContext context, WebSocketAcceptContext accept, bool bufferWrites)
    {
        var upgrade = context.Features.Get<IHttpUpgradeFeature>();
        var key = context.Request.Headers.SecWebSocketKey.ToString();
        if (upgrade is not { IsUpgradableRequest: true } || key.Length == 0)
        {
            return null;
        }

        var response = context.Response;
        response.Headers.Connection = "Upgrade";
        response.Headers.Upgrade = "websocket";
        response.Headers.SecWebSocketAccept = Convert.ToBase64String(SHA1.HashData(Encoding.ASCII.GetBytes(key.Trim() + Magic)));
        if (accept.SubProtocol is { } subProtocol)
        {
            response.Headers.SecWebSocketProtocol = subProtocol;
        }

        var connection = await upgrade.UpgradeAsync().ConfigureAwait(false);
        var held = new UpgradedConnectionStream(connection, bufferWrites);
        var socket = WebSocket.CreateFromStream(held, new WebSocketCreationOptions
        {
            IsServer = true,
            SubProtocol = accept.SubProtocol,
            KeepAliveInterval = accept.KeepAliveInterval ?? TimeSpan.FromSeconds(15),
            KeepAliveTimeout = accept.KeepAliveTimeout ?? Timeout.InfiniteTimeSpan,
        });
        return (socket, held);
    }

    /// <summary>
    /// When <paramref name="socket"/> ended without the peer's close frame having been read, reads its connection until
    /// that frame (or the end of the connection, or <paramref name="timeout"/>), so the connection ends without a reset.
    /// </summary>
    public static async Task DrainAsync(WebSocket socket, UpgradedConnectionStream connection, TimeSpan timeout)
    {
        if (socket.State == WebSocketState.Closed)
        {
            return;
        }

        using var limit = new CancellationTokenSource(timeout);
        var buffer = new byte[4096];
        var pending = new List<byte>();
        try
        {
            int read;
            while ((read = await connection.Inner.ReadAsync(buffer, limit.Token).ConfigureAwait(false)) > 0)
            {
                pending.AddRange(buffer.AsSpan(0, read));
                if (HoldsCloseFrame(pending))
                {
                    return;
                }
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException)
        {
            // The peer is gone or silent: nothing more to read.
        }
    }

    /// <summary>Whether the bytes read so far hold a whole close frame (after any whole frames before it).</summary>
    private static bool HoldsCloseFrame(List<byte> bytes)
    {
        var offset = 0;
        while (bytes.Count - offset >= 2)
        {
            var opcode = bytes[offset] & 0x0F;
            long length = bytes[offset + 1] & 0x7F;
            var header = 2;
            if (length == 126)
            {
                if (bytes.Count - offset < 4)
                {
                    return false;
                }

                length = (bytes[offset + 2] << 8) | bytes[offset + 3];
                header = 4;
            }
            else if (length == 127)
            {
                if (bytes.Count - offset < 10)
                {
                    return false;
                }

                length = 0;
                for (var i = 0; i < 8; i++)
                {
                    length = (length << 8) | bytes[offset + 2 + i];
                }

                header = 10;
            }

            var masked = (bytes[offset + 1] & 0x80) != 0;
            var total = header + (masked ? 4 : 0) + length;
            if (bytes.Count - offset < total)
            {
                return false;
            }

            if (opcode == 0x8)
            {
                return true;
            }

            offset += (int)total;
        }

        return false;
    }
}
