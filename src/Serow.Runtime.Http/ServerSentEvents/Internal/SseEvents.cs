// Licensed under the MIT license. See LICENSE in the project root.

using System.Net.ServerSentEvents;

namespace Serow.Http.ServerSentEvents.Internal;

/// <summary>Builds the events a server call hands to .NET's <see cref="SseFormatter"/>.</summary>
internal static class SseEvents
{
    /// <summary>An event for the formatter: optional id, type and reconnection time, and the data (split into lines by the formatter).</summary>
    /// <exception cref="ArgumentException">The id or the event type holds a line break, which would break the framing.</exception>
    public static SseItem<ReadOnlyMemory<byte>> Create(ReadOnlyMemory<byte> data, string? id, string? eventType, long? retry)
    {
        ThrowIfMultiline(id, "event id");
        ThrowIfMultiline(eventType, "event type");
        return new SseItem<ReadOnlyMemory<byte>>(data, string.IsNullOrEmpty(eventType) ? null : eventType)
        {
            EventId = id,
            ReconnectionInterval = retry is > 0 ? TimeSpan.FromMilliseconds(retry.Value) : null,
        };
    }

    private static void ThrowIfMultiline(string? value, string what)
    {
        if (value is not null && value.AsSpan().IndexOfAny('\r', '\n') >= 0)
        {
            throw new ArgumentException($"A Server-Sent Event's {what} cannot hold a line break: \"{value}\".");
        }
    }
}
