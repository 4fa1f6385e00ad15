// Licensed under the MIT license. See LICENSE in the project root.

namespace Serow.Cli.Internal;

/// <summary>Builds the design project with the .NET SDK and asks MSBuild where its assembly is.</summary>
internal static class DesignProjectBuilder
{
    // The SDK sets DOTNET_HOST_PATH for the tools it runs; prefer the same dotnet that launched serow.
    private static string DotnetHost =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    /// <summary>Builds <paramref name="projectPath"/> in Debug and returns the full path of its output assembly.</summary>
    public static string Build(string projectPath)
    {
        var directory = Path.GetDirectoryName(projectPath)!;

        // Build servers would inherit the output pipes and keep them open after the build ends.
        var build = ProcessRunner.Run(
            DotnetHost,
            ["build", projectPath, "-c", "Debug", "--nologo", "-v", "q", "--disable-build-servers"],
            directory);
        if (build.ExitCode != 0)
        {
            throw new CliException($"building the design project '{projectPath}' failed (exit code {build.ExitCode}).")
            {
                Details = build.Output,
            };
        }

        var query = ProcessRunner.Run(
            DotnetHost,
            ["msbuild", projectPath, "-getProperty:TargetPath", "-p:Configuration=Debug", "-nologo"],
            directory);
        var targetPath = query.StandardOutput.Trim();
        if (query.ExitCode != 0 || targetPath.Length == 0)
        {
            throw new CliException($"could not find the output assembly of '{projectPath}'.") { Details = query.Output };
        }

        if (!File.Exists(targetPath))
        {
            throw new CliException($"the design project was built but its assembly '{targetPath}' does not exist.");
        }

        return targetPath;
    }
}
