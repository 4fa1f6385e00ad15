// Licensed under the MIT license. See LICENSE in the project root.

using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;
using Serow.Dsl;
using Serow.TestDesigns;
using static Serow.Http.Tests.Documents.Documents;

namespace Serow.Http.Tests.Documents;

public sealed class OpenApiDocumentTests
{
    private static readonly JsonObject Doc = Json("openapi.json");

    [Theory]
    [InlineData("openapi.json", "json", false)]
    [InlineData("openapi.yaml", "yaml", false)]
    [InlineData("openapi.json", "json", true)]
    [InlineData("openapi.yaml", "yaml", true)]
    public void MicrosoftOpenApiReader_ReadsDocument_WithoutErrorsOrWarnings(string file, string format, bool openApi31)
    {
        var settings = new OpenApiReaderSettings();
        settings.Readers["yaml"] = new YamlToJson();
        var text = openApi31 ? Documents.Generate(HttpDocuments, Documents.OpenApi31).Single(f => f.Path == "Http/" + file).Content : Text(file);

        var (document, diagnostic) = OpenApiDocument.Parse(text, format, settings);

        Assert.NotNull(document);
        Assert.Empty(diagnostic!.Errors);
        Assert.Empty(diagnostic.Warnings);
        Assert.Equal(openApi31 ? OpenApiSpecVersion.OpenApi3_1 : OpenApiSpecVersion.OpenApi3_2, diagnostic.SpecificationVersion);
        Assert.Equal(7, document.Paths.Count);
        Assert.Equal("catalog.update", document.Paths["/api/catalog/items/{id}"].Operations![HttpMethod.Put].OperationId);
    }

    [Fact]
    public void Security_SchemesInComponents_AndEachOperationsRequirements()
    {
        var schemes = At(Doc, "components", "securitySchemes").AsObject();
        Assert.Equal(["jwt", "api_key", "basic", "oauth"], schemes.Select(s => s.Key));
        Assert.Equal(
            """{"type":"http","description":"Tokens issued by the store identity service. Scopes: store:read (Read the catalog); store:write (Change the catalog).","scheme":"bearer","bearerFormat":"JWT"}""",
            schemes["jwt"]!.ToJsonString());
        Assert.Equal("""{"type":"apiKey","description":"A key per partner.","name":"X-API-Key","in":"header"}""", schemes["api_key"]!.ToJsonString());
        Assert.Equal("""{"type":"http","scheme":"basic"}""", schemes["basic"]!.ToJsonString());
        Assert.Equal("https://id.store.example/token", (string)At(schemes, "oauth", "flows", "clientCredentials", "tokenUrl")!);
        Assert.Equal("https://id.store.example/refresh", (string)At(schemes, "oauth", "flows", "authorizationCode", "refreshUrl")!);
        Assert.Equal("""{"prices:watch":"Watch live prices"}""", At(schemes, "oauth", "flows", "authorizationCode", "scopes").ToJsonString());

        // The method's own requirements (either one), none (NoSecurity), the service's, and the API's.
        Assert.Equal("""[{"jwt":["store:read","store:write"]},{"api_key":[],"basic":[]}]""", Operation("catalog.update")["security"]!.ToJsonString());
        Assert.Null(Operation("catalog.list")["security"]);
        Assert.Equal("""[{"oauth":["prices:watch"]}]""", Operation("prices.watch")["security"]!.ToJsonString());
        Assert.Equal("""[{"jwt":["store:read"]}]""", Operation("catalog.upload")["security"]!.ToJsonString());
    }

    private static JsonObject Operation(string id) =>
        Doc["paths"]!.AsObject().SelectMany(p => p.Value!.AsObject()).Select(o => o.Value as JsonObject)
            .Single(o => (string?)o?["operationId"] == id)!;

    [Fact]
    public void Yaml_SameDocumentAsJson()
    {
        var fromYaml = YamlToJson.Parse(Text("openapi.yaml"));

        Assert.True(JsonNode.DeepEquals(Doc, fromYaml), "openapi.yaml and openapi.json differ");
    }

