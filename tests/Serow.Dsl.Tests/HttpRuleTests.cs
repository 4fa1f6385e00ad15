// Licensed under the MIT license. See LICENSE in the project root.

using Serow.Dsl.Tests.Support;

namespace Serow.Dsl.Tests;

public sealed class HttpRuleTests
{
    public sealed class UnknownParam : Design
    {
        public UnknownParam() => Service("s", () => Method("m", () =>
        {
            Payload(() => Attribute("id"));
            HTTP(() =>
            {
                GET("/items");
                Param("page"); // mark:unknown-param
            });
        }));
    }

    [Fact]
    public void Param_UnknownPayloadAttribute_ReportsUnknownHttpAttribute() =>
        DesignAssert.Reports(typeof(UnknownParam), "SEROW008", "mark:unknown-param", ["service \"s\" method \"m\" payload attribute \"page\"", "Param"]);

    public sealed class UnknownHeader : Design
    {
        public UnknownHeader() => Service("s", () => Method("m", () =>
        {
            Payload(() => Attribute("id"));
            HTTP(() =>
            {
                GET("/items/{id}");
                Header("token:Authorization"); // mark:unknown-header
            });
        }));
    }

    [Fact]
    public void Header_UnknownPayloadAttribute_ReportsUnknownHttpAttribute() =>
        DesignAssert.Reports(typeof(UnknownHeader), "SEROW008", "mark:unknown-header", ["payload attribute \"token\"", "Header"]);

    public sealed class UnknownBody : Design
    {
        public UnknownBody() => Service("s", () => Method("m", () =>
        {
            HTTP(() =>
            {
                POST("/items");
                Body("item"); // mark:unknown-body
            });
        }));
    }

    [Fact]
    public void Body_WithoutPayload_ReportsUnknownHttpAttribute() =>
        DesignAssert.Reports(typeof(UnknownBody), "SEROW008", "mark:unknown-body", ["service \"s\" method \"m\" payload attribute \"item\"", "no payload"]);

    public sealed class PathVariableNotInPayload : Design
    {
        public PathVariableNotInPayload() => Service("s", () =>
        {
            HTTP(() => Path("/v1"));
            Method("m", () =>
            {
                Payload(() => Attribute("id"));
                HTTP(() =>
                {
                    GET("/items/{item_id}"); // mark:path-variable
                });
            });
        });
    }

    [Fact]
    public void RoutePathVariable_NotInPayload_ReportsUnknownPathVariable() =>
        DesignAssert.Reports(typeof(PathVariableNotInPayload), "SEROW009", "mark:path-variable", ["service \"s\" method \"m\"", "/v1/items/{item_id}", "\"item_id\""]);

    public sealed class WebSocketPost : Design
    {
        public WebSocketPost() => Service("logger", () => Method("subscribe", () =>
        {
            Payload(() => Attribute("topic"));
            StreamingResult(String);
            HTTP(() =>
            {
                POST("/logs/{topic}"); // mark:ws-post
            });
        }));
    }

    [Fact]
    public void WebSocketEndpoint_MappedToPost_ReportsUseGet() =>
        DesignAssert.Reports(typeof(WebSocketPost), "SEROW024", "mark:ws-post", ["service \"logger\" method \"subscribe\"", "use GET: WebSocket upgrades are GET requests"]);

    public sealed class WebSocketBody : Design
    {
        public WebSocketBody() => Service("logger", () => Method("subscribe", () =>
        {
            Payload(() =>
            {
                Attribute("topic");
                Attribute("filter"); // mark:ws-body
            });
            StreamingResult(String);
            HTTP(() => GET("/logs/{topic}"));
        }));
    }

    [Fact]
    public void WebSocketEndpoint_PayloadAttributeNotMapped_ReportsRequestBody() =>
        DesignAssert.Reports(typeof(WebSocketBody), "SEROW025", "mark:ws-body", ["service \"logger\" method \"subscribe\" payload attribute \"filter\"", "Param(\"filter\")"]);

    public sealed class WebSocketMappedPayload : Design
    {
        public WebSocketMappedPayload() => Service("logger", () => Method("subscribe", () =>
        {
            Payload(() =>
            {
                Attribute("topic");
                Attribute("filter");
                Attribute("token");
            });
            StreamingResult(String);
            HTTP(() =>
            {
                GET("/logs/{topic}");
                Param("filter");
                Header("token:Authorization");
            });
        }));
    }

    [Fact]
    public void WebSocketEndpoint_PayloadMappedToPathQueryAndHeader_IsAccepted() =>
        DesignAssert.Succeeds(typeof(WebSocketMappedPayload));

    public sealed class TwoSuccessResponses : Design
    {
        public TwoSuccessResponses() => Service("s", () => Method("m", () =>
        {
            StreamingResult(String);
            HTTP(() =>
            {
                GET("/stream");
                Response(StatusOK);
                Response(StatusAccepted); // mark:two-success
            });
        }));
    }

