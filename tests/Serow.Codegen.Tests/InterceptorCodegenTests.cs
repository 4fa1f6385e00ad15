// Licensed under the MIT license. See LICENSE in the project root.

using Serow.Dsl;
using Serow.Testing;

namespace Serow.Codegen.Tests;

/// <summary>What the generator refuses about interceptors: an accessor needs one C# type per attribute.</summary>
public sealed class InterceptorCodegenTests
{
    private sealed class DisagreeingTypes : Serow.Dsl.Design
    {
        public DisagreeingTypes()
        {
            var mark = Interceptor("mark", () => ReadStreamingResult(() => Attribute("seq")));
            API("mark", () => ServerInterceptor(mark));
            Service("feeds", () =>
            {
                Method("numbers", () => StreamingResult(() => Field(1, "seq", Int64)));
                Method("names", () => StreamingResult(() => Field(1, "seq", String)));
            });
        }
    }

    [Fact]
    public void AnInterceptorReachingOneAttributeWithTwoTypes_IsAnErrorNamingTheMethodsAndTheDeclaration()
    {
        var root = DesignRunner.Run(typeof(DisagreeingTypes)).GetRootOrThrow();

        var error = Assert.Throws<CodegenException>(() => TestGenerators.Generate(root, TestDesignCatalog.Options));

        var diagnostic = Assert.Single(error.Diagnostics);
        Assert.Equal("SEROW902", diagnostic.Id);
        Assert.Contains("interceptor \"mark\" reaches attribute \"seq\" of the streaming result with different types (numbers: long?, names: string?)", diagnostic.Message);
        Assert.EndsWith("InterceptorCodegenTests.cs", diagnostic.Location.File);
    }
}
