// Licensed under the MIT license. See LICENSE in the project root.

using Serow.Design;
using Serow.Dsl.Tests.Support;

namespace Serow.Dsl.Tests;

/// <summary>Resumable: the mappings it implies on every transport and the errors it reports.</summary>
public sealed class ResumableRuleTests
{
    public sealed class Feeds : Design
    {
        public Feeds()
        {
            Service("feed", () =>
            {
                GRPC(() => { });
                foreach (var (name, sse) in new[] { ("socket", false), ("events", true) })
                {
                    Method(name, () =>
                    {
                        Payload(() =>
                        {
                            Field(1, "topic", String);
                            Field(2, "after", String);
                            Required("topic");
                        });
                        StreamingResult(() =>
                        {
                            Field(1, "at", String);
                            Field(2, "text", String);
                            Required("at", "text");
                        });
                        Resumable("at", "after");
                        HTTP(() =>
                        {
                            GET($"/{name}/{{topic}}");
                            if (sse)
                            {
                                ServerSentEvents();
                            }
                        });
                    });
                }
            });
        }
    }

    [Fact]
    public void Resumable_MapsThePositionsOnEveryTransport()
    {
        var methods = DesignRunner.Run(typeof(Feeds)).GetRootOrThrow().Services[0].Methods;
        var socket = methods.Single(m => m.Name == "socket");
        var events = methods.Single(m => m.Name == "events");

        Assert.Equal(new ResumableDesign("at", "after", socket.Resumable!.Location), socket.Resumable);
        Assert.Contains(socket.Http!.Params, p => p.Attribute == "after" && p.WireName == "after");
        Assert.Contains("after", socket.Grpc!.Metadata);
        Assert.Equal(("at", "after"), (events.Http!.ServerSentEvents!.IdAttribute, events.Http.ServerSentEvents.RequestIdAttribute));
        Assert.DoesNotContain(events.Http!.Params, p => p.Attribute == "after");
    }

    public sealed class Misused : Design
    {
        public Misused()
        {
            Service("feed", () =>
            {
                Method("unary", () =>
                {
                    Payload(() => Field(1, "after", String));
                    Result(() => Field(1, "at", String));
                    Resumable("at", "after"); // mark:unary
                });
                Method("missing", () =>
                {
                    Payload(() => Field(1, "topic", String));
                    StreamingResult(() => Field(1, "text", String));
                    Resumable("at", "after"); // mark:missing
                });
                Method("types", () =>
                {
                    Payload(() =>
                    {
                        Field(1, "after", Int);
                        Required("after");
                    });
                    StreamingResult(() => Field(1, "at", Int64));
                    Resumable("at", "after"); // mark:types
                });
                Method("optional", () =>
                {
                    Payload(() =>
                    {
                        Field(1, "after", String);
                        Required("after");
                    });
                    StreamingResult(() => Field(1, "at", String));
                    Resumable("at", "after"); // mark:optional
                });
                Method("sse", () =>
                {
                    Payload(() => Field(1, "after", String));
                    StreamingResult(() =>
                    {
                        Field(1, "at", String);
                        Field(2, "id", String);
                        Required("at");
                    });
                    Resumable("at", "after");
                    HTTP(() =>
                    {
                        GET("/sse");
                        ServerSentEvents(() => SSEEventID("id")); // mark:sse-id
                    });
                });
            });
        }
    }

    [Fact]
    public void Resumable_Misused_IsReportedWithItsLine()
    {
        DesignAssert.Reports(typeof(Misused), DiagnosticIds.Resumable, "mark:unary", ["method \"unary\"", "applies to a server stream", "unary"]);
        DesignAssert.Reports(typeof(Misused), DiagnosticIds.Resumable, "mark:missing", ["streaming result attribute \"at\"", "does not have"]);
        DesignAssert.Reports(typeof(Misused), DiagnosticIds.Resumable, "mark:types", ["position must be a String"]);
        DesignAssert.Reports(typeof(Misused), DiagnosticIds.Resumable, "mark:optional", ["position must be Required"]);
        var all = string.Join("\n", DesignRunner.Run(typeof(Misused)).Diagnostics.Where(d => d.Id == DiagnosticIds.Resumable).Select(d => d.Message));
        Assert.Contains("method \"missing\" payload attribute \"after\": Resumable names a resume attribute the payload does not have", all);
        Assert.Contains("a Resumable resume attribute must be a String, but the type is Int", all);
        Assert.Contains("a Resumable resume attribute must be optional", all);
        DesignAssert.Reports(typeof(Misused), DiagnosticIds.Resumable, "mark:sse-id", ["SSEEventID maps \"id\" but Resumable uses \"at\""]);
    }
}
