// Licensed under the MIT license. See LICENSE in the project root.

using Serow.Dsl;
using Serow.Testing;

namespace Serow.Codegen.Tests;

public sealed class GoldenFileTests
{
    [Theory]
    [MemberData(nameof(TestDesignCatalog.Names), MemberType = typeof(TestDesignCatalog))]
    public void Generate_TestDesign_MatchesGoldenFiles(string design) =>
        GoldenFiles.Verify(RepositoryPaths.Combine("testassets", "Generated", design), TestDesignCatalog.Generate(design));

    [Theory]
    [MemberData(nameof(TestDesignCatalog.Names), MemberType = typeof(TestDesignCatalog))]
    public void GenerateTypeScript_TestDesign_MatchesGoldenFiles(string design) =>
        GoldenFiles.Verify(RepositoryPaths.Combine("testassets", "GeneratedTypeScript", design),
            new Serow.Codegen.Http.TypeScript.TypeScriptGenerator().Generate(TestDesignCatalog.Root(design), TestDesignCatalog.Options with { DesignName = design }));

    [Fact]
    public void Generate_StreamingExample_MatchesCommittedGenFolder()
    {
        var root = DesignRunner.Run(typeof(global::Streaming.Design.MonitorDesign).Assembly).GetRootOrThrow();
        var files = TestGenerators.Generate(root, new GenerationOptions { DesignName = "Streaming.Design" });
        GoldenFiles.Verify(RepositoryPaths.Combine("examples", "streaming", "gen"), files);
    }

    [Fact]
    public void GenerateTypeScript_StreamingExample_MatchesTheCommittedClientOfThePage()
    {
        var root = DesignRunner.Run(typeof(global::Streaming.Design.MonitorDesign).Assembly).GetRootOrThrow();
        var files = new Serow.Codegen.Http.TypeScript.TypeScriptGenerator().Generate(root, new GenerationOptions { DesignName = "Streaming.Design" });
        GoldenFiles.Verify(RepositoryPaths.Combine("examples", "streaming", "web", "client"), files);
    }
}