    [Fact]
    public void Info_TitleDescriptionVersionAndApiName()
    {
        Assert.StartsWith("3.2.", (string)Doc["openapi"]!);
        Assert.Equal("Store API", (string)At(Doc, "info", "title")!);
        Assert.Equal("A tiny store served over HTTP.", (string)At(Doc, "info", "description")!);
        Assert.Equal("2.1", (string)At(Doc, "info", "version")!);
        Assert.Equal("store", (string)At(Doc, "info", "x-serow-api")!);
        Assert.Equal("https://example.com/terms", (string)At(Doc, "info", "termsOfService")!);
        Assert.Equal(("Store team", "store@example.com", "https://example.com/store"),
            ((string)At(Doc, "info", "contact", "name")!, (string)At(Doc, "info", "contact", "email")!, (string)At(Doc, "info", "contact", "url")!));
        Assert.Equal(("MIT", "https://opensource.org/licenses/MIT"), ((string)At(Doc, "info", "license", "name")!, (string)At(Doc, "info", "license", "url")!));
        Assert.Equal(("The store's guide", "https://example.com/docs"), ((string)At(Doc, "externalDocs", "description")!, (string)At(Doc, "externalDocs", "url")!));
        Assert.Null(Doc["servers"]);
    }

    [Fact]
    public void Tags_OnePerServiceWithDescription()
    {
        var tags = Doc["tags"]!.AsArray().Select(t => ((string)t!["name"]!, (string)t["description"]!)).ToList();

        Assert.Equal([("catalog", "Browse and change the catalog."), ("prices", "Live prices.")], tags);
        Assert.Equal("prices", (string)At(Doc, "paths", "/api/feed", "get", "tags", 0)!);
    }

    [Fact]
    public void Unary_PathQueryAndHeaderParameters_UseWireNamesPrefixesAndValidations()
    {
        var update = At(Doc, "paths", "/api/catalog/items/{id}", "put");
        var parameters = update["parameters"]!.AsArray();

        Assert.Equal("catalog.update", (string)update["operationId"]!);
        Assert.Equal(["id:path:True", "dry-run:query:False", "Authorization:header:True"],
            parameters.Select(p => $"{p!["name"]}:{p["in"]}:{(bool?)p["required"] ?? false}"));
        Assert.Equal("uuid", (string)At(parameters[0]!, "schema", "format")!);
        Assert.Equal("The item's id", (string)parameters[0]!["description"]!);
        Assert.False((bool)At(parameters[1]!, "schema", "default")!);
        var limit = At(Doc, "paths", "/api/catalog/items", "get", "parameters", 0, "schema");
        Assert.Equal("""{"maximum":100,"minimum":1,"type":"integer","format":"int32","default":20}""", limit.ToJsonString());
        Assert.Equal("""["books","music"]""", At(Doc, "paths", "/api/catalog/items", "get", "parameters", 1, "schema", "enum").ToJsonString());
    }

    [Fact]
    public void Unary_RequestBody_IsThePayloadWithoutMappedAttributes()
    {
        var body = At(Doc, "paths", "/api/catalog/items/{id}", "put", "requestBody");
        var schema = At(Doc, "components", "schemas", "CatalogUpdateRequestBody");

        Assert.True((bool)body["required"]!);
        Assert.Equal("#/components/schemas/CatalogUpdateRequestBody", (string)At(body, "content", "application/json", "schema", "$ref")!);
        Assert.Equal(["item", "note"], schema["properties"]!.AsObject().Select(p => p.Key));
        Assert.Equal("""["item"]""", schema["required"]!.ToJsonString());
        Assert.Null(At(Doc, "paths", "/api/catalog/items", "get")["requestBody"]);
    }

    [Fact]
    public void Unary_Responses_SuccessResultAndEveryDesignedErrorWithItsStatus()
    {
        var responses = At(Doc, "paths", "/api/catalog/items/{id}", "put", "responses").AsObject();

        Assert.Equal(["200", "400", "401", "404", "409"], responses.Select(r => r.Key));
        Assert.Equal("#/components/schemas/Item", (string)At(responses, "200", "content", "application/json", "schema", "$ref")!);
        Assert.Equal("#/components/schemas/SerowInvalidMessage", (string)At(responses, "400", "content", "application/json", "schema", "$ref")!);
        Assert.Contains("unauthorized: The caller is not authenticated.", (string)At(responses, "401", "description")!);
        Assert.Contains("not_found", (string)At(responses, "404", "description")!);
        Assert.Contains("sold_out", (string)At(responses, "409", "description")!);
        Assert.Equal("#/components/schemas/SerowError", (string)At(responses, "409", "content", "application/json", "schema", "$ref")!);
        Assert.Equal("array", (string)At(Doc, "paths", "/api/catalog/items", "get", "responses", "200", "content", "application/json", "schema", "type")!);
    }

