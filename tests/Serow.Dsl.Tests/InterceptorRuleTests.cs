// Licensed under the MIT license. See LICENSE in the project root.

using Serow.Design;
using Serow.Dsl.Tests.Support;

namespace Serow.Dsl.Tests;

/// <summary>Interceptors in the design: the model they make and the errors they report.</summary>
public sealed class InterceptorRuleTests
{
    public sealed class InterceptedDesign : Design
    {
        public InterceptedDesign()
        {
            var trace = Interceptor("trace", () => Description("Stamps a trace id on every call."));
            var tenant = Interceptor("tenant", () => WritePayload(() => Attribute("tenant")));
            var stamp = Interceptor("stamp", () =>
            {
                ReadStreamingPayload(() => Attribute("message"));
                WriteStreamingResult(() =>
                {
                    Attribute("seq");
                    Attribute("server_time");
                });
            });
            var cache = Interceptor("cache", () =>
            {
                ReadPayload(() => Attribute("id"));
                WriteResult(() => Attribute("cached_at"));
            });

            API("intercepted", () => ServerInterceptor(trace));
            Service("chat", () =>
            {
                ClientInterceptor(tenant);
                Method("connect", () =>
                {
                    ServerInterceptor(stamp);
                    Payload(() => Attribute("tenant"));
                    StreamingPayload(() => Attribute("message"));
                    StreamingResult(() =>
                    {
                        Attribute("seq", Int);
                        Attribute("server_time");
                    });
                });
                Method("get", () =>
                {
                    ServerInterceptor(cache);
                    Payload(() =>
                    {
                        Attribute("tenant");
                        Attribute("id");
                    });
                    Result(() => Attribute("cached_at"));
                });
            });
        }
    }

    [Fact]
    public void InterceptedDesign_RecordsInterceptorsAndWhereTheyApply_OutermostFirst()
    {
        var root = DesignAssert.Succeeds(typeof(InterceptedDesign));

        Assert.Equal(["trace", "tenant", "stamp", "cache"], root.Interceptors.Select(i => i.Name));
        Assert.Equal("Stamps a trace id on every call.", root.FindInterceptor("trace")!.Description);
        Assert.Equal(
            [(InterceptorAccessKind.ReadStreamingPayload, "message"), (InterceptorAccessKind.WriteStreamingResult, "seq,server_time")],
            root.FindInterceptor("stamp")!.Access.Select(a => (a.Kind, string.Join(",", a.Attributes))));
        var chat = root.FindService("chat")!;
        var connect = chat.Methods.Single(m => m.Name == "connect");
        var get = chat.Methods.Single(m => m.Name == "get");
        Assert.Equal(["trace", "stamp"], root.ServerInterceptorsOf(chat, connect).Select(i => i.Name));
        Assert.Equal(["trace", "cache"], root.ServerInterceptorsOf(chat, get).Select(i => i.Name));
        Assert.Equal(["tenant"], root.ClientInterceptorsOf(chat, get).Select(i => i.Name));
    }

    public sealed class WrongAttributes : Design
    {
        public WrongAttributes()
        {
            var cache = Interceptor("cache", () => ReadPayload(() => Attribute("id")));
            var stamp = Interceptor("stamp", () => WriteStreamingResult(() => Attribute("seq")));
            Service("chat", () =>
            {
                Method("get", () =>
                {
                    ServerInterceptor(cache); // mark:missing-attribute
                    Payload(() => Attribute("key"));
                });
                Method("post", () =>
                {
                    ServerInterceptor(stamp); // mark:no-stream
                    Payload(String);
                });
            });
        }
    }

    [Fact]
    public void Interceptor_NamingAnAttributeOrAStreamTheMethodLacks_IsReported()
    {
        DesignAssert.Reports(typeof(WrongAttributes), DiagnosticIds.InterceptorAttribute, "mark:missing-attribute",
            ["service \"chat\" method \"get\"", "interceptor \"cache\"", "reads payload attribute \"id\"", "it has \"key\""]);
        DesignAssert.Reports(typeof(WrongAttributes), DiagnosticIds.InterceptorAttribute, "mark:no-stream",
            ["service \"chat\" method \"post\"", "interceptor \"stamp\"", "uses WriteStreamingResult, but the method has no streaming result"]);
    }

    public sealed class Misapplied : Design
    {
        public Misapplied()
        {
            var trace = Interceptor("trace", () => Description("Traces."));
            Interceptor("trace"); // mark:twice
            API("misapplied", () => ServerInterceptor(trace));
            Service("chat", () => Method("get", () =>
            {
                ServerInterceptor(trace); // mark:applied-twice
                ClientInterceptor(Interceptor("inner")); // mark:not-top-level
                ReadPayload(() => Attribute("id")); // mark:access-misplaced
                Payload(String);
            }));
            Interceptor("empty", () => ReadResult(() => { })); // mark:empty
        }
    }

    [Fact]
    public void Interceptors_DeclaredTwice_AppliedTwice_NotAtTheTopLevel_Misplaced_OrEmpty_AreReported()
    {
        DesignAssert.Reports(typeof(Misapplied), DiagnosticIds.DuplicateName, "mark:twice", ["interceptor \"trace\" is declared twice"]);
        DesignAssert.Reports(typeof(Misapplied), DiagnosticIds.InterceptorAppliedTwice, "mark:applied-twice", ["service \"chat\" method \"get\"", "a second time"]);
        DesignAssert.Reports(typeof(Misapplied), DiagnosticIds.WrongPlace, "mark:not-top-level", ["Interceptor must be declared at the top level"]);
        DesignAssert.Reports(typeof(Misapplied), DiagnosticIds.UnknownInterceptor, "mark:not-top-level", ["interceptor \"inner\" is not declared"]);
        DesignAssert.Reports(typeof(Misapplied), DiagnosticIds.WrongPlace, "mark:access-misplaced", ["ReadPayload cannot be used here", "an Interceptor block"]);
        DesignAssert.Reports(typeof(Misapplied), DiagnosticIds.InvalidArgument, "mark:empty", ["interceptor \"empty\": ReadResult names no attribute"]);
    }
}
