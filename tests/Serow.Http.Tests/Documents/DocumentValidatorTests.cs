// Licensed under the MIT license. See LICENSE in the project root.

using System.Diagnostics;
using Serow.Testing;

namespace Serow.Http.Tests.Documents;

/// <summary>
/// Independent validation with the npm tools in tests/tools/doc-validators (`redocly lint` of @redocly/cli for OpenAPI
/// 3.2 and 3.1, @apidevtools/swagger-parser too for 3.1, @asyncapi/parser and `asyncapi validate` of @asyncapi/cli for
/// AsyncAPI 3); eng/test.sh installs them
/// with npm ci.
/// </summary>
public sealed class DocumentValidatorTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task NpmValidators_AcceptGeneratedDocuments_JsonAndYaml(bool openApi31)
    {
        var folder = Directory.CreateTempSubdirectory("serow-docs-");
        try
        {
            var paths = new List<string>();
            foreach (var file in Documents.Generate(Documents.HttpDocuments, openApi31 ? Documents.OpenApi31 : null))
            {
                var path = Path.Combine(folder.FullName, Path.GetFileName(file.Path));
                await File.WriteAllTextAsync(path, file.Content, TestContext.Current.CancellationToken);
                paths.Add(path);
            }

            await Validate(paths.Where(p => p.EndsWith("openapi.json", StringComparison.Ordinal)).Concat(paths.Where(p => !p.EndsWith("openapi.json", StringComparison.Ordinal))));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task NpmValidators_AcceptStreamingExampleDocuments()
    {
        var folder = RepositoryPaths.Combine("examples", "streaming", "gen", "Http");

        await Validate(new[] { "openapi.json", "asyncapi.json", "openapi.yaml", "asyncapi.yaml" }.Select(f => Path.Combine(folder, f)));
    }

    [Theory]
    [InlineData("Unions")]
    [InlineData("Language")]
    public async Task NpmValidators_AcceptTheLanguageDesignsDocuments(string design)
    {
        // The golden documents of the unions (oneOf, discriminator) and language (servers, propertyNames) designs,
        // kept current by Serow.Codegen.Tests.
        var folder = RepositoryPaths.Combine("testassets", "Generated", design, "Http");

        // A design without streaming methods has no AsyncAPI document.
        await Validate(new[] { "openapi.json", "asyncapi.json", "openapi.yaml", "asyncapi.yaml" }.Select(f => Path.Combine(folder, f)).Where(File.Exists));
    }

    private static async Task Validate(IEnumerable<string> files)
    {
        files = files.ToList();
        var tools = RepositoryPaths.Combine("tests", "tools", "doc-validators");
        if (FindOnPath("node") is not { } node)
        {
            Assert.Skip("node is not installed: the OpenAPI and AsyncAPI documents were not validated by the npm validators.");
            return;
        }

        Assert.True(Directory.Exists(Path.Combine(tools, "node_modules")),
            $"The npm validators are not installed: run `npm ci` in {tools} (eng/test.sh does).");
        var start = new ProcessStartInfo(node) { WorkingDirectory = tools, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("validate.mjs");
        foreach (var file in files)
        {
            start.ArgumentList.Add(file);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var errors = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        var report = await output + await errors;
        Assert.True(process.ExitCode == 0, $"validate.mjs exited with {process.ExitCode}:\n{report}");
        Assert.DoesNotContain("FAIL", report, StringComparison.Ordinal);
        Assert.Equal(files.Count(), report.Split('\n').Count(l => l.StartsWith("ok ", StringComparison.Ordinal)));
    }

    private static string? FindOnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, program))
            .FirstOrDefault(File.Exists);
}
