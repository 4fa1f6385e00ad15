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
    /// <param name="bytes">The frame's size.</param>
    /// <param name="waited">
    /// Whether the loop waited for it on the connection (it did not come with an earlier frame): the peer may be waiting
    /// for an answer.
    /// </param>
    void OnDataFrameReceived(int bytes, bool waited)
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
/// The side of a stream a receive loop serves: what it reads and where messages go, besides what it does with the other
/// frames. The call object answers from its own fields, so that the loop, which lives as long as the stream, holds one
/// reference instead of a copy of each.
/// </summary>
/// <typeparam name="T">The type of the peer's messages.</typeparam>
internal interface IReceiveHost<T> : IFrameSink
{
    /// <summary>The stream's WebSocket.</summary>
    WebSocket Socket { get; }

    /// <summary>The largest message accepted.</summary>
    int MaxMessageSize { get; }

    /// <summary>How to read the peer's messages; null when the peer sends none.</summary>
    JsonTypeInfo<T>? Incoming { get; }

    /// <summary>Whether this is the server (which reads end-of-input frames) or the client (which reads error frames).</summary>
    StreamRole Role { get; }

    /// <summary>Where messages go; null when the peer sends none.</summary>
    InboundQueue<T>? Queue { get; }

    /// <summary>The method's name, for messages.</summary>
    string Method { get; }
}

/// <summary>
/// The receive loop of a WebSocket stream, for the server and the client alike: reads whole messages (within the size
/// limit), decodes them (one per frame, or the arrays of <c>serow.v1.batch</c>, one message at a time) into the
/// stream's inbound queue, and hands every other frame to the role's <see cref="IFrameSink"/>. The queue's capacity is
/// the backpressure: the loop reads no further while it is full. One wake-up per frame, on the loop's thread.
/// </summary>
/// <remarks>
/// An idle stream holds this loop's state for as long as it is open, so the state is kept small: the settings are read
/// from the host, and the batched path (whose cursor is large) runs in a method of its own.
/// </remarks>
internal static class ReceiveLoop
{
    /// <summary>Runs the loop until the peer's close, a protocol violation or a broken connection.</summary>
    /// <param name="host">The side of the stream.</param>
    public static async Task RunAsync<T>(IReceiveHost<T> host)
    {
        // Returns to the caller (the stream's opening) at once; the loop runs on the thread pool. Cheaper than
        // Task.Run, which would add a task, a promise and a closure to every open stream.
        await Task.Yield();
        var reader = new MessageReader(host.Socket, host.MaxMessageSize);
        var batched = host.Socket.SubProtocol == WebSocketProtocol.BatchSubprotocol;
        var discard = false;
        var waited = false;
        try
        {
            while (true)
            {
                // No token: aborting the call aborts the socket, which ends the read, without a registration per read.
                var receiving = reader.ReceiveAsync(CancellationToken.None);
                waited |= !receiving.IsCompleted;
                var kind = reader.Complete(await receiving.ConfigureAwait(false));
                switch (kind)
                {
                    case FrameKind.Partial:
                        continue;
                    case FrameKind.Close:
                        await host.OnCloseAsync(host.Socket.CloseStatus, host.Socket.CloseStatusDescription).ConfigureAwait(false);
                        return;
                    case FrameKind.TooLarge:
                        await host.OnViolationAsync(WebSocketCloseStatus.MessageTooBig, $"a message is larger than the limit of {host.MaxMessageSize} bytes").ConfigureAwait(false);
                        return;
                    case FrameKind.Binary:
                        await host.OnViolationAsync(WebSocketCloseStatus.InvalidMessageType, "binary frames are not supported: send each message as a JSON text frame").ConfigureAwait(false);
                        return;
                }

                var role = host.Role;
                var frame = reader.Message;
                var arrived = waited;
                waited = false;
                if (role == StreamRole.Client && WebSocketProtocol.IsErrorFrame(frame.Span))
                {
                    host.OnErrorFrame(WebSocketProtocol.ParseErrorFrame(frame.Span));
                    continue;
                }

                if (role == StreamRole.Client && WebSocketProtocol.IsPositionFrame(frame.Span))
                {
                    if (WebSocketProtocol.ParsePositionFrame(frame.Span) is not { } position)
                    {
                        await host.OnViolationAsync(WebSocketCloseStatus.InvalidPayloadData, "a position frame must be {\"$serow.position\": \"…\"}").ConfigureAwait(false);
                        return;
                    }

                    host.OnPositionFrame(position);
                    continue;
                }

                if (discard)
                {
                    // After the end of the input, or once the receiver has finished: nobody takes messages any more.
                    continue;
                }

                var queue = host.Queue;
                if (role == StreamRole.Server && WebSocketProtocol.IsNull(frame.Span))
                {
                    discard = true;
                    queue?.Complete();
                    host.OnEndOfInput();
                    continue;
                }

                if (host.Incoming is not { } type || queue is null)
                {
                    await host.OnViolationAsync(WebSocketCloseStatus.PolicyViolation, $"{host.Method} takes no messages from the {(role == StreamRole.Server ? "client" : "server")}").ConfigureAwait(false);
                    return;
                }

                host.OnDataFrameReceived(frame.Length, arrived);

                // Set by a frame that is not valid JSON; the violation is answered outside the catch.
                string? invalid = null;
                try
                {
                    if (!batched)
                    {
                        var message = JsonSerializer.Deserialize(frame.Span, type) ?? throw new JsonException("a frame holds null where a message is expected");
                        discard = !await queue.TryAddAsync(message, CancellationToken.None).ConfigureAwait(false);
                    }
                    else
                    {
                        discard = !await AddBatchAsync(frame, type, queue).ConfigureAwait(false);
                    }
                }
                catch (JsonException e)
                {
                    invalid = "invalid JSON message: " + e.Message;
                }

                if (invalid is not null)
                {
                    await host.OnViolationAsync(WebSocketCloseStatus.InvalidPayloadData, invalid).ConfigureAwait(false);
                    return;
                }

                // One wake-up for the whole frame.
                queue.Publish();
            }
        }
        catch (Exception e)
        {
            host.OnConnectionLost(e);
        }
        finally
        {
            reader.Dispose();
        }
    }

    /// <summary>Adds the messages of one <c>serow.v1.batch</c> frame, one at a time; false once the queue takes no more.</summary>
    [System.Runtime.CompilerServices.AsyncMethodBuilder(typeof(System.Runtime.CompilerServices.PoolingAsyncValueTaskMethodBuilder<>))]
    private static async ValueTask<bool> AddBatchAsync<T>(ReadOnlyMemory<byte> frame, JsonTypeInfo<T> type, InboundQueue<T> queue)
    {
        var cursor = default(BatchCursor);
        while (BatchFrames<T>.TryReadNext(ref cursor, frame.Span, type, out var message))
        {
            if (!await queue.TryAddAsync(message, CancellationToken.None).ConfigureAwait(false))
            {
                return false;
            }
        }

        return true;
    }
}

/// <summary>Which side of a stream a shared piece serves.</summary>
internal enum StreamRole
{
    Server,
    Client,
}
