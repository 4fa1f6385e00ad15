// Licensed under the MIT license. See LICENSE in the project root.

using Serow.Codegen;
using Serow.Codegen.Http;
using Serow.Dsl;

namespace Serow.Http.Tests.RawBodies;

public sealed class RawBodyGenerationTests
{
    [Fact]
    public void RawRequest_WithAnUnmappedPayloadAttribute_IsSEROW911()
    {
        var error = Assert.Throws<CodegenException>(() => Generate(typeof(UnmappedDesign)));

        var diagnostic = Assert.Single(error.Diagnostics);
        Assert.Equal("SEROW911", diagnostic.Id);
        Assert.Contains("\"note\"", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RawResponse_WithAResult_IsSEROW912()
    {
        var error = Assert.Throws<CodegenException>(() => Generate(typeof(ResultDesign)));

        Assert.Equal("SEROW912", Assert.Single(error.Diagnostics).Id);
    }

    private static IReadOnlyList<GeneratedFile> Generate(Type design) =>
        new HttpGenerator().Generate(DesignRunner.Run(design).GetRootOrThrow(), new GenerationOptions { ToolVersion = "0.0.0-test" });

    public sealed class UnmappedDesign : Serow.Dsl.Design
    {
        public UnmappedDesign()
        {
            Service("files", () => Method("put", () =>
            {
                Payload(() =>
                {
                    Attribute("name", String);
                    Attribute("note", String);
                });
                HTTP(() =>
                {
                    PUT("/files/{name}");
                    SkipRequestBodyEncodeDecode();
                });
            }));
        }
    }

    public sealed class ResultDesign : Serow.Dsl.Design
    {
        public ResultDesign()
        {
            Service("files", () => Method("get", () =>
            {
                Result(() => Attribute("size", Int64));
                HTTP(() =>
                {
                    GET("/files");
                    SkipResponseBodyEncodeDecode();
                });
            }));
        }
    }
}
