// Licensed under the MIT license. See LICENSE in the project root.

namespace Serow.Cli.Tests;

public sealed class CommandLineTests
{
    [Fact]
    public void Help_Root_ListsGenCommand()
    {
        var run = CliRun.Invoke("--help");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("gen", run.Output, StringComparison.Ordinal);
        Assert.Contains("Generate C# code from a design project", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_Gen_ListsOutputAndNamespaceOptions()
    {
        var run = CliRun.Invoke("gen", "--help");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("--output", run.Output, StringComparison.Ordinal);
        Assert.Contains("--namespace", run.Output, StringComparison.Ordinal);
        Assert.Contains("<design>", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Version_Root_PrintsToolVersion()
    {
        var run = CliRun.Invoke("--version");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("0.1.0\n", run.Output);
    }

    [Fact]
    public void Gen_WithoutDesignArgument_FailsWithUsageError()
    {
        var run = CliRun.Invoke("gen");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Equal("error: 'serow gen' needs <design>\nRun 'serow gen --help' for usage.\n", run.Error);
        Assert.Empty(run.Output);
    }

    [Fact]
    public void Gen_UnknownOption_FailsWithUsageError()
    {
        var run = CliRun.Invoke("gen", "design", "--bogus");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("--bogus", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Gen_MissingPath_ReportsErrorAndExitsWithOne()
    {
        using var temp = new TempDirectory();

        var run = CliRun.InvokeIn(temp.Path, "gen", "nowhere");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("'nowhere' does not exist", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Gen_DesignAssemblyThatDoesNotExist_ReportsItAndExitsWithOne()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(Path.Combine(temp.Path, "Api.Design.csproj"), "<Project Sdk=\"Microsoft.NET.Sdk\" />");

        var run = CliRun.InvokeIn(temp.Path, "gen", "Api.Design.csproj", "--design-assembly", "bin/Api.Design.dll");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"the design assembly '{Path.Combine(temp.Path, "bin", "Api.Design.dll")}' (--design-assembly) does not exist; build the design project first.", run.Error, StringComparison.Ordinal);
    }
}
