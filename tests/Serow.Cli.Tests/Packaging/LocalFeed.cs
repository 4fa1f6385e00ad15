// Licensed under the MIT license. See LICENSE in the project root.

using Serow.Cli.Tests.Example;

namespace Serow.Cli.Tests.Packaging;

/// <summary>Serow's packages packed into a folder (eng/packages.slnf), as a user's feed would serve them.</summary>
internal sealed record LocalFeed(string Folder, string Version, string PackOutput)
{
    private static readonly TimeSpan PackTimeout = TimeSpan.FromMinutes(5);

    private static readonly Lazy<Task<LocalFeed>> Shared = new(PackSharedAsync);

    /// <summary>The packages packed once for the whole test run (the packaging tests only read them).</summary>
    public static Task<LocalFeed> SharedAsync() => Shared.Value;

    private static Task<LocalFeed> PackSharedAsync()
    {
        var folder = Path.Combine(Path.GetTempPath(), "serow-cli-tests", "feed-" + Guid.NewGuid().ToString("N"));
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
            }
        };
        return PackAsync(folder);
    }

    private static async Task<LocalFeed> PackAsync(string folder)
    {
        var pack = await ChildProcess.RunAsync(RepoPaths.Root, PackTimeout, null, "pack", "eng/packages.slnf", "-c", "Release", "-o", folder, "--nologo");
        Assert.True(pack.ExitCode == 0, pack.Output + pack.Error);

        // One version for every package: the tool package's.
        var tool = Path.GetFileNameWithoutExtension(Directory.GetFiles(folder, "Serow.Cli.*.nupkg").Single());
        var version = tool["Serow.Cli.".Length..];

        // The packages of this version restored by an earlier run are stale: restore them from this feed.
        var cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        foreach (var package in Directory.GetFiles(folder, "*.nupkg"))
        {
            var id = Path.GetFileNameWithoutExtension(package)[..^(version.Length + 1)].ToLowerInvariant();
            var restored = Path.Combine(cache, id, version);
            if (Directory.Exists(restored))
            {
                Directory.Delete(restored, recursive: true);
            }
        }

        return new LocalFeed(folder, version, pack.Output);
    }

    /// <summary>Writes a design project <c>&lt;directory&gt;/&lt;name&gt;/&lt;name&gt;.csproj</c> on this feed's Serow.Dsl with one design file; returns the design file's path.</summary>
    public string WriteDesignProject(string directory, string name, string design)
    {
        var folder = Path.Combine(directory, name);
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, name + ".csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Serow.Dsl" Version="{Version}" />
              </ItemGroup>
            </Project>
            """);
        var file = Path.Combine(folder, "StocksDesign.cs");
        File.WriteAllText(file, design);
        return file;
    }

    /// <summary>A nuget.config that adds this feed beside the usual sources.</summary>
    public void WriteNuGetConfig(string directory) =>
        File.WriteAllText(Path.Combine(directory, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="serow-local" value="{Folder}" />
              </packageSources>
            </configuration>
            """);
}
