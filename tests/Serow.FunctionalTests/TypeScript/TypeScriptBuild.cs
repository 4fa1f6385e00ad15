// Licensed under the MIT license. See LICENSE in the project root.

using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Playwright;
using Serow.Testing;

namespace Serow.FunctionalTests.TypeScript;

/// <summary>
/// Compiles tests/tools/typescript-client (its scenarios with the generated TypeScript clients of
/// testassets/GeneratedTypeScript) once per test run with the package's own <c>tsc</c>, strict, and runs the result in
/// Node or serves it to a browser.
/// </summary>
internal static class TypeScriptBuild
{
    private const string Chromium = "/usr/bin/chromium";

    public static readonly string ToolDirectory = RepositoryPaths.Combine("tests", "tools", "typescript-client");

    private static readonly Lazy<Task<string>> Output = new(CompileAsync);

    /// <summary>The compiled scenarios' folder (the repository's layout under it).</summary>
    public static Task<string> OutputAsync()
    {
        // eng/test.sh installs the packages; locally without them the tests are skipped, on CI they fail.
        var installed = File.Exists(Path.Combine(ToolDirectory, "node_modules", "typescript", "package.json"))
            && File.Exists(Path.Combine(ToolDirectory, "node_modules", "ws", "package.json"));
        const string Missing = "npm packages missing: run eng/test.sh, or npm ci in tests/tools/typescript-client";
        Assert.True(installed || Environment.GetEnvironmentVariable("CI") != "true", Missing);
        Assert.SkipUnless(installed, Missing);
        return Output.Value;
    }

    /// <summary>The folder of the compiled scenarios themselves.</summary>
    public static string Scripts(string output) => Path.Combine(output, "tests", "tools", "typescript-client", "src");

    /// <summary>Serves the compiled scenarios and the generated clients under <c>/ts/</c>, so a page runs them from the host's origin.</summary>
    public static void MapScripts(WebApplication app, string output) =>
        app.MapGet("/ts/{**path}", (string path) =>
        {
            var full = Path.GetFullPath(Path.Combine(output, path));
            if (!full.StartsWith(output, StringComparison.Ordinal) || !File.Exists(full))
            {
                return Results.NotFound();
            }

            var type = Path.GetExtension(full) switch
            {
                ".js" => "text/javascript; charset=utf-8",
                ".html" => "text/html; charset=utf-8",
                ".map" => "application/json",
                _ => "application/octet-stream",
            };
            return Results.File(full, type);
        });

    /// <summary>Runs <c>node</c> on a script (a compiled scenario, or the package's tsc) and returns its exit code and lines.</summary>
    public static async Task<(int ExitCode, string[] Lines, string Output)> RunNodeAsync(string script, params string[] arguments)
    {
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = ToolDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(script);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"node {string.Join(' ', start.ArgumentList)} did not finish within 120 s:\n{await stdout}{await stderr}");
        }

        var output = await stdout + await stderr;
        return (process.ExitCode, output.Split('\n', StringSplitOptions.TrimEntries), output);
    }

    /// <summary>Runs one suite of the compiled scenarios (node-main.js) in Node against the host at <paramref name="address"/>.</summary>
    public static Task<(int ExitCode, string[] Lines, string Output)> RunSuiteAsync(string output, Uri address, string suite) =>
        RunNodeAsync(Path.Combine(Scripts(output), "node-main.js"), address.ToString().TrimEnd('/'), suite);

    /// <summary>Runs <c>tsc</c> of the package's node_modules with <paramref name="arguments"/>.</summary>
    public static Task<(int ExitCode, string[] Lines, string Output)> RunTscAsync(params string[] arguments) =>
        RunNodeAsync(Path.Combine(ToolDirectory, "node_modules", "typescript", "bin", "tsc"), arguments);

    /// <summary>Every check of a run held (exit code 0, no FAIL line, the closing line) and the named checks were among them.</summary>
    public static void AssertPassed(int exitCode, string[] lines, string text, params string[] expected)
    {
        Assert.True(exitCode == 0, text);
        Assert.DoesNotContain(lines, l => l.StartsWith("FAIL", StringComparison.Ordinal));
        Assert.Contains("all checks passed", lines);
        Assert.All(expected, line => Assert.True(lines.Contains("ok " + line), $"missing check \"{line}\"\n{text}"));
    }

    /// <summary>
    /// Opens <c>browser.html?suite=…</c> from <paramref name="address"/> (a host that maps the scripts with
    /// <see cref="MapScripts"/>) in headless Chromium and returns the page's lines once the run is over.
    /// </summary>
    public static async Task<string[]> RunPageAsync(Uri address, string suite)
    {
        const string Missing = $"{Chromium} is missing (Debian: apt-get install chromium; eng/test.sh installs it)";
        Assert.True(File.Exists(Chromium) || Environment.GetEnvironmentVariable("CI") != "true", Missing);
        Assert.SkipUnless(File.Exists(Chromium), Missing);
        var profile = Directory.CreateTempSubdirectory("serow-chromium-");
        var problems = new List<string>();
        try
        {
            using var playwright = await Playwright.CreateAsync();
            await using var browser = await playwright.Chromium.LaunchPersistentContextAsync(profile.FullName, new BrowserTypeLaunchPersistentContextOptions
            {
                ExecutablePath = Chromium,
                Headless = true,
                Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
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

    private static async Task<string> CompileAsync()
    {
        // Under the package, so that Node finds its node_modules (ws) from the compiled scripts.
        var output = Path.Combine(ToolDirectory, "out", Guid.NewGuid().ToString("N")[..8]);
        foreach (var old in Directory.Exists(Path.Combine(ToolDirectory, "out")) ? Directory.GetDirectories(Path.Combine(ToolDirectory, "out")) : [])
        {
            if (Directory.GetLastWriteTimeUtc(old) < DateTime.UtcNow.AddHours(-1))
            {
                Directory.Delete(old, recursive: true);
            }
        }

        var (exitCode, _, text) = await RunTscAsync("-p", ".", "--outDir", output);
        Assert.True(exitCode == 0, "tsc --strict failed on the generated TypeScript clients and their scenarios:\n" + text);
        File.Copy(Path.Combine(ToolDirectory, "src", "browser.html"), Path.Combine(Scripts(output), "browser.html"));
        return output;
    }
}
