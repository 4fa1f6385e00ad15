// Licensed under the MIT license. See LICENSE in the project root.

using System.Diagnostics;

namespace Serow.Http.Tests.Python;

/// <summary>
/// The Debian tools the interoperability tests run (eng/test.sh installs them). Missing on a developer machine: the
/// test is skipped with the reason; missing in CI (<c>CI=true</c>): the test fails, so a broken install is never silent.
/// </summary>
internal static class ExternalTools
{
    public const string Python = "/usr/bin/python3";

    public const string Chromium = "/usr/bin/chromium";

    private static readonly Lazy<string?> PythonProblem = new(() =>
    {
        if (!File.Exists(Python))
        {
            return $"{Python} is missing (Debian: apt-get install python3-websockets; eng/test.sh installs it)";
        }

        var (exit, output) = Run(Python, ["-c", "import websockets; print(websockets.__version__)"]);
        return exit == 0 ? null : $"the Python module websockets is missing (Debian: apt-get install python3-websockets): {output.Trim()}";
    });

    public static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Skips the test (or fails it in CI) unless /usr/bin/python3 can import websockets.</summary>
    public static void RequirePython() => Require(PythonProblem.Value);

    /// <summary>Skips the test (or fails it in CI) unless /usr/bin/chromium exists.</summary>
    public static void RequireChromium() =>
        Require(File.Exists(Chromium) ? null : $"{Chromium} is missing (Debian: apt-get install chromium; eng/test.sh installs it)");

    /// <summary>The repository file at <paramref name="relativePath"/>, found from the test's output folder upwards.</summary>
    public static string RepositoryFile(string relativePath)
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        for (var i = 0; i < 12 && directory is not null; i++, directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, relativePath);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"{relativePath} not found above {AppContext.BaseDirectory}");
    }

    private static void Require(string? problem)
    {
        if (problem is null)
        {
            return;
        }

        if (InCi)
        {
            Assert.Fail($"CI=true and {problem}");
        }

        Assert.Skip(problem);
    }

    private static (int Exit, string Output) Run(string file, string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(15_000))
        {
            process.Kill(entireProcessTree: true);
            return (-1, "timed out");
        }

        return (process.ExitCode, output.Result + error.Result);
    }
}