    [Fact]
    public void StreamingEndpoint_TwoSuccessResponses_ReportsSingleSuccessResponse() =>
        DesignAssert.Reports(typeof(TwoSuccessResponses), "SEROW026", "mark:two-success", ["service \"s\" method \"m\"", "202"]);

    public sealed class UnpinnedMultiViewOverWebSocket : Design
    {
        public UnpinnedMultiViewOverWebSocket()
        {
            var status = ResultType("application/vnd.status", "Status", () =>
            {
                Attribute("state");
                Attribute("details");
                View("default", () => { Attribute("state"); Attribute("details"); });
                View("tiny", () => Attribute("state"));
            });
            Service("s", () => Method("m", () =>
            {
                StreamingPayload(String);
                StreamingResult(status); // mark:ws-view
                HTTP(() => GET("/chat"));
            }));
        }
    }

    [Fact]
    public void WebSocketBidirectional_UnpinnedMultiViewResult_ReportsViewNotPinned() =>
        DesignAssert.Reports(typeof(UnpinnedMultiViewOverWebSocket), "SEROW027", "mark:ws-view", ["service \"s\" method \"m\"", "type \"Status\"", "View(\"name\")"]);

    public sealed class SkipWithStreaming : Design
    {
        public SkipWithStreaming() => Service("s", () => Method("download", () =>
        {
            StreamingResult(Bytes);
            HTTP(() =>
            {
                GET("/files");
                SkipRequestBodyEncodeDecode(); // mark:skip-stream
            });
        }));
    }

    [Fact]
    public void SkipRequestBodyEncodeDecode_WithStreamingResult_ReportsConsistentAdvice()
    {
        var diagnostic = DesignAssert.Reports(typeof(SkipWithStreaming), "SEROW028", "mark:skip-stream", ["service \"s\" method \"download\"", "remove SkipRequestBodyEncodeDecode, or drop the StreamingResult: raw bodies and typed streams cannot be combined"]);
        Assert.DoesNotContain("SkipResponseBodyEncodeDecode", diagnostic.Message, StringComparison.Ordinal);
    }

    public sealed class SkipResponseWithStreamingPayload : Design
    {
        public SkipResponseWithStreamingPayload() => Service("s", () => Method("upload", () =>
        {
            StreamingPayload(Bytes);
            Result(String);
            HTTP(() =>
            {
                GET("/files");
                SkipResponseBodyEncodeDecode(); // mark:skip-response-stream
            });
        }));
    }

    [Fact]
    public void SkipResponseBodyEncodeDecode_WithStreamingPayload_ReportsConsistentAdvice() =>
        DesignAssert.Reports(typeof(SkipResponseWithStreamingPayload), "SEROW028", "mark:skip-response-stream", ["service \"s\" method \"upload\"", "remove SkipResponseBodyEncodeDecode, or drop the StreamingPayload"]);

    public sealed class SseTwoSuccessResponses : Design
    {
        public SseTwoSuccessResponses() => Service("s", () => Method("m", () =>
        {
            StreamingResult(String);
            HTTP(() =>
            {
                POST("/events");
                ServerSentEvents();
                Response(StatusOK);
                Response(StatusCreated); // mark:sse-two-success
            });
        }));
    }

    [Fact]
    public void SseEndpoint_TwoSuccessResponses_ReportsSingleSuccessResponse() =>
        DesignAssert.Reports(typeof(SseTwoSuccessResponses), "SEROW026", "mark:sse-two-success", ["service \"s\" method \"m\"", "201"]);

    public sealed class SkipResponseWithMultiView : Design
    {
        public SkipResponseWithMultiView()
        {
            var file = ResultType("application/vnd.file", "File", () =>
            {
                Attribute("name");
                Attribute("size", Int64);
                View("default", () => { Attribute("name"); Attribute("size"); });
                View("tiny", () => Attribute("name"));
            });
            Service("s", () => Method("download", () =>
            {
                Result(file);
                HTTP(() =>
                {
                    GET("/files");
                    SkipResponseBodyEncodeDecode(); // mark:skip-views
                });
            }));
        }
    }

    [Fact]
    public void SkipResponseBodyEncodeDecode_WithMultiViewResult_ReportsMultiView() =>
        DesignAssert.Reports(typeof(SkipResponseWithMultiView), "SEROW029", "mark:skip-views", ["service \"s\" method \"download\"", "type \"File\"", "several views"]);

    public sealed class SseOnBidirectional : Design
    {
        public SseOnBidirectional() => Service("s", () => Method("m", () =>
        {
            StreamingPayload(String);
            StreamingResult(String);
            HTTP(() =>
            {
                GET("/events");
                ServerSentEvents(); // mark:sse-bidi
            });
        }));
    }

    [Fact]
    public void ServerSentEvents_OnBidirectionalMethod_ReportsNotServerStreaming() =>
        DesignAssert.Reports(typeof(SseOnBidirectional), "SEROW030", "mark:sse-bidi", ["service \"s\" method \"m\"", "server-streaming"]);

