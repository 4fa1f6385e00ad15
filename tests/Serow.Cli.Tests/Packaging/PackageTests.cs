// Licensed under the MIT license. See LICENSE in the project root.

using System.IO.Compression;
using System.Xml.Linq;
using Serow.Cli.Tests.Example;

namespace Serow.Cli.Tests.Packaging;

/// <summary>
/// `dotnet pack` of Serow's packages (eng/packages.slnf): warning-free, the expected packages with their metadata,
/// README and symbols, and the tool package installs, reports the one version and scaffolds an example that builds on
/// the packages.
/// </summary>
[Collection(BuildsDesignProjectsCollection.Name)]
public sealed class PackageTests
{
    private static readonly string[] Packages =
        ["Serow.Build", "Serow.Cli", "Serow.Design", "Serow.Dsl", "Serow.Runtime", "Serow.Runtime.AspNetCore", "Serow.Runtime.Cli", "Serow.Runtime.Grpc", "Serow.Runtime.Http", "Serow.Runtime.Redis", "Serow.Templates"];

    // Packages without code, hence without symbols.
    private static readonly string[] WithoutSymbols = ["Serow.Build", "Serow.Templates"];

    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task Pack_MakesEveryPackageWithoutWarnings_WithMetadataReadmeAndSymbols_AndTheToolReportsTheVersion()
    {
        using var temp = new TempDirectory();
        var packed = await LocalFeed.SharedAsync();
        var (feed, version) = (packed.Folder, packed.Version);
        var warnings = packed.PackOutput.Split('\n').Where(l => l.Contains(": warning ", StringComparison.Ordinal)).ToList();
        Assert.True(warnings.Count == 0, string.Join('\n', warnings));
        Assert.Equal(
            Packages.SelectMany(p => WithoutSymbols.Contains(p) ? new[] { $"{p}.{version}.nupkg" } : [$"{p}.{version}.nupkg", $"{p}.{version}.snupkg"]).Order(StringComparer.Ordinal),
            Directory.GetFiles(feed).Select(Path.GetFileName).Order(StringComparer.Ordinal));

        foreach (var id in Packages)
        {
            using var package = ZipFile.OpenRead(Path.Combine(feed, $"{id}.{version}.nupkg"));
            var nuspec = XDocument.Load(package.GetEntry($"{id}.nuspec")!.Open());
            string? Metadata(string name) => nuspec.Root!.Elements().First().Elements().FirstOrDefault(e => e.Name.LocalName == name)?.Value;
            Assert.False(string.IsNullOrWhiteSpace(Metadata("description")), id);
            Assert.Contains("serow", Metadata("tags"), StringComparison.Ordinal);
            Assert.Equal("MIT", Metadata("license"));
            Assert.Equal("README.md", Metadata("readme"));
            Assert.NotNull(package.GetEntry("README.md"));
            Assert.Contains(nuspec.Descendants(), e => e.Name.LocalName == "repository" && e.Attribute("commit") is not null);
            if (id == "Serow.Build")
            {
                // An MSBuild package: its targets and the tool, no library (built without symbols: it has no code).
                Assert.NotNull(package.GetEntry("build/Serow.Build.targets"));
                Assert.NotNull(package.GetEntry("tools/net10.0/serow.dll"));
                Assert.DoesNotContain(package.Entries, e => e.FullName.StartsWith("lib/", StringComparison.Ordinal));
            }
        }

        var tools = temp.Combine("tools");
        var install = await ChildProcess.RunAsync(temp.Path, InstallTimeout, null, "tool", "install", "Serow.Cli", "--tool-path", tools, "--add-source", feed, "--version", version);
        Assert.True(install.ExitCode == 0, install.Output + install.Error);
        var serow = await RunToolAsync(temp.Path, Path.Combine(tools, "serow"), "--version");
        Assert.Equal(version, serow.Trim());

        // The installed tool scaffolds an example outside any Serow source tree: its projects reference the packages.
        var app = temp.Combine("app");
        Directory.CreateDirectory(app);
        packed.WriteNuGetConfig(app);
        packed.WriteDesignProject(app, "Hello.Design", BuildIntegrationTests.Design);
        await RunToolAsync(app, Path.Combine(tools, "serow"), "example", "Hello.Design/Hello.Design.csproj");
        var server = Directory.GetFiles(app, "*.Server.csproj", SearchOption.AllDirectories).Single();
        var project = File.ReadAllText(server);
        Assert.Contains($"<PackageReference Include=\"Serow.Runtime.Grpc\" Version=\"{version}\" />", project, StringComparison.Ordinal);
        Assert.DoesNotContain("SerowRoot", project, StringComparison.Ordinal);
        var build = await ChildProcess.RunAsync(app, InstallTimeout, null, "build", server, "--nologo", "--disable-build-servers");
        Assert.True(build.ExitCode == 0, build.Output + build.Error);
    }

    private static async Task<string> RunToolAsync(string workingDirectory, string path, params string[] arguments)
    {
        var run = await ChildProcess.RunProgramAsync(path, workingDirectory, InstallTimeout, null, arguments);
        Assert.True(run.ExitCode == 0, run.Output + run.Error);
        return run.Output;
    }
}
