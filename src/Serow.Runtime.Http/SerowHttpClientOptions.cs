// Licensed under the MIT license. See LICENSE in the project root.

using System.Net.WebSockets;

namespace Serow.Http;

/// <summary>Settings of a generated HTTP client's WebSocket streams.</summary>
public sealed class SerowHttpClientOptions
{
    /// <summary>The options used when none are given.</summary>
    public static SerowHttpClientOptions Default { get; } = new();

    /// <summary>
    /// The credentials of calls to secured methods, asked once per call and sent as request headers (<c>Authorization</c>,
    /// <c>X-API-Key</c>), also on WebSocket upgrades and event-stream requests; none when null. Calls to methods
    /// without designed security never carry them.
    /// </summary>
    public Security.CallCredentials? Credentials { get; set; }

    /// <summary>How often the client pings an idle WebSocket; <see cref="TimeSpan.Zero"/> disables pings. Defaults to 15 seconds.</summary>
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>The largest message, in bytes, the client accepts; a larger one aborts the stream with close code 1009. Defaults to 4 MiB.</summary>
    public int MaxMessageSize { get; set; } = SerowHttpOptions.DefaultMaxMessageSize;

    /// <summary>How many received results the client buffers before it stops reading the socket (backpressure). Defaults to 16.</summary>
    public int StreamCapacity { get; set; } = 16;

    /// <summary>
    /// Whether to ask for the <c>serow.v1.batch</c> subprotocol, under which each frame in either direction is a JSON
    /// array of messages: the client gathers the messages sent while a frame is being written into the next frame (at
    /// most <see cref="BatchSize"/> bytes), and the server gathers results sent in a row. Defaults to false.
    /// </summary>
    public bool Batching { get; set; }

    /// <summary>
    /// With <see cref="Batching"/>, the most bytes of messages gathered into one frame: messages sent while a frame is
    /// being written gather for the next one, and a sender waits when it is full (a single larger message travels
    /// alone, up to <see cref="MaxMessageSize"/>). Defaults to 64 KiB.
    /// </summary>
    public int BatchSize { get; set; } = 64 * 1024;

    /// <summary>How long closing a stream waits for the server's close frame before aborting. Defaults to 5 seconds.</summary>
    public TimeSpan CloseTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Adjusts each <see cref="ClientWebSocketOptions"/> (headers, certificates, proxy) before connecting.</summary>
    public Action<ClientWebSocketOptions>? ConfigureWebSocket { get; set; }

    /// <summary>
    /// The invoker WebSocket streams connect through (<see cref="ClientWebSocket.ConnectAsync(Uri, HttpMessageInvoker, CancellationToken)"/>),
    /// for example <c>new HttpMessageInvoker(new SocketsHttpHandler())</c> shared by the application's clients; null
    /// (the default) connects each stream with <see cref="ClientWebSocket"/>'s own handler. Required for WebSockets over
    /// HTTP/2 (RFC 8441: set <see cref="ClientWebSocketOptions.HttpVersion"/> to 2.0 in <see cref="ConfigureWebSocket"/>),
    /// where the streams of one invoker share its HTTP/2 connections. With an invoker, the connection settings
    /// (proxy, certificates, credentials, cookies) belong to its handler, not to <see cref="ClientWebSocketOptions"/>.
    /// </summary>
    public HttpMessageInvoker? WebSocketInvoker { get; set; }

    /// <summary>
    /// How server streams that the design serves over WebSockets are received: over a WebSocket (the default), or as
    /// Server-Sent Events from the same endpoint (through proxies that do not pass upgrades, with the standard
    /// <c>Last-Event-ID</c>). Methods the design serves as Server-Sent Events always use them.
    /// </summary>
    public HttpServerStreams ServerStreams { get; set; } = HttpServerStreams.WebSocket;

    /// <summary>
    /// How long a Server-Sent Events read may wait without receiving a byte (an event or the server's keepalive comment)
    /// before the client treats the connection as dropped (<c>connection_lost</c>, which a reconnecting client resumes
    /// after). 45 s by default: three of a Serow server's default 15 s keepalives. <see cref="Timeout.InfiniteTimeSpan"/>
    /// never gives up.
    /// </summary>
    public TimeSpan ServerSentEventsIdleTimeout { get; set; } = TimeSpan.FromSeconds(45);

    /// <summary>
    /// How resumable server streams (<c>Resumable</c> in the design) reconnect after a transport failure or a stopping
    /// server, continuing after the last result delivered; null (the default) not to reconnect.
    /// </summary>
    public Streaming.StreamReconnectOptions? Reconnect { get; set; }
}
