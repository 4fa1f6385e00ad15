// Licensed under the MIT license. See LICENSE in the project root.

using System.Net.WebSockets;

namespace Serow.Http.WebSockets.Internal;

/// <summary>Reads and drops what a peer still sends after the stream was refused, until its close frame.</summary>
internal static class WebSocketDrain
{
    /// <summary>Reads until the peer's close frame arrives, the connection breaks, or <paramref name="timeout"/> passes.</summary>
    public static async Task UntilCloseAsync(WebSocket socket, TimeSpan timeout)
    {
        var buffer = new byte[1024];
        using var limit = new CancellationTokenSource(timeout);
        try
        {
            while (socket.State is WebSocketState.Open or WebSocketState.CloseSent)
            {
                var result = await socket.ReceiveAsync(buffer.AsMemory(), limit.Token).ConfigureAwait(false);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }
            }
        }
        catch (Exception e) when (e is WebSocketException or IOException or OperationCanceledException or ObjectDisposedException)
        {
            // The peer is gone or took too long: the connection is dropped.
        }
    }
}
