// Licensed under the MIT license. See LICENSE in the project root.

using System.Net.WebSockets;
using System.Text;

namespace Serow.Http.WebSockets;

/// <summary>The constants of Serow's WebSocket stream protocol (see docs/protocol-websocket.md).</summary>
public static class WebSocketProtocol
{
    /// <summary>The response header of the 101 answer naming the view the results are projected to.</summary>
    public const string ViewHeader = "Serow-View";

    /// <summary>
    /// The subprotocol of one message per data frame (the default without any subprotocol). A browser that carries
    /// credentials in its subprotocol list offers it too, so that the server has one to select (browsers refuse an
    /// upgrade that selects none of the offered subprotocols).
    /// </summary>
    public const string Subprotocol = "serow.v1";

    /// <summary>The subprotocol under which every data frame, in both directions, holds a JSON array of one or more messages.</summary>
    public const string BatchSubprotocol = "serow.v1.batch";

    /// <summary>The only property of an error frame: <c>{"$serow.error": {name, id, message, temporary, timeout, fault, errors}}</c>.</summary>
    public const string ErrorProperty = "$serow.error";

    /// <summary>
    /// The only property of a position frame: <c>{"$serow.position": "…"}</c>, the first frame of a resumable stream whose
    /// handler said where it starts; a client that reconnects before any result resumes after it.
    /// </summary>
    public const string PositionProperty = "$serow.position";

    /// <summary>The first close code of service errors: the code is 4000 plus the HTTP status the error maps to.</summary>
    public const int ServiceErrorCloseBase = 4000;

    /// <summary>
    /// The close code of a call the server cancelled itself (the handler's own token, a failed keepalive): 4000 + 499,
    /// the HTTP status gRPC gateways give CANCELLED. Its error frame is named <see cref="CancelledName"/>, and clients
    /// surface it as <see cref="OperationCanceledException"/>.
    /// </summary>
    public const WebSocketCloseStatus CancelledStatus = (WebSocketCloseStatus)4499;

    /// <summary>The name of the error of a call the server cancelled.</summary>
    public const string CancelledName = Streaming.StreamErrors.CancelledName;

    internal static readonly byte[] ErrorPrefix = Encoding.UTF8.GetBytes("{\"" + ErrorProperty + "\":");

    internal static readonly byte[] Null = "null"u8.ToArray();

    internal static readonly byte[] PositionPrefix = Encoding.UTF8.GetBytes("{\"" + PositionProperty + "\":");

    /// <summary>The close code of a service error: 4000 + its HTTP status, within 4000–4999.</summary>
    /// <param name="status">The HTTP status the error maps to.</param>
    public static WebSocketCloseStatus CloseStatusOf(int status) =>
        (WebSocketCloseStatus)(ServiceErrorCloseBase + Math.Clamp(status, 0, 999));

    /// <summary>Whether a close code carries a service error.</summary>
    /// <param name="status">The close code.</param>
    public static bool IsServiceError(WebSocketCloseStatus? status) =>
        status is { } code && (int)code is >= ServiceErrorCloseBase and <= 4999;

    /// <summary>A close reason that fits the 123 bytes a close frame allows.</summary>
    internal static string Reason(string text)
    {
        if (Encoding.UTF8.GetByteCount(text) <= 123)
        {
            return text;
        }

        var builder = new StringBuilder();
        foreach (var rune in text.EnumerateRunes())
        {
            if (Encoding.UTF8.GetByteCount(builder.ToString()) + rune.Utf8SequenceLength > 120)
            {
                break;
            }

            builder.Append(rune.ToString());
        }

        return builder.Append('…').ToString();
    }

    internal static bool IsNull(ReadOnlySpan<byte> frame) => frame.Trim(" \t\r\n"u8).SequenceEqual(Null);

    internal static bool IsErrorFrame(ReadOnlySpan<byte> frame) => frame.TrimStart(" \t\r\n"u8).StartsWith(ErrorPrefix);

    internal static byte[] ErrorFrame(HttpErrorBody body) =>
        Encoding.UTF8.GetBytes("{\"" + ErrorProperty + "\":" + HttpErrors.Serialize(body) + "}");

    internal static bool IsPositionFrame(ReadOnlySpan<byte> frame) => frame.TrimStart(" \t\r\n"u8).StartsWith(PositionPrefix);

    internal static byte[] PositionFrame(string position)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new System.Text.Json.Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString(PositionProperty, position);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The position of a position frame, or null when the frame is not one.</summary>
    internal static string? ParsePositionFrame(ReadOnlySpan<byte> frame)
    {
        try
        {
            var reader = new System.Text.Json.Utf8JsonReader(frame);
            if (reader.Read() && reader.TokenType == System.Text.Json.JsonTokenType.StartObject
                && reader.Read() && reader.TokenType == System.Text.Json.JsonTokenType.PropertyName && reader.ValueTextEquals(PositionProperty)
                && reader.Read() && reader.TokenType == System.Text.Json.JsonTokenType.String)
            {
                var position = reader.GetString();
                return reader.Read() && reader.TokenType == System.Text.Json.JsonTokenType.EndObject ? position : null;
            }
        }
        catch (System.Text.Json.JsonException)
        {
        }

        return null;
    }

    internal static HttpErrorBody? ParseErrorFrame(ReadOnlySpan<byte> frame)
    {
        var text = Encoding.UTF8.GetString(frame).Trim();
        var start = text.IndexOf(':', StringComparison.Ordinal);
        return start < 0 || !text.EndsWith('}') ? null : HttpErrors.TryParse(text[(start + 1)..^1]);
    }
}
