// Licensed under the MIT license. See LICENSE in the project root.

using Serow.Design;
using Serow.Dsl.Tests.Support;

namespace Serow.Dsl.Tests;

/// <summary>ConvertTo and CreateFrom: the mappings found at design time and the errors they report.</summary>
public sealed class ConversionRuleTests
{
    public sealed class Order
    {
        public string? Id { get; set; }

        public long Total { get; set; }

        public IReadOnlyList<string>? Lines { get; set; }
    }

    public sealed class Mismatched
    {
        public int Id { get; set; }
    }

    public sealed class NoConstructor(string id)
    {
        public string Id { get; set; } = id;
    }

    public sealed class RequiredExtra
    {
        public string? Id { get; set; }

        public required string Region { get; set; }
    }

    public sealed class Converted : Design
    {
        public Converted()
        {
            Type("Order", () =>
            {
                Attribute("id", String);
                Attribute("total", Int64);
                Attribute("lines", ArrayOf(String));
                Attribute("note", String);
                Required("id");
                ConvertTo(typeof(Order));
                CreateFrom(typeof(Order));
            });
        }
    }

    [Fact]
    public void Conversions_MatchByName_AndDecideHowEachValueCrosses()
    {
        var type = DesignRunner.Run(typeof(Converted)).GetRootOrThrow().FindType("Order")!;

        var to = type.Conversions.Single(c => c.ToExternal);
        Assert.Equal("global::Serow.Dsl.Tests.ConversionRuleTests.Order", to.ExternalType);
        Assert.Equal(
            [new ConversionMapping("id", "Id", ConversionKind.Direct), new ConversionMapping("total", "Total", ConversionKind.ValueOrDefault), new ConversionMapping("lines", "Lines", ConversionKind.Direct)],
            to.Mappings);
        var from = type.Conversions.Single(c => !c.ToExternal);
        Assert.Equal(ConversionKind.Collection, from.Mappings.Single(m => m.Attribute == "lines").Kind);
    }

    public sealed class Misused : Design
    {
        public Misused()
        {
            Type("A", () =>
            {
                Attribute("id", String);
                ConvertTo(typeof(Mismatched)); // mark:mismatch
                ConvertTo(typeof(NoConstructor)); // mark:constructor
                ConvertTo(typeof(RequiredExtra)); // mark:required-extra
                ConvertTo(typeof(string)); // mark:string
            });
            Type("B", () =>
            {
                Attribute("code", String);
                Required("code");
                CreateFrom(typeof(Order)); // mark:required-unmatched
            });
            Service("s", () => Method("m", () => Payload(() => ConvertTo(typeof(Order))))); // mark:outside
        }
    }

    [Fact]
    public void Conversions_Misused_AreReportedWithTheirLine()
    {
        DesignAssert.Reports(typeof(Misused), DiagnosticIds.Conversion, "mark:mismatch", ["attribute \"id\" (String) and property Id (Int32) have the same name but types that do not convert"]);
        DesignAssert.Reports(typeof(Misused), DiagnosticIds.Conversion, "mark:constructor", ["needs a public parameterless constructor"]);
        DesignAssert.Reports(typeof(Misused), DiagnosticIds.Conversion, "mark:required-extra", ["the required property Region", "has no attribute of the same name"]);
        DesignAssert.Reports(typeof(Misused), DiagnosticIds.InvalidArgument, "mark:string", ["ConvertTo needs one of your own class or struct types, got String"]);
        DesignAssert.Reports(typeof(Misused), DiagnosticIds.Conversion, "mark:required-unmatched", ["CreateFrom(Order): the required attribute \"code\" has no property"]);
        DesignAssert.Reports(typeof(Misused), DiagnosticIds.WrongPlace, "mark:outside", ["ConvertTo", "a Type or ResultType block"]);
    }
}
