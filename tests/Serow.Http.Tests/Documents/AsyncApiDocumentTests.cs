// Licensed under the MIT license. See LICENSE in the project root.

using System.Text.Json.Nodes;
using Serow.Dsl;
using static Serow.Http.Tests.Documents.Documents;

namespace Serow.Http.Tests.Documents;

public sealed class AsyncApiDocumentTests
{
    private static readonly JsonObject Doc = Json("asyncapi.json");

    [Fact]
    public void Yaml_SameDocumentAsJson()
    {
        var fromYaml = YamlToJson.Parse(Text("asyncapi.yaml"));

        Assert.True(JsonNode.DeepEquals(Doc, fromYaml), "asyncapi.yaml and asyncapi.json differ");
    }

    [Fact]
    public void Header_AsyncApi300WithInfo()
    {
        Assert.Equal("3.0.0", (string)Doc["asyncapi"]!);
        const string Info = """
            {"title":"Store API","version":"2.1","description":"A tiny store served over HTTP.","termsOfService":"https://example.com/terms","contact":{"name":"Store team","url":"https://example.com/store","email":"store@example.com"},"license":{"name":"MIT","url":"https://opensource.org/licenses/MIT"},"externalDocs":{"description":"The store's guide","url":"https://example.com/docs"}}
            """;
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(Info), Doc["info"]), Doc["info"]!.ToJsonString());
        Assert.Equal("application/json", (string)Doc["defaultContentType"]!);
    }

    [Fact]
    public void Channels_OnePerStreamingHttpMethod_AddressedByRoute()
    {
        var channels = Doc["channels"]!.AsObject();

        Assert.Equal(["prices.watch", "prices.trade", "prices.tally", "prices.feed"], channels.Select(c => c.Key));
        Assert.Equal("/api/prices/{sku}/watch", (string)At(channels, "prices.watch", "address")!);
        Assert.Equal("{}", At(channels, "prices.watch", "parameters", "sku").ToJsonString());
    }

    [Fact]
    public void WebSocketChannel_WsBindingWithQueryAndHeaderSchemas()
    {
        var ws = At(Doc, "channels", "prices.watch", "bindings", "ws");

        Assert.Equal("GET", (string)ws["method"]!);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"type":"object","properties":{"interval":{"type":"integer","format":"int32","minimum":1}}}"""), ws["query"]), ws["query"]!.ToJsonString());
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"type":"object","properties":{"Authorization":{"type":"string"}}}"""), ws["headers"]), ws["headers"]!.ToJsonString());
        Assert.Equal("0.1.0", (string)ws["bindingVersion"]!);
    }

    [Fact]
    public void Bidirectional_MessagesPerDirectionAndErrorFrame()
    {
        var messages = At(Doc, "channels", "prices.trade", "messages").AsObject();

        Assert.Equal(
            """{"request":{"$ref":"#/components/messages/prices.trade.request"},"response":{"$ref":"#/components/messages/prices.trade.response"},"error":{"$ref":"#/components/messages/SerowErrorFrame"}}""",
            messages.ToJsonString());
        Assert.Equal("#/components/schemas/PricesTradeStreamingPayload", (string)At(Doc, "components", "messages", "prices.trade.request", "payload", "$ref")!);
        Assert.Equal("#/components/schemas/TickTinyView", (string)At(Doc, "components", "messages", "prices.trade.response", "payload", "$ref")!);
        Assert.Equal("#/components/schemas/SerowErrorFrame", (string)At(Doc, "components", "messages", "SerowErrorFrame", "payload", "$ref")!);
        Assert.Equal("#/components/schemas/SerowError", (string)At(Doc, "components", "schemas", "SerowErrorFrame", "properties", "$serow.error", "$ref")!);
        Assert.Equal("""["$serow.error"]""", At(Doc, "components", "schemas", "SerowErrorFrame", "required").ToJsonString());
    }

    [Fact]
    public void Operations_FromTheServersPointOfView()
    {
        var operations = Doc["operations"]!.AsObject();

        Assert.Equal(
            ["prices.watch.send:send", "prices.trade.receive:receive", "prices.trade.send:send", "prices.tally.receive:receive", "prices.tally.send:send", "prices.feed.send:send"],
            operations.Select(o => $"{o.Key}:{o.Value!["action"]}"));
        Assert.Equal("#/channels/prices.trade", (string)At(operations, "prices.trade.receive", "channel", "$ref")!);
        Assert.Equal("""[{"$ref":"#/channels/prices.trade/messages/request"}]""", At(operations, "prices.trade.receive", "messages").ToJsonString());
        Assert.Equal(
            """[{"$ref":"#/channels/prices.trade/messages/response"},{"$ref":"#/channels/prices.trade/messages/error"}]""",
            At(operations, "prices.trade.send", "messages").ToJsonString());
    }

    [Fact]
    public void Security_SchemesInComponents_AndTheOperationsSchemes()
    {
        var schemes = At(Doc, "components", "securitySchemes").AsObject();

        Assert.Equal(["jwt", "api_key", "basic", "oauth"], schemes.Select(s => s.Key));
        Assert.Equal("""{"type":"http","scheme":"bearer","bearerFormat":"JWT","description":"Tokens issued by the store identity service."}""", schemes["jwt"]!.ToJsonString());
        Assert.Equal("""{"type":"httpApiKey","name":"X-API-Key","in":"header","description":"A key per partner."}""", schemes["api_key"]!.ToJsonString());
        Assert.Equal(
            """{"tokenUrl":"https://id.store.example/token","availableScopes":{"prices:watch":"Watch live prices"}}""",
            At(schemes, "oauth", "flows", "clientCredentials").ToJsonString());
        Assert.All(Doc["operations"]!.AsObject(), o => Assert.Equal("""[{"$ref":"#/components/securitySchemes/oauth"}]""", o.Value!["security"]!.ToJsonString()));
    }

    [Fact]
    public void ResumableWebSocketChannel_HasThePositionFrame_AndOpenApiItsExtension()
    {
        var design = DesignRunner.Run(typeof(Serow.TestDesigns.ResumableDesign)).GetRootOrThrow();
        var asyncApi = Json("asyncapi.json", design);
        var openApi = Json("openapi.json", design);

        Assert.Equal("#/components/messages/SerowPositionFrame", (string)At(asyncApi, "channels", "ticker.follow", "messages", "position", "$ref")!);
        Assert.Null(At(asyncApi, "channels", "ticker.events", "messages")["position"]);
        Assert.Equal("""["$serow.position"]""", At(asyncApi, "components", "schemas", "SerowPositionFrame", "required").ToJsonString());
        Assert.Equal("#/components/schemas/SerowPositionFrame", (string)At(openApi, "paths", "/ticker/{symbol}/follow", "get", "x-serow-websocket", "position", "$ref")!);
    }

    [Fact]
    public void ClientStream_FinalResultIsTheServersOnlyMessage()
    {
        Assert.Equal("#/components/schemas/PricesTallyResult", (string)At(Doc, "components", "messages", "prices.tally.response", "payload", "$ref")!);
        Assert.Equal("""{"type":"integer","format":"int64"}""", At(Doc, "components", "schemas", "PricesTallyResult").ToJsonString());
        Assert.Equal("""{"type":"number","format":"double"}""", At(Doc, "components", "schemas", "PricesTallyStreamingPayload").ToJsonString());
    }

    [Fact]
    public void ServerSentEventsChannel_EventStreamMessageAndHttpBinding()
    {
        var channel = At(Doc, "channels", "prices.feed");
        var message = At(Doc, "components", "messages", "prices.feed.event");

        Assert.Null(channel["bindings"]);
        Assert.Contains("text/event-stream", (string)channel["description"]!);
        Assert.Equal("text/event-stream", (string)message["contentType"]!);
        Assert.Equal("#/components/schemas/Tick", (string)At(message, "payload", "$ref")!);
        Assert.Equal("""{"http":{"method":"GET","bindingVersion":"0.3.0"}}""", At(Doc, "operations", "prices.feed.send", "bindings").ToJsonString());
    }

    [Fact]
    public void Schemas_SameMappingAsOpenApi()
    {
        var openApi = Json("openapi.json");
        var names = At(Doc, "components", "schemas").AsObject().Select(s => s.Key).ToList();

        Assert.Contains("Tick", names);
        Assert.DoesNotContain("Item", names);
        foreach (var name in names)
        {
            // Same keywords and values; only the order of members differs between the two writers.
            Assert.True(Normalize(At(openApi, "components", "schemas", name)) == Normalize(At(Doc, "components", "schemas", name)), $"schema {name} differs");
        }
    }

    [Fact]
    public void Generate_DesignWithoutStreamingHttpMethods_WritesOnlyOpenApi()
    {
        var files = Generate(Serow.Dsl.DesignRunner.Run(typeof(UnaryHttpDesign)).GetRootOrThrow());

        Assert.Equal(["Http/openapi.json", "Http/openapi.yaml"], files.Select(f => f.Path));
    }

    private static string Normalize(JsonNode node) => node switch
    {
        JsonObject obj => "{" + string.Join(",", obj.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + ":" + Normalize(p.Value!))) + "}",
        JsonArray array => "[" + string.Join(",", array.Select(i => Normalize(i!))) + "]",
        _ => node.ToJsonString(),
    };

    public sealed class UnaryHttpDesign : Serow.Dsl.Design
    {
        public UnaryHttpDesign()
        {
            API("unary_http", () => Title("unary_http"));
            Service("echo", () => Method("say", () =>
            {
                Payload(String);
                Result(String);
                HTTP(() => POST("/say"));
            }));
        }
    }
}
