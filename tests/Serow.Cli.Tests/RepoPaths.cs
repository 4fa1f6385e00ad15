// Licensed under the MIT license. See LICENSE in the project root.

namespace Serow.Cli.Tests;

/// <summary>Paths inside the Serow repository, found by walking up to the folder holding Serow.slnx.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string StreamingDesign => Path.Combine(Root, "examples", "streaming", "design");

    public static string BrokenDesign => Path.Combine(Root, "testassets", "BrokenDesign");

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Serow.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Serow.slnx not found above " + AppContext.BaseDirectory);
    }
}
