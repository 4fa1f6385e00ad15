// Licensed under the MIT license. See LICENSE in the project root.

using Serow.Cli.Internal;

namespace Serow.Cli.Tests;

public sealed class GenCommandTests
{
    [Fact]
    public void DefaultOutputDirectory_DesignProject_IsGenBesideProjectFolder()
    {
        var project = Path.Combine(Path.GetTempPath(), "api", "design", "Api.Design.csproj");

        var output = GenCommand.DefaultOutputDirectory(project);

        Assert.Equal(Path.Combine(Path.GetTempPath(), "api", "gen"), output);
    }
}
