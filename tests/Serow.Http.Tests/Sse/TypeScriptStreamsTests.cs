// Licensed under the MIT license. See LICENSE in the project root.

using Microsoft.Playwright;
using Serow.FunctionalTests.TypeScript;
using Serow.Http.Tests.Python;
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

        var (exitCode, lines, text) = await TypeScriptBuild.RunNodeAsync(Path.Combine(TypeScriptBuild.Scripts(output), "node-main.js"), host.Address.ToString().TrimEnd('/'), "streams");

        AssertPassed(exitCode, lines, text, [.. Expected, "files: a ReadableStream body is sent as it is read"]);
    }

    [Fact]
    public async Task Chromium_EventStreamsAndRawBodies()
    {
        var output = await TypeScriptBuild.OutputAsync();
        ExternalTools.RequireChromium();
        await using var host = await StreamsHost.StartAsync(new FeedService(), new FilesService(), map: app => TypeScriptBuild.MapScripts(app, output));

        using var playwright = await Playwright.CreateAsync();
        var profile = Directory.CreateTempSubdirectory("serow-chromium-");
        try
        {
            await using var browser = await playwright.Chromium.LaunchPersistentContextAsync(profile.FullName, new BrowserTypeLaunchPersistentContextOptions
            {
                ExecutablePath = ExternalTools.Chromium,
                Headless = true,
                Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
                Timeout = 30_000,
            });
            var page = browser.Pages.Count > 0 ? browser.Pages[0] : await browser.NewPageAsync();
            await page.GotoAsync(new Uri(host.Address, "ts/tests/tools/typescript-client/src/browser.html?suite=streams").ToString());
            await page.WaitForFunctionAsync("() => window.serowResult !== undefined", null, new() { Timeout = 60_000 });
            var lines = await page.EvaluateAsync<string[]>("() => [...window.serowLines, window.serowResult]");
            AssertPassed(0, lines, string.Join('\n', lines), Expected);
        }
        finally
        {
            profile.Delete(recursive: true);
        }
    }

    private static void AssertPassed(int exitCode, string[] lines, string text, params string[] expected)
    {
        Assert.True(exitCode == 0, text);
        Assert.DoesNotContain(lines, l => l.StartsWith("FAIL", StringComparison.Ordinal));
        Assert.Contains("all checks passed", lines);
        Assert.All(expected, line => Assert.True(lines.Contains("ok " + line), $"missing check \"{line}\"\n{text}"));
    }
}
