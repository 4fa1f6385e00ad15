// Licensed under the MIT license. See LICENSE in the project root.

namespace Serow.Testing;

/// <summary>Finds folders of the repository from a test's output folder.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Combine(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Serow.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Serow.slnx not found above " + AppContext.BaseDirectory);
    }
}
