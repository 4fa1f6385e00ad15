// Licensed under the MIT license. See LICENSE in the project root.

using Serow.Dsl.Tests.Support;

namespace Serow.Dsl.Tests;

/// <summary>A service-level transport block serves every method of the service over that transport.</summary>
public sealed class ServiceTransportDefaultsTests
{
    [Fact]
    public void ServiceHttpBlock_MethodsWithoutMapping_GetDefaultRoutes()
    {
        var service = DesignAssert.Succeeds(typeof(DefaultsDesign)).FindService("metrics")!;

        var unary = service.Methods.Single(m => m.Name == "reset").Http!;
        Assert.Equal(("POST", "/metrics/reset"), (unary.Routes[0].Method, unary.Routes[0].Path));
        var stream = service.Methods.Single(m => m.Name == "watch").Http!;
        Assert.Equal(("GET", "/metrics/watch"), (stream.Routes[0].Method, stream.Routes[0].Path));
        Assert.Equal(["interval"], stream.Params.Select(p => p.Attribute));
        var own = service.Methods.Single(m => m.Name == "custom").Http!;
        Assert.Equal("/custom/path", own.Routes[0].Path);
        Assert.All(service.Methods, m => Assert.NotNull(m.Grpc));
    }

    [Fact]
    public void ServiceHttpBlockWithPrefix_DefaultRoutes_AreRelativeToThePrefix()
    {
        var service = DesignAssert.Succeeds(typeof(PrefixedDesign)).FindService("metrics")!;

        Assert.Equal("/reset", service.Methods.Single().Http!.Routes[0].Path);
        Assert.Equal("/v1", service.Http!.PathPrefix);
    }

    public sealed class DefaultsDesign : Design
    {
        public DefaultsDesign()
        {
            Service("metrics", () =>
            {
                HTTP(() => { });
                GRPC(() => { });
                Method("reset", () => { });
                Method("watch", () =>
                {
                    Payload(() => Field(1, "interval", Int));
                    StreamingResult(() => Field(1, "value", Float64));
                });
                Method("custom", () => HTTP(() => POST("/custom/path")));
            });
        }
    }

    public sealed class PrefixedDesign : Design
    {
        public PrefixedDesign()
        {
            Service("metrics", () =>
            {
                HTTP(() => Path("/v1"));
                Method("reset", () => { });
            });
        }
    }
}
