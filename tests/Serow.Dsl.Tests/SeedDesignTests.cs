// Licensed under the MIT license. See LICENSE in the project root.

using Serow.Design;
using Serow.Dsl.Tests.Support;

namespace Serow.Dsl.Tests;

public sealed class SeedDesignTests
{
    [Fact]
    public void SeedDesigns_AllFourServicesTogether_EvaluateWithoutDiagnostics()
    {
        var result = DesignRunner.Run(typeof(MonitorDesign), typeof(AnalyticsDesign), typeof(ChatDesign), typeof(LoggerDesign));

        Assert.Empty(result.Diagnostics);
        Assert.True(result.Succeeded);
        var root = result.GetRootOrThrow();
        Assert.Equal("api", root.Api.Name);
        Assert.Equal(["monitor", "analytics", "chat", "logger"], root.Services.Select(s => s.Name));
    }

    [Fact]
    public void MonitorWatch_ServerStreamingOverGrpc_ModelHasFieldsRequiredAndStreamKind()
    {
        var method = DesignAssert.Succeeds(typeof(MonitorDesign)).FindService("monitor")!.Methods.Single();

        Assert.Equal("watch", method.Name);
        Assert.Equal("Stream system metrics", method.Description);
        Assert.Equal(StreamKind.Server, method.StreamKind);
        var payload = Assert.IsType<ObjectType>(method.Payload!.Type);
        var interval = Assert.Single(payload.Attributes);
        Assert.Equal(("interval", 1, "Sampling interval in seconds"), (interval.Name, interval.FieldNumber!.Value, interval.Description!));
        Assert.Equal(new PrimitiveType(PrimitiveKind.Int), interval.Type);
        Assert.Equal(["interval"], payload.Required);
        var result = Assert.IsType<ObjectType>(method.StreamingResult!.Type);
        Assert.Equal(["cpu", "memory"], result.Attributes.Select(a => a.Name));
        Assert.Equal([1, 2], result.Attributes.Select(a => a.FieldNumber!.Value));
        Assert.All(result.Attributes, a => Assert.Equal(new PrimitiveType(PrimitiveKind.Float32), a.Type));
        Assert.Equal(["cpu", "memory"], result.Required);
        Assert.Null(method.Result);
        Assert.Null(method.Http);
        var response = Assert.Single(method.Grpc!.Responses);
        Assert.Equal(GrpcCode.OK, response.Code);
        Assert.Null(response.ErrorName);
    }

    [Fact]
    public void AnalyticsProcess_ClientStreamingOverGrpc_ModelHasStreamingPayloadAndResult()
    {
        var method = DesignAssert.Succeeds(typeof(AnalyticsDesign)).FindService("analytics")!.Methods.Single();

        Assert.Equal(StreamKind.Client, method.StreamKind);
        Assert.Equal("Process stream of analytics events", method.Description);
        var stream = Assert.IsType<ObjectType>(method.StreamingPayload!.Type);
        Assert.Equal(["event_type", "timestamp", "data"], stream.Attributes.Select(a => a.Name));
        Assert.Equal([1, 2, 3], stream.Attributes.Select(a => a.FieldNumber!.Value));
        Assert.Equal(new PrimitiveType(PrimitiveKind.Bytes), stream.Find("data")!.Type);
        Assert.Equal(["event_type", "timestamp", "data"], stream.Required);
        var result = Assert.IsType<ObjectType>(method.Result!.Type);
        var count = Assert.Single(result.Attributes);
        Assert.Equal(("processed_count", 1, "Number of events processed"), (count.Name, count.FieldNumber!.Value, count.Description!));
        Assert.Equal(new PrimitiveType(PrimitiveKind.Int64), count.Type);
        Assert.Equal(["processed_count"], result.Required);
        Assert.Null(method.Payload);
    }

    [Fact]
    public void ChatConnect_BidirectionalOverGrpc_ModelHasBothStreams()
    {
        var method = DesignAssert.Succeeds(typeof(ChatDesign)).FindService("chat")!.Methods.Single();

        Assert.Equal(StreamKind.Bidirectional, method.StreamKind);
        Assert.Equal("Establish bidirectional chat connection", method.Description);
        var payload = Assert.IsType<ObjectType>(method.StreamingPayload!.Type);
        Assert.Equal(["message", "user_id"], payload.Required);
        Assert.Equal("User identifier", payload.Find("user_id")!.Description);
        var result = Assert.IsType<ObjectType>(method.StreamingResult!.Type);
        Assert.Equal(["message", "user_id", "timestamp"], result.Attributes.Select(a => a.Name));
        Assert.Equal([1, 2, 3], result.Attributes.Select(a => a.FieldNumber!.Value));
        Assert.Equal(["message", "user_id", "timestamp"], result.Required);
        Assert.Equal(GrpcCode.OK, Assert.Single(method.Grpc!.Responses).Code);
    }

    [Fact]
    public void LoggerSubscribe_ServerStreamingOverWebSocket_ModelHasGetRouteAndResponse()
    {
        var method = DesignAssert.Succeeds(typeof(LoggerDesign)).FindService("logger")!.Methods.Single();

        Assert.Equal(StreamKind.Server, method.StreamKind);
        Assert.Equal("Stream log entries for a specific topic", method.Description);
        var route = Assert.Single(method.Http!.Routes);
        Assert.Equal(("GET", "/logs/{topic}/stream"), (route.Method, route.Path));
        var response = Assert.Single(method.Http.Responses);
        Assert.Equal(200, response.StatusCode);
        Assert.Null(method.Http.ServerSentEvents);
        Assert.Equal(["topic"], Assert.IsType<ObjectType>(method.Payload!.Type).Required);
        Assert.Equal(["timestamp", "message"], Assert.IsType<ObjectType>(method.StreamingResult!.Type).Required);
        Assert.Null(method.Grpc);
    }

    [Fact]
    public void LoggerSubscribe_BidirectionalGuideVariant_CompilesButReportsPathVariableMissingFromPayload()
    {
        // The guide's variant moves "topic" into the StreamingPayload yet keeps {topic} in the route; the
        // upgrade request cannot read a streamed message, so the design is rejected.
        var result = DesignRunner.Run(typeof(BidirectionalLoggerDesign));

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(DiagnosticIds.UnknownPathVariable, diagnostic.Id);
        Assert.Contains("service \"logger\" method \"subscribe\"", diagnostic.Message, StringComparison.Ordinal);
        Assert.Contains("\"topic\"", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SeedDesigns_Elements_CarryTheirDesignFileAndLine()
    {
        var method = DesignAssert.Succeeds(typeof(LoggerDesign)).FindService("logger")!.Methods.Single();

        Assert.EndsWith("SeedDesigns.cs", method.Location.File, StringComparison.Ordinal);
        var lines = File.ReadAllLines(method.Location.File);
        Assert.Contains("Method(\"subscribe\"", lines[method.Location.Line - 1], StringComparison.Ordinal);
        Assert.Contains("GET(\"/logs/{topic}/stream\")", lines[method.Http!.Routes[0].Location.Line - 1], StringComparison.Ordinal);
        var topic = Assert.IsType<ObjectType>(method.Payload!.Type).Attributes[0];
        Assert.Contains("Field(1, \"topic\"", lines[topic.Location.Line - 1], StringComparison.Ordinal);
    }
}
