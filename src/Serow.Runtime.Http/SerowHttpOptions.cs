// Licensed under the MIT license. See LICENSE in the project root.

namespace Serow.Http;

/// <summary>Settings of a service served over HTTP: WebSocket keepalive, limits and the origins allowed to open streams.</summary>
public sealed class SerowHttpOptions
{
    /// <summary>The default largest message: 4 MiB.</summary>
    public const int DefaultMaxMessageSize = 4 * 1024 * 1024;

    /// <summary>
    /// How often the server pings an idle WebSocket, and sends a <c>: keepalive</c> comment on an idle Server-Sent Events
    /// stream; <see cref="TimeSpan.Zero"/> disables both. Defaults to 15 seconds.
    /// </summary>
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// How long the server waits for the answer to a ping before it aborts the connection (the handler's token fires);
    /// <see cref="Timeout.InfiniteTimeSpan"/> never aborts. Defaults to 30 seconds.
    /// </summary>
    public TimeSpan KeepAliveTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The largest stream message, in bytes, the server accepts; a larger one closes the WebSocket with 1009. Defaults to 4 MiB.</summary>
    public int MaxMessageSize { get; set; } = DefaultMaxMessageSize;

    /// <summary>
    /// The most bytes of JSON a server stream collects for a request that accepts <c>application/json</c>
    /// (<c>AnswerJSON</c>): past it the call ends with <c>406 Not Acceptable</c>, whose message points to the media types
    /// that carry results as they come. 16 MiB by default.
    /// </summary>
    public int MaxCollectedResultsSize { get; set; } = 16 * 1024 * 1024;

    /// <summary>
    /// How many received messages the server buffers per stream before it stops reading the socket (backpressure). Defaults to 16.
    /// </summary>
    public int StreamCapacity { get; set; } = 16;

    /// <summary>
    /// Origins (<c>https://app.example.com</c>) allowed to open WebSocket streams besides the server's own; <c>*</c> allows any.
    /// A browser upgrade from another origin is refused with 403. Requests without an <c>Origin</c> header (non-browser clients) are allowed.
    /// </summary>
    public IList<string> AllowedOrigins { get; } = [];

    /// <summary>
    /// How long a streaming handler may run before its first send, receive or close; then the WebSocket is opened (or the
    /// Server-Sent Events response started) anyway, with the view chosen so far. Failures before that are HTTP error
    /// responses, later ones error frames (error events).
    /// <see cref="Timeout.InfiniteTimeSpan"/> waits for the handler. Defaults to 250 milliseconds.
    /// </summary>
    public TimeSpan UpgradeTimeout { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// The largest raw request body (<c>SkipRequestBodyEncodeDecode</c>) in bytes; a larger one fails the read with 413.
    /// Null, the default, lifts the server's limit for these endpoints: the body is streamed to the handler, never buffered.
    /// </summary>
    public long? MaxRawRequestBodySize { get; set; }

    /// <summary>
    /// Under the <c>serow.v1.batch</c> subprotocol, the most bytes of results the server gathers into one array frame:
    /// results sent in a row gather until the handler yields the thread or the frame is full (a single larger result
    /// travels alone, up to <see cref="MaxMessageSize"/>). Defaults to 64 KiB.
    /// </summary>
    public int BatchSize { get; set; } = 64 * 1024;

    /// <summary>
    /// Whether the server writes Server-Sent Events and the frames of an HTTP/1.1 WebSocket without a flush each, and
    /// flushes them together as soon as the handler awaits something that does not complete at once, or after 64 KiB.
    /// On by default: the messages and their order are the same, a message is never held longer than the handler's next
    /// wait, a reply to a received message leaves at once, and a slow reader still holds the handler back (a send waits
    /// for a flush the client has not taken). Turn it off to flush every message on its own.
    /// </summary>
    public bool BufferWrites { get; set; } = true;

    /// <summary>How long the server waits for the client's close frame after sending its own. Defaults to 5 seconds.</summary>
    public TimeSpan CloseTimeout { get; set; } = TimeSpan.FromSeconds(5);
}
