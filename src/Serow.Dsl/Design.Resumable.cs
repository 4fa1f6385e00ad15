// Licensed under the MIT license. See LICENSE in the project root.

using Serow.Dsl.Expressions;

namespace Serow.Dsl;

/// <content>Resumable server streams: <c>Resumable</c>.</content>
public abstract partial class Design
{
    /// <summary>
    /// Makes the server stream resumable: every result carries its position in <paramref name="positionAttribute"/>, and a
    /// client that reconnects sends the last position it received in <paramref name="resumeAttribute"/>, so the server
    /// continues right after it (or fails with <c>resume_expired</c> when the position is no longer retained). Each
    /// transport carries the resume position in its standard place: the <c>Last-Event-ID</c> header for Server-Sent
    /// Events, a query parameter named like the attribute for a WebSocket, request metadata for gRPC; an explicit
    /// mapping of the attribute in the transport's block wins. Generated clients can then reconnect by themselves.
    /// </summary>
    /// <param name="positionAttribute">A required String attribute of the streaming result.</param>
    /// <param name="resumeAttribute">An optional String attribute of the payload.</param>
    protected void Resumable(string positionAttribute, string resumeAttribute)
    {
        var location = SourceLocator.Capture();
        if (Current<MethodExpr>("Resumable", "a Method block", location) is not { } method)
        {
            return;
        }

        if (method.Resumable is { } existing)
        {
            Recorder.Report(
                DiagnosticIds.DeclaredTwice,
                $"{method.Label}: Resumable is declared twice (first at {existing.Location}); keep a single Resumable",
                location);
            return;
        }

        method.Resumable = new ResumableExpr(new NameRef(positionAttribute, location), new NameRef(resumeAttribute, location), location);
    }
}
