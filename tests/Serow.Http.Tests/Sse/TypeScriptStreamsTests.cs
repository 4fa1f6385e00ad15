// Licensed under the MIT license. See LICENSE in the project root.

using Serow.FunctionalTests.TypeScript;
using Serow.Http.Tests.RawBodies;

namespace Serow.Http.Tests.Sse;

/// <summary>
/// The generated TypeScript client of the HttpStreams design, in Node and in headless Chromium: Server-Sent Events with
/// every event field mapped, resume by Last-Event-ID, typed errors before and during the stream, and raw bodies.
/// </summary>
public sealed class TypeScriptStreamsTests
{
    private static readonly string[] Expected =
    [
        "ticks: each event's data, id, event type and retry fill their attributes",
        "ticks: a multi-line text survives the data lines",
        "ticks: last_id travels as Last-Event-ID and the stream resumes after it",
        "ticks: an error before the stream is the typed error response (GoneError, 404)",
        "ticks: the results, then the error event as the typed error (GoneError)",
        "ticks: AbortSignal ends the event stream with an AbortError",
        "snapshots: a POST's JSON body, and each event's data a whole result with a map",
        "files: a raw request body of bytes arrives whole",
        "files: a Blob body, with the Content-Type the payload maps",
        "files: a designed error of a raw upload is typed (TooLargeError, 413)",
        "files: a raw response body arrives whole, with its media type",
        "files: a designed error before the raw body is typed (TooLargeError, 413)",
    ];

    [Fact]
    public async Task Node_EventStreamsAndRawBodies()
    {
        var output = await TypeScriptBuild.OutputAsync();
        await using var host = await StreamsHost.StartAsync(new FeedService(), new FilesService());

        var (exitCode, lines, text) = await TypeScriptBuild.RunSuiteAsync(output, host.Address, "streams");

        TypeScriptBuild.AssertPassed(exitCode, lines, text, [.. Expected, "files: a ReadableStream body is sent as it is read"]);
    }

    [Fact]
    public async Task Chromium_EventStreamsAndRawBodies()
    {
        var output = await TypeScriptBuild.OutputAsync();
        await using var host = await StreamsHost.StartAsync(new FeedService(), new FilesService(), map: app => TypeScriptBuild.MapScripts(app, output));

        var lines = await TypeScriptBuild.RunPageAsync(host.Address, "streams");

        TypeScriptBuild.AssertPassed(0, lines, string.Join('\n', lines), Expected);
    }
}
