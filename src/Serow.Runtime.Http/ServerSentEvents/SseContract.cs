// Licensed under the MIT license. See LICENSE in the project root.

using Serow.Streaming;

using Serow.Streaming.Internal;

namespace Serow.Http.ServerSentEvents;

/// <summary>
/// What generated code tells the Server-Sent Events transport about one server-streaming method: how a result becomes
/// an event (<c>id</c>, <c>event</c>, <c>retry</c>, <c>data</c>) and how an event becomes a result again.
/// </summary>
/// <typeparam name="TOut">The type of the results the server sends.</typeparam>
public sealed class SseContract<TOut>
{
    /// <summary>Validation, projection and views, shared with the in-process transport.</summary>
    public required StreamContract<NoMessage, TOut> Stream { get; init; }

    /// <summary>The text of a result's <c>data</c>: JSON, or the raw text of a <c>String</c> data attribute (line breaks allowed).</summary>
    public required Func<TOut, string> Data { get; init; }

    /// <summary>
    /// Writes a result's <c>data</c> as UTF-8 straight into the event (JSON data); when null, the server writes the
    /// text of <see cref="Data"/>.
    /// </summary>
    public Action<TOut, System.Buffers.IBufferWriter<byte>>? WriteData { get; init; }

    /// <summary>The result's event id (<c>SSEEventID</c>); null when the design maps none.</summary>
    public Func<TOut, string?>? Id { get; init; }

    /// <summary>The result's event type (<c>SSEEventType</c>); null when the design maps none.</summary>
    public Func<TOut, string?>? EventType { get; init; }

    /// <summary>The result's reconnection time in milliseconds (<c>SSEEventRetry</c>); null when the design maps none.</summary>
    public Func<TOut, long?>? Retry { get; init; }

    /// <summary>
    /// Rebuilds a result from the UTF-8 <c>data</c> of a received event, without an intermediate string (whole results
    /// as JSON); when null, the client rebuilds results with <see cref="Parse"/>. Throws
    /// <see cref="System.Text.Json.JsonException"/> on undecodable data.
    /// </summary>
    public Func<ReadOnlySpan<byte>, TOut>? ReadData { get; init; }

    /// <summary>Writes a whole result as compact UTF-8 JSON, for the JSON and NDJSON answers; null when the method gives none.</summary>
    public Action<TOut, System.Buffers.IBufferWriter<byte>>? WriteResult { get; init; }

    /// <summary>
    /// Whether a request that accepts <c>application/json</c> rather than <c>text/event-stream</c> gets every result
    /// in one JSON array once the stream has ended (<c>AnswerJSON</c>; needs <see cref="WriteResult"/>).
    /// </summary>
    public bool AnswersJson { get; init; }

    /// <summary>
    /// Whether a request that accepts <c>application/x-ndjson</c> rather than <c>text/event-stream</c> gets one line of
    /// JSON per result as they come (<c>AnswerNDJSON</c>; needs <see cref="WriteResult"/>).
    /// </summary>
    public bool AnswersNdjson { get; init; }

    /// <summary>Rebuilds a result from a received event; throws <see cref="System.Text.Json.JsonException"/> on undecodable data.</summary>
    public required Func<SseEvent, TOut> Parse { get; init; }

    internal string DisplayName => Stream.Service.Length == 0 ? "the method" : Stream.DisplayName;
}

/// <summary>One received Server-Sent Event.</summary>
/// <param name="Data">The data lines, joined with <c>\n</c>.</param>
/// <param name="Id">The event's <c>id</c>, or null when the event has none.</param>
/// <param name="EventType">The event's <c>event</c>, or null when the event has none (the spec's <c>message</c>).</param>
/// <param name="RetryMilliseconds">The event's <c>retry</c> in milliseconds, or null when the event has none.</param>
public sealed record SseEvent(string Data, string? Id, string? EventType, long? RetryMilliseconds);
