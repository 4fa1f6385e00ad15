// Licensed under the MIT license. See LICENSE in the project root.

namespace Serow.Cli.Internal;

/// <summary>Finds the design project file from the path the user gave: a project file, or a folder holding exactly one.</summary>
internal static class DesignProjectLocator
{
    public static string Locate(string path, string workingDirectory)
    {
        var fullPath = Path.GetFullPath(path, workingDirectory);
        if (File.Exists(fullPath))
        {
            if (!fullPath.EndsWith(".csproj", StringComparison.OrdinalIgnoreCase))
            {
                throw new CliException($"'{path}' is not a C# project file (.csproj).");
            }

            return fullPath;
        }

        if (!Directory.Exists(fullPath))
        {
            throw new CliException($"'{path}' does not exist.");
        }

        var projects = Directory.GetFiles(fullPath, "*.csproj", SearchOption.TopDirectoryOnly);
        Array.Sort(projects, StringComparer.Ordinal);
        return projects.Length switch
        {
            1 => projects[0],
            0 => throw new CliException($"'{path}' holds no .csproj file; pass the design project file or its folder."),
            _ => throw new CliException(
                $"'{path}' holds {projects.Length} project files ({string.Join(", ", projects.Select(Path.GetFileName))}); pass the design project file."),
        };
    }
}
