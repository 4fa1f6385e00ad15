// Licensed under the MIT license. See LICENSE in the project root.

using Serow.Design;
using Serow.Dsl.Tests.Support;

namespace Serow.Dsl.Tests;

/// <summary>Parent and CanonicalMethod: nested routes and the errors they report.</summary>
public sealed class ParentRuleTests
{
    public sealed class Nested : Design
    {
        public Nested()
        {
            API("blog", () => HTTP(() => Path("/v1")));
            Service("posts", () =>
            {
                HTTP(() => Path("/posts"));
                Method("show", () =>
                {
                    Payload(() => Attribute("id", String));
                    HTTP(() => GET("/{id}"));
                });
            });
            Service("comments", () =>
            {
                HTTP(() =>
                {
                    Parent("posts");
                    Path("/comments");
                    CanonicalMethod("get");
                });
                Method("get", () =>
                {
                    Payload(() =>
                    {
                        Attribute("id", String);
                        Attribute("comment", String);
                    });
                    HTTP(() => GET("/{comment}"));
                });
            });
            Service("votes", () =>
            {
                HTTP(() => Parent("comments"));
                Method("count", () =>
                {
                    Payload(() =>
                    {
                        Attribute("id", String);
                        Attribute("comment", String);
                    });
                    HTTP(() => GET("/votes"));
                });
            });
        }
    }

    [Fact]
    public void Parent_PrefixesWithTheParentsCanonicalRoute_AtEveryLevel()
    {
        var root = DesignRunner.Run(typeof(Nested)).GetRootOrThrow();

        Assert.Equal("/v1/posts/{id}/comments", root.PathPrefixOf(root.FindService("comments")!));
        Assert.Equal("/v1/posts/{id}/comments/{comment}", root.PathPrefixOf(root.FindService("votes")!));
    }

    public sealed class Misused : Design
    {
        public Misused()
        {
            Service("a", () =>
            {
                HTTP(() =>
                {
                    Parent("nowhere"); // mark:unknown
                    CanonicalMethod("missing"); // mark:canonical
                });
                Method("m", () => HTTP(() => GET("/m")));
            });
            Service("b", () =>
            {
                HTTP(() => Parent("c")); // mark:cycle
                Method("show", () => HTTP(() => GET("/b")));
            });
            Service("c", () =>
            {
                HTTP(() => Parent("b"));
                Method("show", () => HTTP(() => GET("/c")));
            });
            Service("d", () =>
            {
                HTTP(() => Parent("a")); // mark:no-show
                Method("m", () => HTTP(() => GET("/d")));
            });
            Service("e", () =>
            {
                HTTP(() => Parent("posts"));
                Method("m", () => HTTP(() => GET("/e"))); // mark:variable
            });
            Service("posts", () => Method("show", () =>
            {
                Payload(() => Attribute("id", String));
                HTTP(() => GET("/posts/{id}"));
            }));
        }
    }

    [Fact]
    public void Parent_Misused_IsReportedWithItsLine()
    {
        DesignAssert.Reports(typeof(Misused), DiagnosticIds.ParentRoute, "mark:unknown", ["Parent(\"nowhere\") names a service the design does not declare"]);
        DesignAssert.Reports(typeof(Misused), DiagnosticIds.ParentRoute, "mark:canonical", ["CanonicalMethod(\"missing\") names no method"]);
        DesignAssert.Reports(typeof(Misused), DiagnosticIds.ParentRoute, "mark:cycle", ["Parent makes a cycle"]);
        DesignAssert.Reports(typeof(Misused), DiagnosticIds.ParentRoute, "mark:no-show", ["needs the parent's canonical method \"missing\""]);
        DesignAssert.Reports(typeof(Misused), DiagnosticIds.UnknownPathVariable, "mark:variable", ["path variable \"id\" is not a payload attribute"]);
    }
}
