// Licensed under the MIT license. See LICENSE in the project root.

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
    [Fact]
    public async Task Chromium_ConformanceScenarios_AllPass()
    {
        var output = await TypeScriptBuild.OutputAsync();
        var service = new ConformanceService();
        await using var host = await HttpTestHost.StartAsync(service, map: app => TypeScriptBuild.MapScripts(app, output));

        var lines = await TypeScriptBuild.RunPageAsync(host.Address, "conformance");

        TypeScriptBuild.AssertPassed(0, lines, string.Join('\n', lines),
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
        var ticks = new InMemoryTopic<Tick>("ticks");
        await using var host = await TickerHost.StartAsync(ticks, map: app => TypeScriptBuild.MapScripts(app, output));
        await TypeScriptClientTests.PublishAsync(ticks, 300);
        host.Service.AfterStart = async _ => await TypeScriptClientTests.PublishAsync(ticks, 10);

        var lines = await TypeScriptBuild.RunPageAsync(host.HttpAddress, "resumable");

        TypeScriptBuild.AssertPassed(0, lines, string.Join('\n', lines),
            "resume over Server-Sent Events: 300 ticks across dropped connections, in order, none twice, none missing",
            "resume over WebSocket: 300 ticks across dropped connections, in order, none twice, none missing",
            "live start over WebSocket: the ticks published before the first result arrive after the reconnect");
    }
}
