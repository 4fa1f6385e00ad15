// Licensed under the MIT license. See LICENSE in the project root.

using Serow.Dsl.Tests.Support;

namespace Serow.Dsl.Tests;

public sealed class GrpcRuleTests
{
    public sealed class StreamingPayloadWithoutFieldNumber : Design
    {
        public StreamingPayloadWithoutFieldNumber() => Service("analytics", () => Method("process", () =>
        {
            StreamingPayload(() =>
            {
                Field(1, "event_type", String);
                Attribute("data", Bytes); // mark:no-field-number
            });
            GRPC(() => Response(CodeOK));
        }));
    }

    [Fact]
    public void GrpcStreamingPayload_AttributeWithoutFieldNumber_ReportsMissingFieldNumber() =>
        DesignAssert.Reports(typeof(StreamingPayloadWithoutFieldNumber), "SEROW018", "mark:no-field-number", ["service \"analytics\" method \"process\" streaming payload attribute \"data\"", "Field(n, \"data\""]);

    public sealed class ReferencedTypeWithoutFieldNumber : Design
    {
        public ReferencedTypeWithoutFieldNumber()
        {
            var point = Type("Point", () =>
            {
                Field(1, "x", Float64);
                Attribute("y", Float64); // mark:type-no-field
            });
            Service("geo", () =>
            {
                GRPC(() => { });
                Method("track", () => StreamingResult(() => Field(1, "position", point)));
            });
        }
    }

    [Fact]
    public void GrpcServiceMethod_ReferencedTypeAttributeWithoutFieldNumber_ReportsMissingFieldNumber() =>
        DesignAssert.Reports(typeof(ReferencedTypeWithoutFieldNumber), "SEROW018", "mark:type-no-field", ["type \"Point\" attribute \"y\"", "service \"geo\" method \"track\""]);

    public sealed class DuplicateFieldNumbers : Design
    {
        public DuplicateFieldNumbers() => Service("chat", () => Method("connect", () =>
        {
            StreamingResult(() =>
            {
                Field(1, "message", String);
                Field(1, "user_id", String); // mark:dup-field-number
            });
            GRPC(() => Response(CodeOK));
        }));
    }

    [Fact]
    public void GrpcMessage_DuplicateFieldNumber_ReportsDuplicateFieldNumber() =>
        DesignAssert.Reports(typeof(DuplicateFieldNumbers), "SEROW019", "mark:dup-field-number", ["service \"chat\" method \"connect\" streaming result attribute \"user_id\"", "\"message\""]);

    public sealed class ReservedFieldNumber : Design
    {
        public ReservedFieldNumber() => Service("s", () => Method("m", () =>
        {
            Payload(() =>
            {
                Field(19500, "x", String); // mark:reserved-field
            });
            GRPC(() => Response(CodeOK));
        }));
    }

    [Fact]
    public void GrpcMessage_ReservedFieldNumber_ReportsOutOfRange() =>
        DesignAssert.Reports(typeof(ReservedFieldNumber), "SEROW020", "mark:reserved-field", ["service \"s\" method \"m\" payload attribute \"x\"", "19500", "19000"]);

    public sealed class ZeroFieldNumber : Design
    {
        public ZeroFieldNumber() => Service("s", () => Method("m", () =>
        {
            Result(() =>
            {
                Field(0, "x", String); // mark:zero-field
            });
            GRPC(() => Response(CodeOK));
        }));
    }

    [Fact]
    public void GrpcMessage_ZeroFieldNumber_ReportsOutOfRange() =>
        DesignAssert.Reports(typeof(ZeroFieldNumber), "SEROW020", "mark:zero-field", ["service \"s\" method \"m\" result attribute \"x\"", "536870911"]);

    public sealed class AnyInStream : Design
    {
        public AnyInStream() => Service("s", () => Method("m", () =>
        {
            StreamingPayload(() =>
            {
                Field(1, "blob", Any); // mark:any
            });
            GRPC(() => Response(CodeOK));
        }));
    }

    [Fact]
    public void GrpcStreamingPayload_AnyAttribute_ReportsAnyType() =>
        DesignAssert.Reports(typeof(AnyInStream), "SEROW021", "mark:any", ["service \"s\" method \"m\" streaming payload attribute \"blob\"", "Any"]);

    public sealed class MessageAndMetadata : Design
    {
        public MessageAndMetadata() => Service("s", () => Method("m", () =>
        {
            Payload(() =>
            {
                Field(1, "token", String);
                Field(2, "query", String);
            });
            GRPC(() =>
            {
                Metadata(() => Attribute("token"));
                Message(() =>
                {
                    Attribute("query");
                    Attribute("token"); // mark:both
                });
            });
        }));
    }

    [Fact]
    public void GrpcAttribute_InMessageAndMetadata_ReportsConflict() =>
        DesignAssert.Reports(typeof(MessageAndMetadata), "SEROW022", "mark:both", ["service \"s\" method \"m\" payload attribute \"token\"", "Metadata"]);

    public sealed class UnknownMetadata : Design
    {
        public UnknownMetadata() => Service("s", () => Method("m", () =>
        {
            Payload(() => Field(1, "query", String));
            GRPC(() => Metadata(() =>
            {
                Attribute("token"); // mark:unknown-metadata
            }));
        }));
    }

    [Fact]
    public void GrpcMetadata_UnknownAttribute_ReportsUnknownGrpcAttribute() =>
        DesignAssert.Reports(typeof(UnknownMetadata), "SEROW010", "mark:unknown-metadata", ["service \"s\" method \"m\" payload attribute \"token\"", "Metadata"]);

    public sealed class MetadataNeedsNoFieldNumber : Design
    {
        public MetadataNeedsNoFieldNumber() => Service("s", () => Method("m", () =>
        {
            Payload(() =>
            {
                Attribute("token");
                Field(1, "query", String);
            });
            GRPC(() => Metadata(() => Attribute("token")));
        }));
    }

    [Fact]
    public void GrpcMetadataAttribute_WithoutFieldNumber_IsAccepted() =>
        DesignAssert.Succeeds(typeof(MetadataNeedsNoFieldNumber));

    public sealed class SkipWithGrpc : Design
    {
        public SkipWithGrpc() => Service("files", () => Method("upload", () =>
        {
            Payload(() => Field(1, "name", String));
            HTTP(() =>
            {
                POST("/files/{name}");
                SkipRequestBodyEncodeDecode(); // mark:skip-grpc
            });
            GRPC(() => Response(CodeOK));
        }));
    }

    [Fact]
    public void SkipRequestBodyEncodeDecode_WithGrpc_ReportsSkipWithGrpc() =>
        DesignAssert.Reports(typeof(SkipWithGrpc), "SEROW023", "mark:skip-grpc", ["service \"files\" method \"upload\"", "SkipRequestBodyEncodeDecode", "gRPC"]);
}