    [Fact]
    public void InvalidMessage_ListsEveryViolation()
    {
        var schema = At(Doc, "components", "schemas", "SerowInvalidMessage");
        var violation = At(Doc, "components", "schemas", "SerowValidationError");

        Assert.Equal("""["name","errors"]""", schema["required"]!.ToJsonString());
        Assert.Equal("#/components/schemas/SerowValidationError", (string)At(schema, "properties", "errors", "items", "$ref")!);
        Assert.Equal(["field", "rule", "message"], violation["properties"]!.AsObject().Select(p => p.Key));
        Assert.Equal(["name", "id", "message", "temporary", "timeout", "fault", "errors"], At(Doc, "components", "schemas", "SerowError", "properties").AsObject().Select(p => p.Key));
    }

    [Fact]
    public void RawBodies_AreOctetStream()
    {
        var upload = At(Doc, "paths", "/api/catalog/items/{id}/picture", "post");
        var download = At(Doc, "paths", "/api/catalog/items/{id}/picture", "get");

        Assert.Equal("{}", At(upload, "requestBody", "content", "application/octet-stream").ToJsonString());
        Assert.Equal("Content-Type", (string)At(upload, "parameters", 1, "name")!);
        Assert.NotNull(At(upload, "responses", "201"));
        Assert.Equal("{}", At(download, "responses", "200", "content", "application/octet-stream").ToJsonString());
    }

    [Fact]
    public void WebSocket_Documented101WithMessageSchemasOfEachDirection()
    {
        var trade = At(Doc, "paths", "/api/trade/{account}", "get");
        var watch = At(Doc, "paths", "/api/prices/{sku}/watch", "get");
        var tally = At(Doc, "paths", "/api/tally", "get");

        Assert.Equal(["101", "400", "401", "503"], trade["responses"]!.AsObject().Select(r => r.Key));
        Assert.Contains("Switching Protocols", (string)At(trade, "responses", "101", "description")!);
        Assert.Null(At(trade, "responses", "101")["content"]);
        Assert.Equal(
            """{"request":{"$ref":"#/components/schemas/PricesTradeStreamingPayload"},"response":{"$ref":"#/components/schemas/TickTinyView"},"error":{"$ref":"#/components/schemas/SerowErrorFrame"}}""",
            trade["x-serow-websocket"]!.ToJsonString());
        Assert.Null(At(watch, "x-serow-websocket")["request"]);
        Assert.Equal("#/components/schemas/PricesWatchStreamingResult", (string)At(watch, "x-serow-websocket", "response", "$ref")!);
        Assert.Equal("#/components/schemas/PricesTallyResult", (string)At(tally, "x-serow-websocket", "response", "$ref")!);
        Assert.Equal(["sku", "interval", "Authorization"], watch["parameters"]!.AsArray().Select(p => (string)p!["name"]!));
        Assert.Null(watch["requestBody"]);
    }

    [Fact]
    public void WebSocket_ResultViews_AreProjectedSchemas()
    {
        var tiny = At(Doc, "components", "schemas", "TickTinyView");

        Assert.Equal(["price"], tiny["properties"]!.AsObject().Select(p => p.Key));
        Assert.Equal("""["price"]""", tiny["required"]!.ToJsonString());
        Assert.Equal(
            """{"anyOf":[{"$ref":"#/components/schemas/Tick"},{"$ref":"#/components/schemas/TickTinyView"}]}""",
            At(Doc, "components", "schemas", "PricesWatchStreamingResult").ToJsonString());
    }

