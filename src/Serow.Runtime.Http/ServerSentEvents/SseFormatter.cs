// Licensed under the MIT license. See LICENSE in the project root.

using System.Buffers;
using System.Globalization;
using System.Text;

namespace Serow.Http.ServerSentEvents;

/// <summary>Writes the <c>text/event-stream</c> wire format (HTML Living Standard, §9.2).</summary>
internal static class SseFormatter
{
    /// <summary>The event type of a failure after the first event; its data is the JSON error body.</summary>
    public const string ErrorEventType = "error";

    /// <summary>The comment sent on idle streams so that proxies and clients see the connection alive.</summary>
    public const string KeepAliveComment = ": keepalive\n\n";

    /// <summary>
    /// Writes one event: optional <c>id:</c>, <c>event:</c> and <c>retry:</c> lines, one <c>data:</c> line per line of
    /// <paramref name="data"/> (split on CRLF, CR or LF), then a blank line.
    /// </summary>
    /// <exception cref="ArgumentException">The id or the event type holds a line break, which would break the framing.</exception>
    public static void WriteEvent(IBufferWriter<byte> writer, string? id, string? eventType, long? retry, string data)
    {
        if (id is not null)
        {
            ThrowIfMultiline(id, "event id");
            WriteField(writer, "id", id);
        }

        if (!string.IsNullOrEmpty(eventType))
        {
            ThrowIfMultiline(eventType, "event type");
            WriteField(writer, "event", eventType);
        }

        if (retry is > 0)
        {
            WriteField(writer, "retry", retry.Value.ToString(CultureInfo.InvariantCulture));
        }

        var rest = data.AsSpan();
        while (true)
        {
            var end = rest.IndexOfAny('\r', '\n');
            if (end < 0)
            {
                WriteField(writer, "data", rest);
                break;
            }

            WriteField(writer, "data", rest[..end]);
            var skip = rest[end] == '\r' && end + 1 < rest.Length && rest[end + 1] == '\n' ? 2 : 1;
            rest = rest[(end + skip)..];
        }

        Write(writer, "\n");
    }

    /// <summary>Writes a comment line followed by a blank line.</summary>
    public static void WriteKeepAlive(IBufferWriter<byte> writer) => Write(writer, KeepAliveComment);

    private static void WriteField(IBufferWriter<byte> writer, string name, ReadOnlySpan<char> value)
    {
        Write(writer, name);
        Write(writer, ": ");
        Write(writer, value);
        Write(writer, "\n");
    }

    private static void Write(IBufferWriter<byte> writer, ReadOnlySpan<char> text)
    {
        if (text.IsEmpty)
        {
            return;
        }

        var span = writer.GetSpan(Encoding.UTF8.GetMaxByteCount(text.Length));
        writer.Advance(Encoding.UTF8.GetBytes(text, span));
    }

    private static void ThrowIfMultiline(string value, string what)
    {
        if (value.AsSpan().IndexOfAny('\r', '\n') >= 0)
        {
            throw new ArgumentException($"A Server-Sent Event's {what} cannot hold a line break: \"{value}\".");
        }
    }
}
