// Licensed under the MIT license. See LICENSE in the project root.

using Serow.Testing;
using Serow.Dsl;

namespace Serow.Codegen.Tests;

public sealed class DeterminismTests
{
    [Theory]
    [MemberData(nameof(TestDesignCatalog.Names), MemberType = typeof(TestDesignCatalog))]
    public void Generate_TwoRuns_AreByteIdentical(string design)
    {
        var first = TestDesignCatalog.Generate(design);
        var second = TestDesignCatalog.Generate(design);

        Assert.Equal(first.Select(f => (f.Path, f.Content)), second.Select(f => (f.Path, f.Content)));
    }

    [Fact]
    public void Generate_ReorderedServicesAndTypes_ChangeNoFile()
    {
        var forward = TestGenerators.Generate(DesignRunner.Run(typeof(ForwardOrderDesign)).GetRootOrThrow(), TestDesignCatalog.Options);
        var backward = TestGenerators.Generate(DesignRunner.Run(typeof(BackwardOrderDesign)).GetRootOrThrow(), TestDesignCatalog.Options);

        Assert.Equal(forward.Select(f => f.Path), backward.Select(f => f.Path));
        Assert.Equal(forward.Select(f => f.Content), backward.Select(f => f.Content));
    }

    [Fact]
    public void Generate_FilePaths_AreUniqueAndUseForwardSlashes()
    {
        foreach (var design in TestDesignCatalog.Designs.Keys)
        {
            var paths = TestDesignCatalog.Generate(design).Select(f => f.Path).ToList();

            Assert.Equal(paths.Count, paths.Distinct(StringComparer.OrdinalIgnoreCase).Count());
            Assert.All(paths, p => Assert.DoesNotContain('\\', p));
        }
    }

    public sealed class ForwardOrderDesign : Serow.Dsl.Design
    {
        public ForwardOrderDesign()
        {
            API("ordering", () => Title("ordering"));
            var a = Type("Alpha", () => Attribute("a", String));
            var b = Type("Beta", () => Attribute("b", Int));
            Service("first", () => Method("one", () => Payload(a)));
            Service("second", () => Method("two", () => StreamingResult(b)));
        }
    }

    public sealed class BackwardOrderDesign : Serow.Dsl.Design
    {
        public BackwardOrderDesign()
        {
            API("ordering", () => Title("ordering"));
            var b = Type("Beta", () => Attribute("b", Int));
            var a = Type("Alpha", () => Attribute("a", String));
            Service("second", () => Method("two", () => StreamingResult(b)));
            Service("first", () => Method("one", () => Payload(a)));
        }
    }
}
