// Licensed under the MIT license. See LICENSE in the project root.

using Serow.Cli.Internal;

namespace Serow.Cli.Tests;

public sealed class DesignProjectLocatorTests
{
    [Fact]
    public void Locate_FolderWithOneProject_ReturnsIt()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.Combine("My.Design.csproj"), "<Project />");

        var project = DesignProjectLocator.Locate(".", temp.Path);

        Assert.Equal(temp.Combine("My.Design.csproj"), project);
    }

    [Fact]
    public void Locate_ProjectFile_ReturnsFullPath()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.Combine("My.Design.csproj"), "<Project />");

        var project = DesignProjectLocator.Locate("My.Design.csproj", temp.Path);

        Assert.Equal(temp.Combine("My.Design.csproj"), project);
    }

    [Fact]
    public void Locate_FolderWithoutProject_Throws()
    {
        using var temp = new TempDirectory();

        var exception = Assert.Throws<CliException>(() => DesignProjectLocator.Locate(temp.Path, temp.Path));

        Assert.Contains("no .csproj", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Locate_FolderWithTwoProjects_ThrowsNamingBoth()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.Combine("A.csproj"), "<Project />");
        File.WriteAllText(temp.Combine("B.csproj"), "<Project />");

        var exception = Assert.Throws<CliException>(() => DesignProjectLocator.Locate(temp.Path, temp.Path));

        Assert.Contains("A.csproj, B.csproj", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Locate_FileThatIsNotAProject_Throws()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.Combine("design.cs"), "");

        Assert.Throws<CliException>(() => DesignProjectLocator.Locate("design.cs", temp.Path));
    }
}
