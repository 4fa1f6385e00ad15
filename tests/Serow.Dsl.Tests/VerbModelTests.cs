// Licensed under the MIT license. See LICENSE in the project root.

using Serow.Design;
using Serow.Dsl.Tests.Support;

namespace Serow.Dsl.Tests;

public sealed class VerbModelTests
{
    private static readonly DesignRoot Root = DesignAssert.Succeeds(typeof(VerbCoverageDesign));

    private static MethodDesign Method(string service, string method) =>
        Root.FindService(service)!.Methods.Single(m => m.Name == method);

    private static AttributeDesign ProductAttribute(string name) =>
        ((ObjectType)Root.FindType("Product")!.Type).Find(name)!;

    [Fact]
    public void Api_TitleVersionDescriptionMetaErrorsAndHttp_LandInModel()
    {
        var api = Root.Api;

        Assert.Equal(("catalog", "Catalog API", "1.2", "Products and their events"), (api.Name, api.Title!, api.Version!, api.Description!));
        Assert.Equal(new MetaEntry("openapi:generate", EquatableArray.Create("true")), Assert.Single(api.Meta));
        Assert.Equal(("unauthorized", "Bad credentials"), (api.Errors[0].Name, api.Errors[0].Description!));
        Assert.Equal("/api", api.Http!.PathPrefix);
        Assert.Equal(new HttpResponseDesign(401, "unauthorized", api.Http.Responses[0].Location), Assert.Single(api.Http.Responses));
    }

    [Fact]
    public void ResultType_AttributesViewsAndIdentifier_LandInModel()
    {
        var product = Root.FindType("Product")!;

        Assert.True(product.IsResultType);
        Assert.Equal("application/vnd.serow.product", product.Identifier);
        Assert.Equal("A product", product.Description);
        Assert.Equal("struct:pkg:path", Assert.Single(product.Meta).Key);
        var obj = Assert.IsType<ObjectType>(product.Type);
        Assert.Equal(["id", "name", "price", "tags", "attributes", "status"], obj.Attributes.Select(a => a.Name));
        Assert.Equal([1, 2, 3, 4, 5, 6], obj.Attributes.Select(a => a.FieldNumber!.Value));
        Assert.Equal(["id", "name"], obj.Required);
        Assert.Equal(["default", "tiny"], product.Views.Select(v => v.Name));
        Assert.Equal(["id", "name", "price"], product.Views[0].Attributes);
        Assert.Equal(["id"], product.Views[1].Attributes);
    }

    [Fact]
    public void CollectionOf_ResultType_GeneratesCollectionTypeWithElementViews()
    {
        var collection = Root.FindType("ProductCollection")!;

        Assert.True(collection.IsResultType);
        Assert.Equal("application/vnd.serow.product; type=collection", collection.Identifier);
        Assert.Equal(new UserTypeRef("Product"), Assert.IsType<ArrayType>(collection.Type).Element.Type);
        Assert.Equal(["default", "tiny"], collection.Views.Select(v => v.Name));
        Assert.Equal(["Product", "Filter", "ProductCollection"], Root.Types.Select(t => t.Name));
    }

    [Fact]
    public void StringValidations_FormatPatternLengthAndExamples_LandInModel()
    {
        var id = ProductAttribute("id");
        var name = ProductAttribute("name");

        Assert.Equal("Identifier", id.Description);
        Assert.Equal("uuid", id.Validation.Format);
        Assert.Equal(new ExampleDesign(null, "\"3f1b5c2e-8a4d-4a8e-9b0f-6d1c2e3f4a5b\""), Assert.Single(id.Examples));
        Assert.Equal((1, 100, "^[A-Za-z ]+$"), (name.Validation.MinLength!.Value, name.Validation.MaxLength!.Value, name.Validation.Pattern!));
        Assert.Equal(new ExampleDesign("A lamp", "\"Lamp\""), Assert.Single(name.Examples));
    }

