// Licensed under the MIT license. See LICENSE in the project root.

using Serow.Design;
using Serow.Dsl.Tests.Support;

namespace Serow.Dsl.Tests;

/// <summary>Files and Redirect: the model they make and the errors they report.</summary>
public sealed class FilesRuleTests
{
    public sealed class Served : Design
    {
        public Served()
        {
            Service("site", () =>
            {
                Files("/index.html", "www/index.html", () => Description("The home page."));
                Files("/static/{*path}", "www/static");
                Method("old", () => HTTP(() =>
                {
                    GET("/old");
                    Redirect("/index.html", StatusSeeOther);
                }));
            });
        }
    }

    [Fact]
    public void FilesAndRedirect_ReachTheModel()
    {
        var service = DesignRunner.Run(typeof(Served)).GetRootOrThrow().Services[0];

        Assert.Equal(("/index.html", "www/index.html", "The home page.", null), (service.Files[0].Path, service.Files[0].FileName, service.Files[0].Description, service.Files[0].Wildcard));
        Assert.Equal("path", service.Files[1].Wildcard);
        Assert.Equal(new HttpRedirectDesign("/index.html", 303), service.Methods[0].Http!.Redirect);
    }

    public sealed class Misused : Design
    {
        public Misused()
        {
            Service("site", () =>
            {
                Files("no-slash.html", "www/a.html"); // mark:no-slash
                Files("/{id}/file", "www"); // mark:variable
                Files("/empty", " "); // mark:no-file
                Method("result", () =>
                {
                    Result(String);
                    HTTP(() =>
                    {
                        GET("/r");
                        Redirect("/x", StatusFound); // mark:with-result
                    });
                });
                Method("status", () => HTTP(() =>
                {
                    GET("/s");
                    Redirect("/x", 200); // mark:status
                }));
                Method("grpc", () =>
                {
                    HTTP(() =>
                    {
                        GET("/g");
                        Redirect("/x", StatusTemporaryRedirect); // mark:grpc
                    });
                    GRPC(() => { });
                });
                Method("m", () => Files("/in-method", "x")); // mark:in-method
                Method("upload", () =>
                {
                    Payload(() =>
                    {
                        Attribute("id", String);
                        Attribute("note", String);
                    });
                    HTTP(() =>
                    {
                        POST("/u/{id}");
                        MultipartRequest(); // mark:multipart-unmapped
                    });
                });
                Method("typed", () =>
                {
                    Result(String);
                    HTTP(() =>
                    {
                        GET("/t");
                        ContentType("image/png"); // mark:content-type-json
                    });
                });
                Method("badtype", () => HTTP(() =>
                {
                    GET("/bt");
                    SkipResponseBodyEncodeDecode();
                    ContentType("not a media type"); // mark:content-type-invalid
                }));
                Method("uploadgrpc", () =>
                {
                    HTTP(() =>
                    {
                        POST("/ug");
                        MultipartRequest(); // mark:multipart-grpc
                    });
                    GRPC(() => { });
                });
            });
        }
    }

    [Fact]
    public void FilesAndRedirect_Misused_AreReportedWithTheirLine()
    {
        DesignAssert.Reports(typeof(Misused), DiagnosticIds.FilesOrRedirect, "mark:no-slash", ["Files(\"no-slash.html\")", "the route starts with /"]);
        DesignAssert.Reports(typeof(Misused), DiagnosticIds.FilesOrRedirect, "mark:variable", ["no variable other than a final {*name} wildcard"]);
        DesignAssert.Reports(typeof(Misused), DiagnosticIds.FilesOrRedirect, "mark:no-file", ["Files needs the file"]);
        DesignAssert.Reports(typeof(Misused), DiagnosticIds.FilesOrRedirect, "mark:with-result", ["Redirect answers an HTTP request without calling the method, but the method has a result"]);
        DesignAssert.Reports(typeof(Misused), DiagnosticIds.InvalidArgument, "mark:status", ["Redirect status 200 is not a redirect"]);
        DesignAssert.Reports(typeof(Misused), DiagnosticIds.FilesOrRedirect, "mark:grpc", ["also served over gRPC"]);
        DesignAssert.Reports(typeof(Misused), DiagnosticIds.WrongPlace, "mark:in-method", ["Files", "a Service block"]);
        DesignAssert.Reports(typeof(Misused), DiagnosticIds.FilesOrRedirect, "mark:multipart-unmapped", ["MultipartRequest hands the body's parts to the method, but payload attribute \"note\" would need the body"]);
        DesignAssert.Reports(typeof(Misused), DiagnosticIds.FilesOrRedirect, "mark:multipart-grpc", ["also served over gRPC"]);
        DesignAssert.Reports(typeof(Misused), DiagnosticIds.FilesOrRedirect, "mark:content-type-json", ["ContentType names the media type of a raw response body, but the method's response is JSON"]);
        DesignAssert.Reports(typeof(Misused), DiagnosticIds.InvalidArgument, "mark:content-type-invalid", ["ContentType \"not a media type\" is not a media type"]);
    }
}
