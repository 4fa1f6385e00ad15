// Licensed under the MIT license. See LICENSE in the project root.

using System.Runtime.CompilerServices;
using Serow.Design;

namespace Serow.Dsl.Tests.Support;

/// <summary>Assertions on design runs; expected lines are found by a marker comment in the test's own source file.</summary>
internal static class DesignAssert
{
    public static DesignRoot Succeeds(params Type[] designs)
    {
        var result = DesignRunner.Run(designs);
        Assert.True(result.Succeeded, string.Join(Environment.NewLine, result.Diagnostics));
        return result.Root!;
    }

    /// <summary>Finds the 1-based line of the source line that holds <paramref name="marker"/>.</summary>
    public static int LineOf(string marker, [CallerFilePath] string file = "")
    {
        var lines = File.ReadAllLines(file);
        var hits = Enumerable.Range(0, lines.Length).Where(i => lines[i].Contains("// " + marker, StringComparison.Ordinal)).ToArray();
        Assert.True(hits.Length == 1, $"marker '{marker}' must appear exactly once in {file}, found {hits.Length}");
        return hits[0] + 1;
    }

    /// <summary>
    /// Asserts the design reports <paramref name="id"/> at the line marked <paramref name="marker"/> in the caller's
    /// file, with a message containing every fragment.
    /// </summary>
    public static DesignDiagnostic Reports(
        Type design,
        string id,
        string marker,
        string[] fragments,
        [CallerFilePath] string file = "")
    {
        var result = DesignRunner.Run(design);
        Assert.False(result.Succeeded);
        Assert.Null(result.Root);
        var line = LineOf(marker, file);
        var matches = result.Diagnostics.Where(d => d.Id == id).ToArray();
        var all = string.Join(Environment.NewLine, result.Diagnostics);
        Assert.True(matches.Length > 0, $"expected {id}; got:{Environment.NewLine}{all}");
        var diagnostic = matches.FirstOrDefault(d => d.Location.Line == line)
            ?? throw new Xunit.Sdk.XunitException($"expected {id} at line {line}; got:{Environment.NewLine}{all}");
        Assert.EndsWith(System.IO.Path.GetFileName(file), diagnostic.Location.File, StringComparison.Ordinal);
        foreach (var fragment in fragments)
        {
            Assert.Contains(fragment, diagnostic.Message, StringComparison.Ordinal);
        }

        return diagnostic;
    }
}
