// Licensed under the MIT license. See LICENSE in the project root.

using Serow.Design;
using Serow.Dsl.Tests.Support;

namespace Serow.Dsl.Tests;

/// <summary>Contact, License, TermsOfService and Docs: the model they make and the errors they report.</summary>
public sealed class ApiMetadataTests
{
    public sealed class Described : Design
    {
        public Described()
        {
            API("store", () =>
            {
                Contact("Store team", "store@example.com", "https://example.com/store");
                License("MIT", "https://opensource.org/licenses/MIT");
                TermsOfService("https://example.com/terms");
                Docs("https://example.com/docs", "The store's guide");
            });
            Service("items", () => Method("list", () => Result(String)));
        }
    }

    [Fact]
    public void ApiMetadata_ReachesTheModel()
    {
        var api = DesignRunner.Run(typeof(Described)).GetRootOrThrow().Api;

        Assert.Equal(new ApiContactDesign("Store team", "store@example.com", "https://example.com/store"), api.Contact);
        Assert.Equal(new ApiLicenseDesign("MIT", "https://opensource.org/licenses/MIT"), api.License);
        Assert.Equal("https://example.com/terms", api.TermsOfService);
        Assert.Equal(new ApiDocsDesign("https://example.com/docs", "The store's guide"), api.Docs);
    }

    public sealed class Misused : Design
    {
        public Misused()
        {
            API("store", () =>
            {
                Contact("Store team", "not-an-email"); // mark:email
                Contact("Again"); // mark:contact-twice
                License("MIT", "/license"); // mark:license-url
                TermsOfService("terms.html"); // mark:terms
                Docs("ftp://example.com/docs"); // mark:docs
            });
            Service("items", () => Method("list", () =>
            {
                Result(String);
                License("MIT"); // mark:outside
            }));
        }
    }

    [Fact]
    public void ApiMetadata_Misused_IsReportedWithItsLine()
    {
        DesignAssert.Reports(typeof(Misused), DiagnosticIds.InvalidArgument, "mark:email", ["API \"store\"", "\"not-an-email\" is not an email address"]);
        DesignAssert.Reports(typeof(Misused), DiagnosticIds.InvalidArgument, "mark:contact-twice", ["Contact is declared twice"]);
        DesignAssert.Reports(typeof(Misused), DiagnosticIds.InvalidArgument, "mark:license-url", ["the URL of License \"/license\" is not an absolute http or https URL"]);
        DesignAssert.Reports(typeof(Misused), DiagnosticIds.InvalidArgument, "mark:terms", ["the URL of TermsOfService \"terms.html\""]);
        DesignAssert.Reports(typeof(Misused), DiagnosticIds.InvalidArgument, "mark:docs", ["the URL of Docs \"ftp://example.com/docs\""]);
        DesignAssert.Reports(typeof(Misused), DiagnosticIds.WrongPlace, "mark:outside", ["License", "an API block"]);
    }
}