    [Fact]
    public void ServerSentEvents_EventStreamWithEventDataSchemaAndLastEventIdHeader()
    {
        var feed = At(Doc, "paths", "/api/feed", "get");

        // OpenAPI 3.2: each event, its data JSON text holding a Tick.
        var item = At(feed, "responses", "200", "content", "text/event-stream", "itemSchema");
        Assert.Equal(["data"], item["required"]!.AsArray().Select(r => (string)r!));
        Assert.Equal("application/json", (string)At(item, "properties", "data", "contentMediaType")!);
        Assert.Equal("#/components/schemas/Tick", (string)At(item, "properties", "data", "contentSchema", "$ref")!);
        Assert.Equal(["data", "event", "id", "retry"], item["properties"]!.AsObject().Select(p => p.Key));
        Assert.Equal(0, (int)At(item, "properties", "retry", "minimum")!);
        Assert.Equal("""{"data":"tick","id":"id","event":"kind","retry":"retry_ms"}""", feed["x-serow-sse"]!.ToJsonString());
        Assert.Equal(["market", "Last-Event-ID"], feed["parameters"]!.AsArray().Select(p => (string)p!["name"]!));
        Assert.Equal("header", (string)At(feed, "parameters", 1, "in")!);
    }

    [Fact]
    public void ServerSentEvents_OpenApi31_GivesTheSchemaOfOneEventsData()
    {
        var doc = (JsonObject)System.Text.Json.Nodes.JsonNode.Parse(Documents.Generate(HttpDocuments, Documents.OpenApi31).Single(f => f.Path == "Http/openapi.json").Content)!;

        Assert.Equal("3.1.2", (string)doc["openapi"]!);
        Assert.Equal("#/components/schemas/Tick", (string)At(doc, "paths", "/api/feed", "get", "responses", "200", "content", "text/event-stream", "schema", "$ref")!);
    }

    [Fact]
    public void Components_MapEveryValidationAndType()
    {
        var item = At(Doc, "components", "schemas", "Item");
        var properties = item["properties"]!;

        Assert.Equal("""["sku","name","price"]""", item["required"]!.ToJsonString());
        Assert.Equal("An item of the store.", (string)item["description"]!);
        Assert.Equal("""{"examples":["ABC-1234"],"pattern":"^[A-Z]{3}-[0-9]{4}$","type":"string","description":"Stock keeping unit"}""", properties["sku"]!.ToJsonString());
        Assert.Equal("""{"maxLength":80,"minLength":1,"type":"string"}""", properties["name"]!.ToJsonString());
        Assert.Equal("""{"exclusiveMinimum":0,"type":"number","format":"double"}""", properties["price"]!.ToJsonString());
        Assert.Equal("""{"maximum":1000,"minimum":0,"type":"integer","format":"uint32"}""", properties["quantity"]!.ToJsonString());
        Assert.Equal("""{"maxItems":5,"type":"array","items":{"type":"string"}}""", properties["tags"]!.ToJsonString());
        Assert.Equal("""{"type":"object","additionalProperties":{"type":"string"}}""", properties["attributes"]!.ToJsonString());
        Assert.Equal("""{"contentEncoding":"base64","type":"string"}""", properties["picture"]!.ToJsonString());
        Assert.Equal("{}", properties["extra"]!.ToJsonString());
        Assert.Equal("date-time", (string)At(Doc, "components", "schemas", "Tick", "properties", "at", "format")!);
    }

    [Fact]
    public void Components_AreOrderedByName()
    {
        var names = At(Doc, "components", "schemas").AsObject().Select(p => p.Key).ToList();

        Assert.Equal(names.Order(StringComparer.Ordinal), names);
    }

    [Fact]
    public void Generate_TwoRuns_AreByteIdenticalWithLfEndings()
    {
        var first = Generate(HttpDocuments);
        var second = Generate(DesignRunner.Run(typeof(HttpDocumentsDesign)).GetRootOrThrow());

        Assert.Equal(first.Select(f => (f.Path, f.Content)), second.Select(f => (f.Path, f.Content)));
        Assert.All(first, f => Assert.DoesNotContain('\r', f.Content));
        Assert.All(first, f => Assert.EndsWith("\n", f.Content));
    }

    [Fact]
    public void Generate_DesignWithoutHttp_WritesNoDocument()
    {
        var design = DesignRunner.Run(typeof(UnaryDesign)).GetRootOrThrow();

        Assert.Empty(Generate(design));
    }
}
