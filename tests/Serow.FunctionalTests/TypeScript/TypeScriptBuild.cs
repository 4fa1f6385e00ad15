// Licensed under the MIT license. See LICENSE in the project root.

using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Serow.Testing;

namespace Serow.FunctionalTests.TypeScript;

/// <summary>
/// Compiles tests/tools/typescript-client (its scenarios with the generated TypeScript clients of
/// testassets/GeneratedTypeScript) once per test run with the package's own <c>tsc</c>, strict, and runs the result in
/// Node or serves it to a browser.
/// </summary>
internal static class TypeScriptBuild
{
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

    /// <summary>Runs <c>node</c> on a compiled script and returns its exit code and lines.</summary>
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

        var (exitCode, output) = await RunAsync(start, TimeSpan.FromSeconds(120));
        return (exitCode, output.Split('\n', StringSplitOptions.TrimEntries), output);
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

        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = ToolDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { Path.Combine("node_modules", "typescript", "bin", "tsc"), "-p", ".", "--outDir", output })
        {
            start.ArgumentList.Add(argument);
        }

        var (exitCode, text) = await RunAsync(start, TimeSpan.FromSeconds(120));
        Assert.True(exitCode == 0, "tsc --strict failed on the generated TypeScript clients and their scenarios:\n" + text);
        File.Copy(Path.Combine(ToolDirectory, "src", "browser.html"), Path.Combine(Scripts(output), "browser.html"));
        return output;
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(ProcessStartInfo start, TimeSpan limit)
    {
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(limit);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{start.FileName} {string.Join(' ', start.ArgumentList)} did not finish within {limit.TotalSeconds} s:\n{await stdout}{await stderr}");
        }

        return (process.ExitCode, await stdout + await stderr);
    }
}