    [Fact]
    public void NumericValidationsAndDefaults_LandInModelAsJson()
    {
        var price = ProductAttribute("price");
        var limit = ((ObjectType)Root.FindType("Filter")!.Type).Find("limit")!;
        var status = ProductAttribute("status");

        Assert.Equal((0d, 1e6), (price.Validation.Minimum!.Value, price.Validation.ExclusiveMaximum!.Value));
        Assert.Equal((1d, 100d, 0d), (limit.Validation.Minimum!.Value, limit.Validation.Maximum!.Value, limit.Validation.ExclusiveMinimum!.Value));
        Assert.Equal("20", limit.DefaultJson);
        Assert.Equal(["\"active\"", "\"retired\""], status.Validation.EnumJson);
        Assert.Equal("\"active\"", status.DefaultJson);
        Assert.True(ProductAttribute("attributes").Validation.IsEmpty);
    }

    [Fact]
    public void ArrayOfAndMapOf_ElementValidationsAndTypes_LandInModel()
    {
        var tags = ProductAttribute("tags");
        var attributes = ProductAttribute("attributes");

        var array = Assert.IsType<ArrayType>(tags.Type);
        Assert.Equal(new PrimitiveType(PrimitiveKind.String), array.Element.Type);
        Assert.Equal(["\"new\"", "\"sale\""], array.Element.Validation.EnumJson);
        Assert.Equal(10, tags.Validation.MaxLength);
        var map = Assert.IsType<MapType>(attributes.Type);
        Assert.Equal((new PrimitiveType(PrimitiveKind.String), new PrimitiveType(PrimitiveKind.Int)), (map.Key.Type, map.Value.Type));
    }

    [Fact]
    public void ServiceErrors_FlagsAndDescription_LandInModel()
    {
        var catalog = Root.FindService("catalog")!;

        var error = Assert.Single(catalog.Errors);
        Assert.Equal(("not_found", "No such product", true, true, true), (error.Name, error.Description!, error.Temporary, error.Timeout, error.Fault));
        Assert.Null(error.Type);
        Assert.Equal("The product catalog", catalog.Description);
        Assert.Equal(new MetaEntry("owner", EquatableArray.Create("catalog-team")), Assert.Single(catalog.Meta));
        var invalid = Assert.Single(Method("catalog", "list").Errors);
        Assert.Equal(new UserTypeRef("Filter"), invalid.Type);
        Assert.False(invalid.Temporary);
    }

    [Fact]
    public void MethodList_TypedPayloadPinnedViewAndMappings_LandInModel()
    {
        var list = Method("catalog", "list");

        Assert.Equal("List products", list.Description);
        Assert.Equal(new UserTypeRef("Filter"), list.Payload!.Type);
        Assert.Equal(new UserTypeRef("ProductCollection"), list.Result!.Type);
        Assert.Equal("tiny", list.ResultView);
        Assert.Equal([("category", "category"), ("limit", "max")], list.Http!.Params.Select(p => (p.Attribute, p.WireName)));
        Assert.Equal([(200, (string?)null), (400, "invalid")], list.Http.Responses.Select(r => (r.StatusCode, r.ErrorName)));
        Assert.Equal([(GrpcCode.OK, (string?)null), (GrpcCode.InvalidArgument, "invalid")], list.Grpc!.Responses.Select(r => (r.Code, r.ErrorName)));
        Assert.Equal("/catalog", Root.FindService("catalog")!.Http!.PathPrefix);
    }

    [Fact]
    public void MethodWatch_SseHeadersMetadataAndMessage_LandInModel()
    {
        var watch = Method("catalog", "watch");

        Assert.Equal(StreamKind.Server, watch.StreamKind);
        Assert.Equal(new MetaEntry("rate:limit", EquatableArray.Create("10", "s")), Assert.Single(watch.Meta));
        var header = Assert.Single(watch.Http!.Headers);
        Assert.Equal(("token", "Authorization"), (header.Attribute, header.WireName));
        var sse = watch.Http.ServerSentEvents!;
        Assert.Equal(("product", "id", "kind", "retry", "last_id"), (sse.DataAttribute!, sse.IdAttribute!, sse.EventAttribute!, sse.RetryAttribute!, sse.RequestIdAttribute!));
        Assert.True(sse.AnswersJson);
        Assert.True(sse.AnswersNdjson);
        Assert.Equal(200, Assert.Single(watch.Http.Responses).StatusCode);
        Assert.Equal(["token"], watch.Grpc!.Metadata);
        Assert.Equal(["category", "last_id"], watch.Grpc.Message);
        Assert.Equal(new UserTypeRef("Product"), ((ObjectType)watch.StreamingResult!.Type).Find("product")!.Type);
    }

