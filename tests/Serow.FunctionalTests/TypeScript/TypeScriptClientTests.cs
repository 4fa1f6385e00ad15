// Licensed under the MIT license. See LICENSE in the project root.

using Serow.FunctionalTests.Conformance;
using Serow.FunctionalTests.Http;
using Serow.FunctionalTests.Resumable;
using Serow.Testing;
using Serow.Topics;

namespace Serow.FunctionalTests.TypeScript;

/// <summary>
/// The generated TypeScript clients in Node (fetch and web streams built in, npm ws as the WebSocket) against real
/// Kestrel hosts: the conformance scenarios (every pattern, WebSocket plain and batched, Server-Sent Events, typed errors,
/// validation both ways, views, AbortSignal) and resumable streams that reconnect. The scenarios print one line per check.
/// </summary>
public sealed class TypeScriptClientTests
{
    [Fact]
    public async Task Node_ConformanceScenarios_AllPass_AndTheServerSawThem()
    {
        var output = await TypeScriptBuild.OutputAsync();
        var service = new ConformanceService();
        await using var host = await HttpTestHost.StartAsync(service);

        var (exitCode, lines, text) = await TypeScriptBuild.RunSuiteAsync(output, host.Address, "conformance");

        TypeScriptBuild.AssertPassed(exitCode, lines, text,
            "echo: unary answer",
            "echo: the violation names the field and rule, with the C# validators' message",
            "echo: designed error is BoomError (boom, temporary, 503)",
            "count over WebSocket: the results, then the typed error mid-stream",
            "count over batched WebSocket: 1..5 in order",
            "count over Server-Sent Events: the results, then the typed error mid-stream",
            "count: an error before the first result refuses the upgrade with the typed error (BoomError, 503)",
            "count over WebSocket: AbortSignal ends a pending receive with an AbortError",
            "sum over batched WebSocket: closeAndRecv returns the result (total 10, count 4)",
            "collect: closeSend resolves once the server has finished",
            "chat over WebSocket: after closeSend the server's remaining results arrive, then the end",
            "chat over batched WebSocket: results, then the designed error mid-stream (BoomError)",
            "items over WebSocket: view tiny projects each result to its id");
        lock (service.Collected)
        {
            Assert.Equal(["alpha", "beta", "gamma"], service.Collected);
        }

        // The aborted streams cancelled their handlers.
        await service.ServerCancelled.Task.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Node_ResumableStreams_ReconnectAndResume_OverSseAndWebSocket()
    {
        var output = await TypeScriptBuild.OutputAsync();
        var ticks = new InMemoryTopic<Tick>("ticks");
        await using var host = await TickerHost.StartAsync(ticks);
        await PublishAsync(ticks, 300);
        host.Service.AfterStart = async _ => await PublishAsync(ticks, 10);

        var (exitCode, lines, text) = await TypeScriptBuild.RunSuiteAsync(output, host.HttpAddress, "resumable");

        TypeScriptBuild.AssertPassed(exitCode, lines, text,
            "resume over Server-Sent Events: 300 ticks across dropped connections, in order, none twice, none missing",
            "resume over WebSocket: 300 ticks across dropped connections, in order, none twice, none missing",
            "live start over Server-Sent Events: the ticks published before the first result arrive after the reconnect",
            "live start over WebSocket: the ticks published before the first result arrive after the reconnect");
        Assert.True(host.Service.Connections >= 2 * (300 / 37), $"{host.Service.Connections} connections");
    }

    [Fact]
    public async Task GeneratedPackage_BuildsWithItsOwnTsconfig_IntoModulesAndDeclarations()
    {
        await TypeScriptBuild.OutputAsync();
        var package = Directory.CreateTempSubdirectory("serow-package-");
        try
        {
            var source = RepositoryPaths.Combine("testassets", "GeneratedTypeScript", "Conformance");
            foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
            {
                var target = Path.Combine(package.FullName, Path.GetRelativePath(source, file));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(file, target);
            }

            // What `npm run build` runs in the package: tsc -p . with the generated tsconfig.json (strict, declarations).
            var (exitCode, _, text) = await TypeScriptBuild.RunTscAsync("-p", package.FullName);

            Assert.True(exitCode == 0, text);
            foreach (var module in new[] { "index", "runtime", "types", "errors", "conformance" })
            {
                Assert.True(File.Exists(Path.Combine(package.FullName, "dist", module + ".js")), module + ".js");
                Assert.True(File.Exists(Path.Combine(package.FullName, "dist", module + ".d.ts")), module + ".d.ts");
            }

            Assert.Contains("export declare class ConformanceClient", File.ReadAllText(Path.Combine(package.FullName, "dist", "conformance.d.ts")), StringComparison.Ordinal);
        }
        finally
        {
            package.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task ExamplePage_CommittedScript_IsWhatTscMakesOfItsSources()
    {
        // The example's page loads compiled JavaScript (so the main job needs no Node): it must be the compilation of
        // examples/streaming/web (page.ts and the generated client), as `npm run build` there writes it.
        await TypeScriptBuild.OutputAsync();
        var web = RepositoryPaths.Combine("examples", "streaming", "web");
        var committed = RepositoryPaths.Combine("examples", "streaming", "Streaming.Server", "wwwroot", "js");
        var fresh = Directory.CreateTempSubdirectory("serow-page-");
        try
        {
            var (exitCode, _, text) = await TypeScriptBuild.RunTscAsync("-p", web, "--outDir", fresh.FullName);
            Assert.True(exitCode == 0, text);
            var expected = Files(fresh.FullName);
            var actual = Files(committed);
            Assert.Equal(expected.Keys, actual.Keys);
            Assert.All(expected, file => Assert.True(file.Value == actual[file.Key],
                $"{file.Key} is stale: run npm ci && npm run build in examples/streaming/web"));
        }
        finally
        {
            fresh.Delete(recursive: true);
        }

        static SortedDictionary<string, string> Files(string folder) => new(
            Directory.GetFiles(folder, "*", SearchOption.AllDirectories).ToDictionary(f => Path.GetRelativePath(folder, f).Replace('\\', '/'), File.ReadAllText),
            StringComparer.Ordinal);
    }

    internal static async Task PublishAsync(ITopic<Tick> ticks, int count)
    {
        var latest = (await ticks.LatestAsync()).Value;
        var next = long.TryParse(latest, out var last) ? last + 1 : 1;
        for (var i = 0; i < count; i++)
        {
            await ticks.PublishAsync(new Tick(next + i, (next + i) / 100.0));
        }
    }
}