    public sealed class AnswerJsonOutsideServerSentEvents : Design
    {
        public AnswerJsonOutsideServerSentEvents() => Service("s", () => Method("m", () =>
        {
            StreamingResult(() => Attribute("data"));
            HTTP(() =>
            {
                GET("/events");
                AnswerJSON(); // mark:answer-json
            });
        }));
    }

    [Fact]
    public void AnswerJson_OutsideAServerSentEventsBlock_ReportsWrongPlace() =>
        DesignAssert.Reports(typeof(AnswerJsonOutsideServerSentEvents), "SEROW001", "mark:answer-json", ["AnswerJSON", "a ServerSentEvents block"]);

    public sealed class SseFieldTypes : Design
    {
        public SseFieldTypes() => Service("s", () => Method("m", () =>
        {
            StreamingResult(() =>
            {
                Attribute("seq", Int);
                Attribute("data");
            });
            HTTP(() =>
            {
                GET("/events");
                ServerSentEvents(() =>
                {
                    SSEEventData("data");
                    SSEEventID("seq"); // mark:sse-id-type
                });
            });
        }));
    }

    [Fact]
    public void SseEventId_NonStringAttribute_ReportsFieldType() =>
        DesignAssert.Reports(typeof(SseFieldTypes), "SEROW031", "mark:sse-id-type", ["service \"s\" method \"m\" streaming result attribute \"seq\"", "SSEEventID", "a String"]);

    public sealed class SseRetryType : Design
    {
        public SseRetryType() => Service("s", () => Method("m", () =>
        {
            StreamingResult(() => Attribute("retry_after"));
            HTTP(() =>
            {
                GET("/events");
                ServerSentEvents(() =>
                {
                    SSEEventRetry("retry_after"); // mark:sse-retry-type
                });
            });
        }));
    }

    [Fact]
    public void SseEventRetry_StringAttribute_ReportsFieldType() =>
        DesignAssert.Reports(typeof(SseRetryType), "SEROW031", "mark:sse-retry-type", ["attribute \"retry_after\"", "integer"]);

    public sealed class SseUnknownField : Design
    {
        public SseUnknownField() => Service("s", () => Method("m", () =>
        {
            Payload(() => Attribute("topic"));
            StreamingResult(() => Attribute("data"));
            HTTP(() =>
            {
                GET("/events/{topic}");
                ServerSentEvents(() =>
                {
                    SSERequestID("last_id"); // mark:sse-unknown
                });
            });
        }));
    }

    [Fact]
    public void SseRequestId_UnknownPayloadAttribute_ReportsUnknownSseAttribute() =>
        DesignAssert.Reports(typeof(SseUnknownField), "SEROW011", "mark:sse-unknown", ["service \"s\" method \"m\" payload attribute \"last_id\"", "SSERequestID"]);

    public sealed class SseWithBodyAndPost : Design
    {
        public SseWithBodyAndPost() => Service("s", () =>
        {
            HTTP(() => ServerSentEvents());
            Method("m", () =>
            {
                Payload(() => Attribute("query"));
                StreamingResult(String);
                HTTP(() => POST("/search"));
            });
        });
    }

    [Fact]
    public void ServerSentEvents_InheritedFromService_AllowsPostAndBody()
    {
        var root = DesignAssert.Succeeds(typeof(SseWithBodyAndPost));

        Assert.NotNull(root.Services[0].Http!.ServerSentEvents);
    }

    public sealed class UnknownErrorResponse : Design
    {
        public UnknownErrorResponse() => Service("s", () =>
        {
            Error("unavailable");
            Method("m", () =>
            {
                Error("not_found");
                HTTP(() =>
                {
                    GET("/x");
                    Response("not_found", StatusNotFound);
                    Response("unavailable", StatusServiceUnavailable);
                    Response("conflict", StatusConflict); // mark:unknown-error
                });
            });
        });
    }

    [Fact]
    public void HttpResponse_UndeclaredError_ReportsUnknownErrorResponse() =>
        DesignAssert.Reports(typeof(UnknownErrorResponse), "SEROW032", "mark:unknown-error", ["service \"s\" method \"m\"", "\"conflict\"", "Error(\"conflict\")"]);

    public sealed class UnknownGrpcErrorResponse : Design
    {
        public UnknownGrpcErrorResponse() => Service("s", () =>
        {
            GRPC(() =>
            {
                Response("quota", CodeResourceExhausted); // mark:unknown-grpc-error
            });
        });
    }

    [Fact]
    public void GrpcServiceResponse_UndeclaredError_ReportsUnknownErrorResponse() =>
        DesignAssert.Reports(typeof(UnknownGrpcErrorResponse), "SEROW032", "mark:unknown-grpc-error", ["service \"s\" gRPC", "\"quota\""]);
}
