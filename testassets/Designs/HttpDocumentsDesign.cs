// Licensed under the MIT license. See LICENSE in the project root.

using Serow.Dsl;

namespace Serow.TestDesigns;

/// <summary>
/// HTTP mappings for the OpenAPI and AsyncAPI documents: REST with params, headers and a body, a server stream over
/// WebSocket, a bidirectional stream, Server-Sent Events, raw request and response bodies, errors with statuses and
/// validations, and security schemes with API, service and method requirements.
/// </summary>
public sealed class HttpDocumentsDesign : Serow.Dsl.Design
{
    public HttpDocumentsDesign()
    {
        var jwt = JWTSecurity("jwt", () =>
        {
            Description("Tokens issued by the store identity service.");
            Scope("store:read", "Read the catalog");
            Scope("store:write", "Change the catalog");
        });
        var apiKey = APIKeySecurity("api_key", () => Description("A key per partner."));
        var basic = BasicAuthSecurity("basic");
        var oauth = OAuth2Security("oauth", () =>
        {
            ClientCredentialsFlow("https://id.store.example/token");
            AuthorizationCodeFlow("https://id.store.example/authorize", "https://id.store.example/token", "https://id.store.example/refresh");
            Scope("prices:watch", "Watch live prices");
        });

        API("store", () =>
        {
            Security(jwt, () => Scope("store:read"));
            Title("Store API");
            Description("A tiny store served over HTTP.");
            Version("2.1");
            Contact("Store team", "store@example.com", "https://example.com/store");
            License("MIT", "https://opensource.org/licenses/MIT");
            TermsOfService("https://example.com/terms");
            Docs("https://example.com/docs", "The store's guide");
            Error("unauthorized", () => Description("The caller is not authenticated."));
            HTTP(() =>
            {
                Path("/api");
                Response("unauthorized", StatusUnauthorized);
            });
        });

        var item = Type("Item", () =>
        {
            Description("An item of the store.");
            Attribute("sku", String, "Stock keeping unit", () =>
            {
                Pattern("^[A-Z]{3}-[0-9]{4}$");
                Example("ABC-1234");
            });
            Attribute("name", String, () =>
            {
                MinLength(1);
                MaxLength(80);
            });
            Attribute("price", Float64, () => ExclusiveMinimum(0));
            Attribute("quantity", UInt32, () => Maximum(1000));
            Attribute("tags", ArrayOf(String), () => MaxLength(5));
            Attribute("attributes", MapOf(String, String));
            Attribute("picture", Bytes);
            Attribute("extra", Any);
            Required("sku", "name", "price");
        });

        var tick = ResultType("application/vnd.store.tick", "Tick", () =>
        {
            Description("A price change.");
            Attribute("sku", String);
            Attribute("price", Float64);
            Attribute("at", String, () => Format(FormatDateTime));
            Required("sku", "price");
            View("default", () =>
            {
                Attribute("sku");
                Attribute("price");
                Attribute("at");
            });
            View("tiny", () => Attribute("price"));
        });

        Service("catalog", () =>
        {
            Description("Browse and change the catalog.");
            Error("not_found", () => Description("No such item."));
            Error("sold_out", () =>
            {
                Description("The item is sold out; retry later.");
                Temporary();
            });
            HTTP(() =>
            {
                Path("/catalog");
                Response("not_found", StatusNotFound);
            });

            Method("update", () =>
            {
                Description("Update an item.");
                Security(jwt, () =>
                {
                    Scope("store:read");
                    Scope("store:write");
                });
                Security([apiKey, basic]);
                Payload(() =>
                {
                    Attribute("id", String, "The item's id", () => Format(FormatUUID));
                    Attribute("token", String, "A bearer token");
                    Attribute("dry_run", Boolean, () => Default(false));
                    Attribute("item", item);
                    Attribute("note", String, () => MaxLength(200));
                    Required("id", "token", "item");
                });
                Result(item);
                HTTP(() =>
                {
                    PUT("/items/{id}");
                    Header("token:Authorization");
                    Param("dry_run:dry-run");
                    Response(StatusOK);
                    Response("sold_out", StatusConflict);
                });
            });

            Method("list", () =>
            {
                Description("List items.");
                NoSecurity();
                Payload(() =>
                {
                    Attribute("limit", Int, () =>
                    {
                        Minimum(1);
                        Maximum(100);
                        Default(20);
                    });
                    Attribute("category", String, () => Enum("books", "music"));
                });
                Result(ArrayOf(item));
                HTTP(() =>
                {
                    GET("/items");
                    Param("limit");
                    Param("category");
                });
            });

            Method("upload", () =>
            {
                Description("Upload a picture as the raw request body.");
                Payload(() =>
                {
                    Attribute("id", String);
                    Attribute("content_type", String);
                    Required("id");
                });
                HTTP(() =>
                {
                    POST("/items/{id}/picture");
                    Header("content_type:Content-Type");
                    SkipRequestBodyEncodeDecode();
                    Response(StatusCreated);
                });
            });

            Method("download", () =>
            {
                Description("Download a picture as the raw response body.");
                Payload(() =>
                {
                    Attribute("id", String);
                    Required("id");
                });
                HTTP(() =>
                {
                    GET("/items/{id}/picture");
                    SkipResponseBodyEncodeDecode();
                });
            });
        });

        Service("prices", () =>
        {
            Description("Live prices.");
            Security(oauth, () => Scope("prices:watch"));
            Error("closed", () => Description("The market is closed."));
            HTTP(() => Response("closed", StatusServiceUnavailable));

            Method("watch", () =>
            {
                Description("Watch the prices of one item over a WebSocket.");
                Payload(() =>
                {
                    Attribute("sku", String);
                    Attribute("interval", Int, () => Minimum(1));
                    Attribute("token", String);
                    Required("sku");
                });
                StreamingResult(tick);
                HTTP(() =>
                {
                    GET("/prices/{sku}/watch");
                    Param("interval");
                    Header("token:Authorization");
                });
            });

            Method("trade", () =>
            {
                Description("Place orders and receive fills.");
                Payload(() =>
                {
                    Attribute("account", String);
                    Required("account");
                });
                StreamingPayload(() =>
                {
                    Attribute("sku", String);
                    Attribute("quantity", Int, () => Minimum(1));
                    Required("sku", "quantity");
                });
                StreamingResult(tick, () => View("tiny"));
                HTTP(() => GET("/trade/{account}"));
            });

            Method("tally", () =>
            {
                Description("Send prices, receive their count.");
                StreamingPayload(Float64);
                Result(Int64);
                HTTP(() => GET("/tally"));
            });

            Method("feed", () =>
            {
                Description("Price changes as Server-Sent Events.");
                Payload(() =>
                {
                    Attribute("market", String);
                    Attribute("last_id", String);
                });
                StreamingResult(() =>
                {
                    Attribute("id", String);
                    Attribute("kind", String);
                    Attribute("tick", tick);
                    Attribute("retry_ms", Int);
                    Required("id", "tick");
                });
                HTTP(() =>
                {
                    GET("/feed");
                    Param("market");
                    ServerSentEvents(() =>
                    {
                        SSEEventData("tick");
                        SSEEventID("id");
                        SSEEventType("kind");
                        SSEEventRetry("retry_ms");
                        SSERequestID("last_id");
                    });
                });
            });
        });
    }
}
