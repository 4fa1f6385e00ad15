// Licensed under the MIT license. See LICENSE in the project root.

namespace Serow.Http.ServerSentEvents;

/// <summary>Names of the Server-Sent Events wire contract (see docs/protocol-sse.md).</summary>
public static class SseProtocol
{
    /// <summary>The media type of an event stream.</summary>
    public const string MediaType = "text/event-stream";

    /// <summary>The request header that carries the id of the last event the client received, to resume after it.</summary>
    public const string LastEventIdHeader = "Last-Event-ID";

    /// <summary>The response header naming the view the results are projected to (results with several views).</summary>
    public const string ViewHeader = "Serow-View";

    /// <summary>The event type of a failure after the first event; its data is the JSON error body.</summary>
    public const string ErrorEventType = "error";
}
