// Licensed under the MIT license. See LICENSE in the project root.

namespace Serow.Http.ServerSentEvents.Internal;

/// <summary>How a server stream served as Server-Sent Events answers one request, chosen from its <c>Accept</c> header.</summary>
internal enum ResultsFormat
{
    /// <summary><c>text/event-stream</c>: the default, and the answer to <c>*/*</c>, <c>text/*</c> or no <c>Accept</c>.</summary>
    ServerSentEvents,

    /// <summary><c>application/json</c>: every result in one JSON array once the stream has ended.</summary>
    Json,

    /// <summary><c>application/x-ndjson</c>: one line of JSON per result, as they come.</summary>
    Ndjson,
}
