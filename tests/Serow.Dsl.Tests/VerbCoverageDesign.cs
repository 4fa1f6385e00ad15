// Licensed under the MIT license. See LICENSE in the project root.

namespace Serow.Dsl.Tests;

/// <summary>A valid design that uses every verb, so tests can check where each lands in the model.</summary>
public sealed class VerbCoverageDesign : Design
{
    public VerbCoverageDesign()
    {
        API("catalog", () =>
        {
            Title("Catalog API");
            Description("Products and their events");
            Version("1.2");
            Meta("openapi:generate", "true");
            Error("unauthorized", "Bad credentials");
            HTTP(() =>
            {
                Path("/api");
                Response("unauthorized", StatusUnauthorized);
            });
        });

        var product = ResultType("application/vnd.serow.product", "Product", () =>
        {
            Description("A product");
            Meta("struct:pkg:path", "types");
            Field(1, "id", String, "Identifier", () =>
            {
                Format(FormatUUID);
                Example("3f1b5c2e-8a4d-4a8e-9b0f-6d1c2e3f4a5b");
            });
            Field(2, "name", String, () =>
            {
                MinLength(1);
                MaxLength(100);
                Pattern("^[A-Za-z ]+$");
                Example("A lamp", "Lamp");
            });
            Field(3, "price", Float64, () =>
            {
                Minimum(0);
                ExclusiveMaximum(1e6);
            });
            Field(4, "tags", ArrayOf(String, () => Enum("new", "sale")), () => MaxLength(10));
            Field(5, "attributes", MapOf(String, Int));
            Field(6, "status", String, () =>
            {
                Enum("active", "retired");
                Default("active");
            });
            Required("id", "name");
            View("default", () =>
            {
                Attribute("id");
                Attribute("name");
                Attribute("price");
            });
            View("tiny", () => Attribute("id"));
        });

        var filter = Type("Filter", () =>
        {
            Field(1, "category", String);
            Field(2, "limit", Int, () =>
            {
                Minimum(1);
                Maximum(100);
                ExclusiveMinimum(0);
                Default(20);
            });
        });

        var products = CollectionOf(product);

        Service("catalog", () =>
        {
            Description("The product catalog");
            Meta("owner", "catalog-team");
            Error("not_found", () =>
            {
                Description("No such product");
                Temporary();
                Timeout();
                Fault();
            });
            HTTP(() =>
            {
                Path("/catalog");
                Response("not_found", StatusNotFound);
            });

            Method("list", () =>
            {
                Description("List products");
                Error("invalid", filter, "Bad filter");
                Payload(filter);
                Result(products, () => View("tiny"));
                HTTP(() =>
                {
                    GET("/products");
                    Param("category");
                    Param("limit:max");
                    Response(StatusOK);
                    Response("invalid", StatusBadRequest);
                });
                GRPC(() =>
                {
                    Response(CodeOK);
                    Response("invalid", CodeInvalidArgument);
                });
            });

            Method("watch", () =>
            {
                Meta("rate:limit", "10", "s");
                Payload(() =>
                {
                    Field(1, "category", String);
                    Field(2, "token", String);
                    Field(3, "last_id", String);
                    Required("category");
                });
                StreamingResult(() =>
                {
                    Field(1, "id", String);
                    Field(2, "kind", String);
                    Field(3, "retry", Int);
                    Field(4, "product", product);
                });
                HTTP(() =>
                {
                    GET("/products/{category}/events");
                    Header("token:Authorization");
                    ServerSentEvents(() =>
                    {
                        SSEEventData("product");
                        SSEEventID("id");
                        SSEEventType("kind");
                        SSEEventRetry("retry");
                        SSERequestID("last_id");
                        AnswerJSON();
                        AnswerNDJSON();
                    });
                });
                GRPC(() =>
                {
                    Metadata(() => Attribute("token"));
                    Message(() =>
                    {
                        Attribute("category");
                        Attribute("last_id");
                    });
                });
            });

            Method("upload", () =>
            {
                Error("too_large");
                Payload(() =>
                {
                    Attribute("name");
                    Attribute("content", Bytes, "The file");
                    Attribute("owner", () =>
                    {
                        Attribute("email", String, () => Format(FormatEmail));
                        Required("email");
                    });
                });
                HTTP(() =>
                {
                    PUT("/files/{name}");
                    Body("content");
                    Response(StatusCreated);
                    Response("too_large", StatusUnprocessableEntity);
                });
            });

            Method("raw", () =>
            {
                Payload(() => Attribute("name"));
                HTTP(() =>
                {
                    POST("/raw/{name}");
                    NoBody();
                    SkipRequestBodyEncodeDecode();
                    SkipResponseBodyEncodeDecode();
                });
            });

            Method("remove", () =>
            {
                Payload(() => Attribute("id"));
                HTTP(() =>
                {
                    DELETE("/products/{id}");
                    PATCH("/products/{id}/remove");
                });
            });
        });

        Service("inventory", () =>
        {
            Error("unavailable", () => Temporary());
            GRPC(() => Response("unavailable", CodeUnavailable));
            Method("count", () =>
            {
                Payload(() => Field(1, "sku", String));
                Result(Int64, "The number of items in stock");
            });
        });
    }
}
