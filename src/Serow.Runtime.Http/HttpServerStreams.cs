// Licensed under the MIT license. See LICENSE in the project root.

namespace Serow.Http;

/// <summary>How a client receives a server stream that the design serves over WebSockets.</summary>
public enum HttpServerStreams
{
    /// <summary>Over a WebSocket (the upgrade of a GET request).</summary>
    WebSocket,

    /// <summary>As Server-Sent Events from the same endpoint (a GET request accepting <c>text/event-stream</c>).</summary>
    ServerSentEvents,
}