    [Fact]
    public void MethodUpload_BodyNestedObjectAndDefaultStringType_LandInModel()
    {
        var upload = Method("catalog", "upload");

        Assert.Equal("content", upload.Http!.BodyAttribute);
        Assert.Equal(("PUT", "/files/{name}"), (upload.Http.Routes[0].Method, upload.Http.Routes[0].Path));
        Assert.Equal([(201, (string?)null), (422, "too_large")], upload.Http.Responses.Select(r => (r.StatusCode, r.ErrorName)));
        var payload = (ObjectType)upload.Payload!.Type;
        Assert.Equal(new PrimitiveType(PrimitiveKind.String), payload.Find("name")!.Type);
        Assert.Equal("The file", payload.Find("content")!.Description);
        var owner = Assert.IsType<ObjectType>(payload.Find("owner")!.Type);
        Assert.Equal(["email"], owner.Required);
        Assert.Equal("email", owner.Find("email")!.Validation.Format);
        Assert.Null(upload.Grpc);
    }

    [Fact]
    public void MethodRawAndRemove_SkipNoBodyAndVerbs_LandInModel()
    {
        var raw = Method("catalog", "raw").Http!;
        var remove = Method("catalog", "remove");

        Assert.True(raw.SkipRequestBodyEncodeDecode);
        Assert.True(raw.SkipResponseBodyEncodeDecode);
        Assert.True(raw.BodyIsEmpty);
        Assert.Equal(204, Assert.Single(raw.Responses).StatusCode);
        Assert.Equal(["DELETE", "PATCH"], remove.Http!.Routes.Select(r => r.Method));
    }

    [Fact]
    public void ServiceGrpc_MethodWithoutGrpcBlock_GetsDefaultEndpoint()
    {
        var inventory = Root.FindService("inventory")!;
        var count = Assert.Single(inventory.Methods);

        Assert.Equal(new GrpcResponseDesign(GrpcCode.Unavailable, "unavailable", inventory.Grpc!.Responses[0].Location), Assert.Single(inventory.Grpc.Responses));
        Assert.Equal(GrpcCode.OK, Assert.Single(count.Grpc!.Responses).Code);
        Assert.Equal(new PrimitiveType(PrimitiveKind.Int64), count.Result!.Type);
        Assert.Equal("The number of items in stock", count.Result.Description);
        Assert.True(inventory.Errors[0].Temporary);
    }

    [Fact]
    public void Elements_Locations_PointAtTheirDslCalls()
    {
        var lines = File.ReadAllLines(Root.Api.Location.File);

        Assert.EndsWith("VerbCoverageDesign.cs", Root.Api.Location.File, StringComparison.Ordinal);
        Assert.Contains("API(\"catalog\"", lines[Root.Api.Location.Line - 1], StringComparison.Ordinal);
        Assert.Contains("ResultType(", lines[Root.FindType("Product")!.Location.Line - 1], StringComparison.Ordinal);
        Assert.Contains("Error(\"not_found\"", lines[Root.FindService("catalog")!.Errors[0].Location.Line - 1], StringComparison.Ordinal);
        Assert.Contains("View(\"tiny\"", lines[Root.FindType("Product")!.Views[1].Location.Line - 1], StringComparison.Ordinal);
        Assert.Contains("Field(4, \"tags\"", lines[ProductAttribute("tags").Location.Line - 1], StringComparison.Ordinal);
    }
}
