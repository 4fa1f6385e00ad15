// Licensed under the MIT license. See LICENSE in the project root.

using Serow.Design;
using Serow.Dsl.Tests.Support;

namespace Serow.Dsl.Tests;

/// <summary>Response(status, block) with Header, Cookie, the cookie settings and Tag; request cookies.</summary>
public sealed class HttpResponseRuleTests
{
    public sealed class Mapped : Design
    {
        public Mapped()
        {
            Service("s", () => Method("login", () =>
            {
                Payload(() => Attribute("device", String));
                Result(() =>
                {
                    Attribute("token", String);
                    Attribute("revision", Int);
                    Attribute("outcome", String);
                });
                HTTP(() =>
                {
                    POST("/login");
                    Cookie("device:device_id");
                    Response(StatusCreated, () =>
                    {
                        Tag("outcome", "created");
                        Header("revision:X-Revision");
                        Cookie("token:session");
                        CookieMaxAge(60);
                        CookieSecure();
                        CookieHTTPOnly();
                        CookieDomain("example.com");
                        CookiePath("/app");
                        CookieSameSite(CookieSameSiteLax);
                    });
                    Response(StatusOK);
                });
            }));
        }
    }

    [Fact]
    public void ResponseMappings_ReachTheModel()
    {
        var http = DesignRunner.Run(typeof(Mapped)).GetRootOrThrow().Services[0].Methods[0].Http!;

        Assert.Equal([new HttpMappingDesign("device", "device_id", http.Cookies[0].Location)], http.Cookies);
        var created = http.Responses.Single(r => r.StatusCode == 201);
        Assert.Equal(new HttpTagDesign("outcome", "created"), created.Tag);
        Assert.Equal(("revision", "X-Revision"), (created.Headers[0].Attribute, created.Headers[0].WireName));
        Assert.Equal(("token", "session"), (created.Cookies[0].Attribute, created.Cookies[0].WireName));
        Assert.Equal(new HttpCookieDesign { MaxAge = 60, Secure = true, HttpOnly = true, Domain = "example.com", Path = "/app", SameSite = "Lax" }, created.Cookie);
        Assert.Null(http.Responses.Single(r => r.StatusCode == 200).Tag);
    }

    public sealed class Misused : Design
    {
        public Misused()
        {
            Service("s", () =>
            {
                Method("unary", () =>
                {
                    Payload(() => Attribute("blob", Bytes));
                    Result(() =>
                    {
                        Attribute("count", Int);
                        Attribute("tags", ArrayOf(String));
                    });
                    HTTP(() =>
                    {
                        POST("/unary");
                        Cookie("blob"); // mark:cookie-bytes
                        Response(StatusOK, () =>
                        {
                            Header("missing"); // mark:header-missing
                            Header("tags"); // mark:header-array
                            Tag("count", "1"); // mark:tag-int
                            CookieMaxAge(-1); // mark:max-age
                            CookiePath("relative"); // mark:path
                            CookieSameSite("Sometimes"); // mark:same-site
                        });
                        Response(StatusAccepted);
                        Response(StatusNoContent); // mark:second-untagged
                    });
                });
                Method("stream", () =>
                {
                    StreamingResult(String);
                    HTTP(() =>
                    {
                        GET("/stream");
                        Response(StatusOK, () => Header("x")); // mark:streaming
                    });
                });
                Method("head", () =>
                {
                    Payload(() =>
                    {
                        Attribute("id", String);
                        Attribute("extra", String);
                    });
                    HTTP(() => HEAD("/things/{id}")); // mark:head-body
                });
                Method("headresult", () =>
                {
                    Result(String);
                    HTTP(() => HEAD("/h")); // mark:head-result
                });
                Method("options", () => HTTP(() => OPTIONS("/o")));
                Method("mapped", () =>
                {
                    Payload(() => Attribute("filters", MapOf(String, Int)));
                    HTTP(() =>
                    {
                        GET("/mapped");
                        MapParams("filters"); // mark:map-params
                    });
                });
                Method("plain", () => HTTP(() =>
                {
                    POST("/plain");
                    Tag("a", "b"); // mark:tag-outside
                }));
            });
        }
    }

    [Fact]
    public void ResponseMappings_Misused_AreReportedWithTheirLine()
    {
        DesignAssert.Reports(typeof(Misused), DiagnosticIds.HttpResponseMapping, "mark:cookie-bytes", ["payload attribute \"blob\"", "a cookie carries a primitive"]);
        DesignAssert.Reports(typeof(Misused), DiagnosticIds.HttpResponseMapping, "mark:header-missing", ["Header names result attribute \"missing\", which the result does not have"]);
        DesignAssert.Reports(typeof(Misused), DiagnosticIds.HttpResponseMapping, "mark:header-array", ["Header \"tags\" carries a primitive"]);
        DesignAssert.Reports(typeof(Misused), DiagnosticIds.HttpResponseMapping, "mark:tag-int", ["Tag needs a String attribute of the result, but \"count\" is Int"]);
        DesignAssert.Reports(typeof(Misused), DiagnosticIds.InvalidArgument, "mark:max-age", ["CookieMaxAge cannot be negative"]);
        DesignAssert.Reports(typeof(Misused), DiagnosticIds.InvalidArgument, "mark:path", ["CookiePath needs a path starting with /"]);
        DesignAssert.Reports(typeof(Misused), DiagnosticIds.InvalidArgument, "mark:same-site", ["CookieSameSite is Strict, Lax or None"]);
        DesignAssert.Reports(typeof(Misused), DiagnosticIds.HttpResponseMapping, "mark:second-untagged", ["only one success response may be untagged"]);
        DesignAssert.Reports(typeof(Misused), DiagnosticIds.HttpResponseMapping, "mark:streaming", ["need a unary method with an object result, but the method streams"]);
        DesignAssert.Reports(typeof(Misused), DiagnosticIds.WrongPlace, "mark:tag-outside", ["Tag", "a Response(status, block) block"]);
        DesignAssert.Reports(typeof(Misused), DiagnosticIds.HttpResponseMapping, "mark:head-body", ["HEAD /things/{id}", "payload attribute \"extra\" would travel in a body"]);
        DesignAssert.Reports(typeof(Misused), DiagnosticIds.UnknownHttpAttribute, "mark:map-params", ["MapParams(\"filters\") needs a payload attribute of type MapOf(String, String) or MapOf(String, ArrayOf(String))"]);
        DesignAssert.Reports(typeof(Misused), DiagnosticIds.HttpResponseMapping, "mark:head-result", ["HEAD /h", "the method has a result or a stream"]);
    }
}
