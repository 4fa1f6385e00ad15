// Licensed under the MIT license. See LICENSE in the project root.

using Serow.Codegen;

namespace Serow.Testing;

/// <summary>
/// Compares generated files with committed copies. Set <c>SEROW_UPDATE_GOLDEN=1</c> to rewrite the copies instead;
/// without it any difference, missing or extra file fails.
/// </summary>
internal static class GoldenFiles
{
    public static bool Updating => Environment.GetEnvironmentVariable("SEROW_UPDATE_GOLDEN") == "1";

    public static void Verify(string folder, IReadOnlyList<GeneratedFile> files)
    {
        if (Updating)
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }

            foreach (var file in files)
            {
                var path = Path.Combine(folder, file.Path);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                File.WriteAllText(path, file.Content);
            }

            return;
        }

        var problems = new List<string>();
        var expected = Directory.Exists(folder)
            ? Directory.GetFiles(folder, "*", SearchOption.AllDirectories).Select(p => Path.GetRelativePath(folder, p).Replace('\\', '/')).ToHashSet()
            : [];
        foreach (var file in files)
        {
            if (!expected.Remove(file.Path))
            {
                problems.Add($"new file {file.Path}");
                continue;
            }

            var committed = File.ReadAllText(Path.Combine(folder, file.Path));
            if (committed != file.Content)
            {
                problems.Add($"changed {file.Path}: {FirstDifference(committed, file.Content)}");
            }
        }

        problems.AddRange(expected.Order().Select(p => $"file no longer generated {p}"));
        Assert.True(problems.Count == 0,
            $"Generated code differs from {folder} (run the tests with SEROW_UPDATE_GOLDEN=1 to accept):\n" + string.Join("\n", problems));
    }

    private static string FirstDifference(string expected, string actual)
    {
        var a = expected.Split('\n');
        var b = actual.Split('\n');
        for (var i = 0; i < Math.Max(a.Length, b.Length); i++)
        {
            var x = i < a.Length ? a[i] : "<end>";
            var y = i < b.Length ? b[i] : "<end>";
            if (x != y)
            {
                return $"line {i + 1}: expected `{x.Trim()}`, got `{y.Trim()}`";
            }
        }

        return "same lines";
    }
}
