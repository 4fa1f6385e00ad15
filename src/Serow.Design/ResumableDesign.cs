// Licensed under the MIT license. See LICENSE in the project root.

namespace Serow.Design;

/// <summary>
/// A resumable server stream (<c>Resumable</c>): every result carries its position in a String attribute, and the
/// payload has a String attribute that asks the server to resume after a position. Transports map both to their own
/// standard places (an SSE event's <c>id</c> and <c>Last-Event-ID</c>, a WebSocket query parameter, gRPC metadata).
/// </summary>
/// <param name="PositionAttribute">The streaming result's attribute holding each result's position.</param>
/// <param name="ResumeAttribute">The payload's attribute holding the position to resume after.</param>
/// <param name="Location">Where <c>Resumable</c> was called.</param>
public sealed record ResumableDesign(string PositionAttribute, string ResumeAttribute, SourceLocation Location);
