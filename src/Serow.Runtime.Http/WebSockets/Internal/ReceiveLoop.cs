// Licensed under the MIT license. See LICENSE in the project root.

using System.Net.WebSockets;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Serow.Streaming.Internal;

namespace Serow.Http.WebSockets.Internal;

/// <summary>What the role reading a WebSocket stream (the server or the client) does with the frames that are not messages.</summary>
internal interface IFrameSink
{
    /// <summary>The peer's end-of-input frame (<c>null</c>) arrived; only a client sends one.</summary>
    void OnEndOfInput();

    /// <summary>A data frame of <paramref name="bytes"/> bytes arrived (for the byte counters).</summary>
    void OnDataFrameReceived(int bytes)
    {
    }

    /// <summary>An error frame arrived; only a server sends one.</summary>
    void OnErrorFrame(HttpErrorBody? body);

    /// <summary>A position frame arrived (where a resumable stream starts); only a server sends one, before any result.</summary>
    void OnPositionFrame(string position)
    {
    }

    /// <summary>The peer's close frame arrived; the loop has ended.</summary>
    Task OnCloseAsync(WebSocketCloseStatus? status, string? description);

    /// <summary>The peer broke the protocol; the loop has ended and the stream must be refused with <paramref name="status"/>.</summary>
    Task OnViolationAsync(WebSocketCloseStatus status, string reason);

    /// <summary>The connection broke (or was aborted); the loop has ended.</summary>
    void OnConnectionLost(Exception exception);
}

/// <summary>
/// The receive loop of a WebSocket stream, for the server and the client alike: reads whole messages (within the size
/// limit), decodes them (one per frame, or the arrays of <c>serow.v1.batch</c>, one message at a time) into the
/// stream's inbound queue, and hands every other frame to the role's <see cref="IFrameSink"/>. The queue's capacity is
/// the backpressure: the loop reads no further while it is full. One wake-up per frame, on the loop's thread.
/// </summary>
internal static class ReceiveLoop
{
    /// <summary>Runs the loop until the peer's close, a protocol violation or a broken connection.</summary>
    /// <param name="socket">The stream's WebSocket.</param>
    /// <param name="maxMessageSize">The largest message accepted.</param>
    /// <param name="type">How to read the peer's messages; null when the peer sends none.</param>
    /// <param name="batched">Whether the <c>serow.v1.batch</c> subprotocol is in effect.</param>
    /// <param name="role">Whether this is the server (which reads end-of-input frames) or the client (which reads error frames).</param>
    /// <param name="queue">Where messages go; null when the peer sends none.</param>
    /// <param name="sink">What to do with the other frames.</param>
    /// <param name="method">The method's name, for messages.</param>
    public static async Task RunAsync<T>(
        WebSocket socket, int maxMessageSize, JsonTypeInfo<T>? type, bool batched, StreamRole role, InboundQueue<T>? queue, IFrameSink sink, string method)
    {
        // Returns to the caller (the stream's opening) at once; the loop runs on the thread pool. Cheaper than
        // Task.Run, which would add a task, a promise and a closure to every open stream.
        await Task.Yield();
        using var reader = new MessageReader(socket, maxMessageSize);
        var discard = false;
        try
        {
            while (true)
            {
                // No token: aborting the call aborts the socket, which ends the read, without a registration per read.
                var kind = reader.Complete(await reader.ReceiveAsync(CancellationToken.None).ConfigureAwait(false));
                switch (kind)
                {
                    case FrameKind.Partial:
                        continue;
                    case FrameKind.Close:
                        await sink.OnCloseAsync(socket.CloseStatus, socket.CloseStatusDescription).ConfigureAwait(false);
                        return;
                    case FrameKind.TooLarge:
                        await sink.OnViolationAsync(WebSocketCloseStatus.MessageTooBig, $"a message is larger than the limit of {maxMessageSize} bytes").ConfigureAwait(false);
                        return;
                    case FrameKind.Binary:
                        await sink.OnViolationAsync(WebSocketCloseStatus.InvalidMessageType, "binary frames are not supported: send each message as a JSON text frame").ConfigureAwait(false);
                        return;
                }

                var frame = reader.Message;
                if (role == StreamRole.Client && WebSocketProtocol.IsErrorFrame(frame.Span))
                {
                    sink.OnErrorFrame(WebSocketProtocol.ParseErrorFrame(frame.Span));
                    continue;
                }

                if (role == StreamRole.Client && WebSocketProtocol.IsPositionFrame(frame.Span))
                {
                    if (WebSocketProtocol.ParsePositionFrame(frame.Span) is not { } position)
                    {
                        await sink.OnViolationAsync(WebSocketCloseStatus.InvalidPayloadData, "a position frame must be {\"$serow.position\": \"…\"}").ConfigureAwait(false);
                        return;
                    }

                    sink.OnPositionFrame(position);
                    continue;
                }

                if (discard)
                {
                    // After the end of the input, or once the receiver has finished: nobody takes messages any more.
                    continue;
                }

                if (role == StreamRole.Server && WebSocketProtocol.IsNull(frame.Span))
                {
                    discard = true;
                    queue?.Complete();
                    sink.OnEndOfInput();
                    continue;
                }

                if (type is null || queue is null)
                {
                    await sink.OnViolationAsync(WebSocketCloseStatus.PolicyViolation, $"{method} takes no messages from the {(role == StreamRole.Server ? "client" : "server")}").ConfigureAwait(false);
                    return;
                }

                sink.OnDataFrameReceived(frame.Length);

                try
                {
                    if (!batched)
                    {
                        var message = JsonSerializer.Deserialize(frame.Span, type) ?? throw new JsonException("a frame holds null where a message is expected");
                        discard = !await queue.TryAddAsync(message, CancellationToken.None).ConfigureAwait(false);
                    }
                    else
                    {
                        var cursor = default(BatchCursor);
                        while (!discard && BatchFrames<T>.TryReadNext(ref cursor, reader.Message.Span, type, out var message))
                        {
                            discard = !await queue.TryAddAsync(message, CancellationToken.None).ConfigureAwait(false);
                        }
                    }
                }
                catch (JsonException e)
                {
                    await sink.OnViolationAsync(WebSocketCloseStatus.InvalidPayloadData, "invalid JSON message: " + e.Message).ConfigureAwait(false);
                    return;
                }

                // One wake-up for the whole frame.
                queue.Publish();
            }
        }
        catch (Exception e)
        {
            sink.OnConnectionLost(e);
        }
    }
}

/// <summary>Which side of a stream a shared piece serves.</summary>
internal enum StreamRole
{
    Server,
    Client,
}
