// Licensed under the MIT license. See LICENSE in the project root.

using Serow.Dsl;

namespace Serow.TestDesigns;

/// <summary>
/// The rest of the design language beside unions: type composition (Extend, Reference), element and key rules (Elem,
/// Key), request groups (Headers, Params), servers and hosts (Server, Services, Host, URI, Variable), request and
/// response cookies with their attributes, response headers and tagged responses, static files (Files) and redirects,
/// HEAD, gRPC response headers and trailers, nested routes (Parent, CanonicalMethod), multipart requests, conversions
/// to and from the user's own types (ConvertTo, CreateFrom), ContentType, MapParams.
/// Every transport runs the same suite over the catalog service.
/// </summary>
public sealed class LanguageDesign : Serow.Dsl.Design
{
    public LanguageDesign()
    {
        var audited = Type("Audited", () =>
        {
            Description("Who last changed a record, and its revision.");
            Field(1, "changed_by", String, () => MinLength(1));
            Field(2, "revision", Int, () => Minimum(0));
            Required("changed_by");
            ConvertTo(typeof(Domain.AuditRecord));
            CreateFrom(typeof(Domain.AuditRecord));
        });
        var item = Type("Item", () =>
        {
            Description("A catalog item: the audit fields, then its own.");
            Extend(audited);
            Field(3, "sku", String, "Stock keeping unit", () => Pattern("^[A-Z]{3}-[0-9]+$"));
            Field(4, "tags", ArrayOf(String), () =>
            {
                MaxLength(5);
                Elem(() => MinLength(2));
            });
            Field(5, "prices", MapOf(String, Float64), () =>
            {
                Key(() => Enum("EUR", "USD"));
                Elem(() => Minimum(0));
            });
            Field(6, "audit", audited, "The last audit entry, converted with its own ConvertTo and CreateFrom");
            Required("sku");
            ConvertTo(typeof(Domain.StockRecord));
            CreateFrom(typeof(Domain.StockRecord));
        });
        var itemPatch = Type("ItemPatch", () =>
        {
            Description("The fields of an item that a patch may change: typed, numbered and checked like the item's.");
            Reference(item);
            Attribute("sku");
            Attribute("tags");
            Field(9, "reason", String);
            Required("sku");
        });

        API("language", () =>
        {
            Title("Language");
            Server("catalog", () =>
            {
                Description("Hosts the catalog.");
                Services("catalog");
                Host("development", () =>
                {
                    Description("A developer's machine.");
                    URI("http://localhost:8080");
                    URI("grpc://localhost:8090");
                });
                Host("production", () =>
                {
                    Description("The regional deployments.");
                    URI("https://{region}.catalog.example.com/v1");
                    URI("grpcs://{region}.catalog.example.com:443");
                    Variable("region", String, "Where the catalog runs", () =>
                    {
                        Enum("eu", "us");
                        Default("eu");
                    });
                });
            });
        });

        Service("catalog", () =>
        {
            Description("Items, to exercise type composition and element rules on every transport.");
            HTTP(() => CanonicalMethod("exists"));

            Files("/catalog/readme.txt", "catalog-files/readme.txt", () => Description("The catalog's readme."));
            Files("/catalog/assets/{*path}", "catalog-files/assets");

            Method("exists", () =>
            {
                Description("Answers whether an item is stored: HEAD, no body either way.");
                Payload(() =>
                {
                    Field(1, "sku", String);
                    Required("sku");
                });
                Error("not_found", () => Description("No item has this SKU."));
                HTTP(() =>
                {
                    HEAD("/items/{sku}");
                    Response("not_found", StatusNotFound);
                });
                GRPC(() => Response("not_found", CodeNotFound));
            });

            Method("upload", () =>
            {
                Description("Stores an item's attachments: a multipart body whose parts arrive one by one.");
                Payload(() =>
                {
                    Field(1, "sku", String);
                    Required("sku");
                });
                Result(() =>
                {
                    Field(1, "parts", ArrayOf(String));
                    Field(2, "bytes", Int64);
                    Required("parts", "bytes");
                });
                HTTP(() =>
                {
                    POST("/items/{sku}/attachments");
                    MultipartRequest();
                });
            });

            Method("label", () =>
            {
                Description("The item's label as plain text: a raw response body with its media type.");
                Payload(() =>
                {
                    Field(1, "sku", String);
                    Required("sku");
                });
                HTTP(() =>
                {
                    GET("/items/{sku}/label");
                    SkipResponseBodyEncodeDecode();
                    ContentType("text/plain; charset=utf-8");
                });
            });

            Method("search", () =>
            {
                Description("Finds items by tag and any other query parameter (MapParams).");
                Payload(() =>
                {
                    Field(1, "tag", String);
                    Field(2, "filters", MapOf(String, String), "Every other query parameter");
                });
                Result(() =>
                {
                    Field(1, "echo", ArrayOf(String));
                    Required("echo");
                });
                HTTP(() =>
                {
                    GET("/search");
                    Param("tag");
                    MapParams("filters");
                });
                GRPC(() => { });
            });

            Method("browse", () =>
            {
                Description("Echoes every value of every query parameter (MapParams into a map of lists).");
                Payload(() => Attribute("query", MapOf(String, ArrayOf(String))));
                Result(() =>
                {
                    Attribute("echo", ArrayOf(String));
                    Required("echo");
                });
                HTTP(() =>
                {
                    GET("/browse");
                    MapParams("query");
                });
            });

            Method("legacy", () =>
            {
                Description("The old address of the readme: answered with a redirect, never called.");
                HTTP(() =>
                {
                    GET("/catalog/help");
                    Redirect("/catalog/readme.txt", StatusMovedPermanently);
                });
            });

            Method("put", () =>
            {
                Description("Stores an item and returns it with its next revision.");
                Payload(item);
                Result(item);
                HTTP(() => POST("/items"));
                GRPC(() => { });
            });

            Method("login", () =>
            {
                Description("Opens a session: the token travels as a cookie, the revision as a header; a first login answers 201.");
                Payload(() =>
                {
                    Field(1, "user", String);
                    Field(2, "device", String, "The device, from the device_id cookie");
                    Required("user");
                });
                Result(() =>
                {
                    Field(1, "token", String);
                    Field(2, "revision", Int);
                    Field(3, "outcome", String, () => Enum("created", "resumed"));
                    Field(4, "user", String);
                    Required("token", "revision", "outcome", "user");
                });
                HTTP(() =>
                {
                    POST("/sessions");
                    Cookie("device:device_id");
                    Response(StatusCreated, () =>
                    {
                        Tag("outcome", "created");
                        Header("revision:X-Revision");
                        Cookie("token:session");
                        CookieMaxAge(3600);
                        CookieHTTPOnly();
                        CookieSecure();
                        CookiePath("/");
                        CookieSameSite(CookieSameSiteStrict);
                    });
                    Response(StatusOK, () =>
                    {
                        Header("revision:X-Revision");
                        Cookie("token:session");
                        CookieHTTPOnly();
                        CookiePath("/");
                    });
                });
                GRPC(() => Response(CodeOK, () =>
                {
                    Headers(() => Attribute("revision"));
                    Trailers(() => Attribute("outcome"));
                }));
            });

            Method("patch", () =>
            {
                Description("Applies a patch to the stored item of its SKU.");
                Payload(() =>
                {
                    Extend(itemPatch);
                    Field(10, "tenant", String);
                    Field(11, "dry_run", Boolean);
                    Required("tenant");
                });
                Result(item);
                HTTP(() =>
                {
                    PATCH("/items/{sku}");
                    Headers(() => Header("tenant:X-Tenant"));
                    Params(() => Param("dry_run"));
                });
                GRPC(() => { });
            });
        });

        Service("reviews", () =>
        {
            Description("Reviews of an item, nested under the item's route: /items/{sku}/reviews.");
            HTTP(() =>
            {
                Parent("catalog");
                Path("/reviews");
            });

            Method("add", () =>
            {
                Payload(() =>
                {
                    Field(1, "sku", String);
                    Field(2, "stars", Int, () =>
                    {
                        Minimum(1);
                        Maximum(5);
                    });
                    Required("sku", "stars");
                });
                Result(() =>
                {
                    Field(1, "sku", String);
                    Field(2, "count", Int);
                    Required("sku", "count");
                });
                HTTP(() => POST(""));
                GRPC(() => { });
            });
        });
    }
}
