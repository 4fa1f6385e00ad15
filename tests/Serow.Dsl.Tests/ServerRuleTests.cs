// Licensed under the MIT license. See LICENSE in the project root.

using Serow.Design;
using Serow.Dsl.Tests.Support;

namespace Serow.Dsl.Tests;

/// <summary>Server, Services, Host, URI and Variable: the model they make and the errors they report.</summary>
public sealed class ServerRuleTests
{
    public sealed class Served : Design
    {
        public Served()
        {
            API("shop", () =>
            {
                Server("front", () =>
                {
                    Description("The storefront.");
                    Services("items");
                    Host("dev", () =>
                    {
                        URI("http://localhost:8080");
                        URI("grpc://localhost:8090");
                    });
                    Host("prod", () =>
                    {
                        URI("https://{region}.shop.example.com:{port}/api");
                        Variable("region", String, "Region", () => { Enum("eu", "us"); Default("eu"); });
                        Variable("port", Int, () => Default(443));
                    });
                });
            });
            Service("items", () => Method("list", () => Result(String)));
        }
    }

    [Fact]
    public void Servers_ReachTheModel()
    {
        var server = Assert.Single(DesignRunner.Run(typeof(Served)).GetRootOrThrow().Api.Servers);

        Assert.Equal(("front", "The storefront."), (server.Name, server.Description));
        Assert.Equal(["items"], server.Services);
        Assert.Equal(["dev", "prod"], server.Hosts.Select(h => h.Name));
        Assert.Equal(["http://localhost:8080", "grpc://localhost:8090"], server.Hosts[0].Uris);
        var region = server.Hosts[1].Variables[0];
        Assert.Equal(("region", "\"eu\"", "Region"), (region.Name, region.DefaultJson, region.Description));
        Assert.Equal(new PrimitiveType(PrimitiveKind.Int), server.Hosts[1].Variables[1].Type);
        Assert.True(server.Serves("items"));
    }

    public sealed class Misused : Design
    {
        public Misused()
        {
            API("shop", () =>
            {
                Server("front", () =>
                {
                    Services("nowhere"); // mark:unknown-service
                    Host("empty", () => Description("no address")); // mark:no-uri
                    Host("bad", () =>
                    {
                        URI("ftp://files.example.com"); // mark:scheme
                        URI("https://{missing}.example.com"); // mark:undeclared
                        URI("grpc://localhost:8090/path"); // mark:grpc-path
                        Variable("nodefault", String, () => Enum("a")); // mark:no-default
                        Variable("unused", String, () => Default("x")); // mark:unused
                    });
                });
                Server("bare", () => Description("no hosts")); // mark:no-host
                URI("http://localhost"); // mark:uri-outside
            });
            Service("items", () => Method("list", () => Result(String)));
        }
    }

    [Fact]
    public void Servers_Misused_AreReportedWithTheirLine()
    {
        DesignAssert.Reports(typeof(Misused), DiagnosticIds.ServerAddress, "mark:unknown-service", ["server \"front\"", "\"nowhere\", which the design does not declare"]);
        DesignAssert.Reports(typeof(Misused), DiagnosticIds.ServerAddress, "mark:no-uri", ["host \"empty\"", "needs at least one URI"]);
        DesignAssert.Reports(typeof(Misused), DiagnosticIds.ServerAddress, "mark:scheme", ["\"ftp://files.example.com\" is not an absolute address with scheme http, https"]);
        DesignAssert.Reports(typeof(Misused), DiagnosticIds.ServerAddress, "mark:undeclared", ["uses {missing}, which is not a Variable of the host"]);
        DesignAssert.Reports(typeof(Misused), DiagnosticIds.ServerAddress, "mark:grpc-path", ["gRPC URI \"grpc://localhost:8090/path\" has a path"]);
        DesignAssert.Reports(typeof(Misused), DiagnosticIds.ServerAddress, "mark:no-default", ["variable \"nodefault\"", "needs a Default"]);
        DesignAssert.Reports(typeof(Misused), DiagnosticIds.ServerAddress, "mark:unused", ["variable \"unused\"", "no URI of the host uses {unused}"]);
        DesignAssert.Reports(typeof(Misused), DiagnosticIds.ServerAddress, "mark:no-host", ["server \"bare\"", "needs at least one Host"]);
        DesignAssert.Reports(typeof(Misused), DiagnosticIds.WrongPlace, "mark:uri-outside", ["URI", "a Host block"]);
    }
}
