// Licensed under the MIT license. See LICENSE in the project root.

using Serow.Dsl;
using Serow.Testing;

namespace Serow.Codegen.Tests;

public sealed class CompileTests
{
    [Theory]
    [MemberData(nameof(TestDesignCatalog.Names), MemberType = typeof(TestDesignCatalog))]
    public void Generate_TestDesign_CompilesWithZeroWarnings(string design)
    {
        var diagnostics = InMemoryCompiler.Compile(TestDesignCatalog.Generate(design));

        Assert.True(diagnostics.Count == 0, string.Join("\n", diagnostics));
    }

    [Fact]
    public void Generate_StreamingExample_CompilesWithZeroWarnings()
    {
        var root = DesignRunner.Run(typeof(global::Streaming.Design.MonitorDesign).Assembly).GetRootOrThrow();

        var diagnostics = InMemoryCompiler.Compile(TestGenerators.Generate(root, new GenerationOptions()));

        Assert.True(diagnostics.Count == 0, string.Join("\n", diagnostics));
    }
}
