// Licensed under the MIT license. See LICENSE in the project root.

using Serow.Design;
using Serow.Dsl.Tests.Support;

namespace Serow.Dsl.Tests;

/// <summary>gRPC Response(code, block) with Headers and Trailers: the model and the errors.</summary>
public sealed class GrpcResponseRuleTests
{
    public sealed class Mapped : Design
    {
        public Mapped()
        {
            Service("s", () => Method("m", () =>
            {
                Result(() =>
                {
                    Field(1, "etag", String);
                    Field(2, "count", Int);
                    Field(3, "body", String);
                });
                GRPC(() => Response(CodeOK, () =>
                {
                    Headers(() => Attribute("etag"));
                    Trailers(() => Attribute("count"));
                }));
            }));
        }
    }

    [Fact]
    public void ResponseMetadata_ReachesTheModel()
    {
        var grpc = DesignRunner.Run(typeof(Mapped)).GetRootOrThrow().Services[0].Methods[0].Grpc!;

        Assert.Equal(["etag"], grpc.ResponseHeaders);
        Assert.Equal(["count"], grpc.ResponseTrailers);
        Assert.Contains(grpc.Responses, r => r.Code == GrpcCode.OK && r.ErrorName is null);
    }

    public sealed class Misused : Design
    {
        public Misused()
        {
            Service("s", () =>
            {
                Method("unary", () =>
                {
                    Result(() =>
                    {
                        Field(1, "tags", ArrayOf(String));
                        Field(2, "etag", String);
                    });
                    GRPC(() => Response(CodeOK, () =>
                    {
                        Headers(() =>
                        {
                            Attribute("missing"); // mark:missing
                            Attribute("tags"); // mark:array
                            Attribute("etag");
                        });
                        Trailers(() => Attribute("etag")); // mark:both
                    }));
                });
                Method("stream", () =>
                {
                    StreamingResult(() => Field(1, "x", String));
                    GRPC(() => Response(CodeOK, () => Trailers(() => Attribute("x")))); // mark:stream
                });
                Method("plain", () => GRPC(() => Trailers(() => Attribute("x")))); // mark:outside
            });
        }
    }

    [Fact]
    public void ResponseMetadata_Misused_IsReportedWithItsLine()
    {
        DesignAssert.Reports(typeof(Misused), DiagnosticIds.GrpcResponseMetadata, "mark:missing", ["Headers cannot carry result attribute \"missing\": the result has no attribute"]);
        DesignAssert.Reports(typeof(Misused), DiagnosticIds.GrpcResponseMetadata, "mark:array", ["\"tags\" is ArrayOf(String), not a primitive"]);
        DesignAssert.Reports(typeof(Misused), DiagnosticIds.GrpcResponseMetadata, "mark:both", ["already in the response headers"]);
        DesignAssert.Reports(typeof(Misused), DiagnosticIds.GrpcResponseMetadata, "mark:stream", ["the method streams"]);
        DesignAssert.Reports(typeof(Misused), DiagnosticIds.WrongPlace, "mark:outside", ["Trailers", "a gRPC Response(code, block) block"]);
    }
}
