// Licensed under the MIT license. See LICENSE in the project root.

using Microsoft.Playwright;
using Serow.FunctionalTests.Conformance;
using Serow.FunctionalTests.Http;
using Serow.FunctionalTests.Resumable;
using Serow.Topics;

namespace Serow.FunctionalTests.TypeScript;

/// <summary>
/// The generated TypeScript clients in headless Chromium (Debian's chromium driven by Playwright): the browser's own
/// fetch and WebSocket run the same scenarios as Node, from a page the host serves (same origin, as a web app would).
/// </summary>
public sealed class TypeScriptBrowserTests
{
    private const string Chromium = "/usr/bin/chromium";

    private static readonly string[] ChromiumArgs =
        ["--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

    [Fact]
    public async Task Chromium_ConformanceScenarios_AllPass()
    {
        var output = await TypeScriptBuild.OutputAsync();
        RequireChromium();
        var service = new ConformanceService();
        await using var host = await HttpTestHost.StartAsync(service, map: app => TypeScriptBuild.MapScripts(app, output));

        var lines = await RunPageAsync(host.Address, "conformance");

        TypeScriptClientTests.AssertPassed(0, lines, string.Join('\n', lines),
            "echo: designed error is BoomError (boom, temporary, 503)",
            "count over batched WebSocket: the results, then the typed error mid-stream",
            "count over Server-Sent Events: the results, then the typed error mid-stream",
            "count: an error before the first result fails the connect with a ServiceError",
            "count as events: an error before the first result is the typed error response (BoomError, 503)",
            "count over WebSocket: AbortSignal ends a pending receive with an AbortError",
            "sum over WebSocket: closeAndRecv returns the result (total 10, count 4)",
            "collect: closeSend resolves once the server has finished",
            "chat over batched WebSocket: after closeSend the server's remaining results arrive, then the end",
            "items over Server-Sent Events: view tiny projects each result to its id");
        lock (service.Collected)
        {
            Assert.Equal(["alpha", "beta", "gamma"], service.Collected);
        }
    }

    [Fact]
    public async Task Chromium_ResumableStreams_ReconnectAndResume()
    {
        var output = await TypeScriptBuild.OutputAsync();
        RequireChromium();
        var ticks = new InMemoryTopic<Tick>("ticks");
        await using var host = await TickerHost.StartAsync(ticks, map: app => TypeScriptBuild.MapScripts(app, output));
        await TypeScriptClientTests.PublishAsync(ticks, 300);
        host.Service.AfterStart = async _ => await TypeScriptClientTests.PublishAsync(ticks, 10);

        var lines = await RunPageAsync(host.HttpAddress, "resumable");

        TypeScriptClientTests.AssertPassed(0, lines, string.Join('\n', lines),
            "resume over Server-Sent Events: 300 ticks across dropped connections, in order, none twice, none missing",
            "resume over WebSocket: 300 ticks across dropped connections, in order, none twice, none missing",
            "live start over WebSocket: the ticks published before the first result arrive after the reconnect");
    }

    private static void RequireChromium()
    {
        const string Missing = $"{Chromium} is missing (Debian: apt-get install chromium; eng/test.sh installs it)";
        Assert.True(File.Exists(Chromium) || Environment.GetEnvironmentVariable("CI") != "true", Missing);
        Assert.SkipUnless(File.Exists(Chromium), Missing);
    }

    private static async Task<string[]> RunPageAsync(Uri address, string suite)
    {
        var profile = Directory.CreateTempSubdirectory("serow-chromium-");
        var problems = new List<string>();
        try
        {
            using var playwright = await Playwright.CreateAsync();
            await using var browser = await playwright.Chromium.LaunchPersistentContextAsync(profile.FullName, new BrowserTypeLaunchPersistentContextOptions
            {
                ExecutablePath = Chromium,
                Headless = true,
                Args = ChromiumArgs,
                Timeout = 30_000,
            });
            var page = browser.Pages.Count > 0 ? browser.Pages[0] : await browser.NewPageAsync();
            page.PageError += (_, error) => problems.Add("page error: " + error);
            await page.GotoAsync(new Uri(address, $"ts/tests/tools/typescript-client/src/browser.html?suite={suite}").ToString());
            try
            {
                await page.WaitForFunctionAsync("() => window.serowResult !== undefined", null, new() { Timeout = 120_000 });
            }
            catch (TimeoutException)
            {
                var sofar = await page.EvaluateAsync<string[]>("() => window.serowLines ?? []");
                throw new TimeoutException($"the page did not finish within 120 s:\n{string.Join('\n', sofar)}\n{string.Join('\n', problems)}");
            }

            var lines = await page.EvaluateAsync<string[]>("() => [...window.serowLines, window.serowResult]");
            Assert.True(problems.Count == 0, string.Join('\n', problems.Concat(lines)));
            return lines;
        }
        finally
        {
            profile.Delete(recursive: true);
        }
    }
}
