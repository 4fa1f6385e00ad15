// Licensed under the MIT license. See LICENSE in the project root.

using Serow.Design;
using Serow.Dsl.Tests.Support;

namespace Serow.Dsl.Tests;

/// <summary>Extend, Reference, Elem, Key, Headers and Params: the model they make and the errors they report.</summary>
public sealed class CompositionRuleTests
{
    public sealed class Composed : Design
    {
        public Composed()
        {
            // Declared before its base, whose block runs later: expansion waits until every type block has run.
            DslType? baseType = null;
            var child = Type("Child", () =>
            {
                Extend(baseType!);
                Field(2, "name", Int, "Overridden");
                Field(3, "labels", MapOf(String, String), () =>
                {
                    Key(() => Pattern("^[a-z]+$"));
                    Elem(() => MaxLength(8));
                });
                Field(4, "scores", ArrayOf(Int), () => Elem(() => Maximum(10)));
            });
            baseType = Type("Base", () =>
            {
                Field(1, "id", String, "The id", () => MinLength(3));
                Field(2, "name", String);
                Required("id");
            });
            Type("Patch", () =>
            {
                Reference(child);
                Attribute("id");
                Attribute("name", () => Description("Mine"));
                Attribute("other");
            });
            API("composed", () => { });
            Service("s", () => Method("m", () => Payload(child)));
        }
    }

    [Fact]
    public void Composition_ReachesTheModel()
    {
        var root = DesignRunner.Run(typeof(Composed)).GetRootOrThrow();

        var child = Assert.IsType<ObjectType>(root.FindType("Child")!.Type);
        Assert.Equal(["id", "name", "labels", "scores"], child.Attributes.Select(a => a.Name));
        Assert.Equal(new PrimitiveType(PrimitiveKind.Int), child.Find("name")!.Type);
        Assert.Equal("Overridden", child.Find("name")!.Description);
        Assert.True(child.IsRequired("id"));
        var labels = Assert.IsType<MapType>(child.Find("labels")!.Type);
        Assert.Equal("^[a-z]+$", labels.Key.Validation.Pattern);
        Assert.Equal(8, labels.Value.Validation.MaxLength);
        Assert.Equal(10, Assert.IsType<ArrayType>(child.Find("scores")!.Type).Element.Validation.Maximum);

        var patch = Assert.IsType<ObjectType>(root.FindType("Patch")!.Type);
        var id = patch.Find("id")!;
        Assert.Equal(("The id", 3, 1), (id.Description, id.Validation.MinLength, id.FieldNumber));
        Assert.Equal(new PrimitiveType(PrimitiveKind.Int), patch.Find("name")!.Type);
        Assert.Equal("Mine", patch.Find("name")!.Description);
        Assert.Equal(new PrimitiveType(PrimitiveKind.String), patch.Find("other")!.Type);
    }

    public sealed class Misused : Design
    {
        public Misused()
        {
            var looped = Type("Looped", () => Attribute("a", String));
            var other = Type("Other", () =>
            {
                Extend(looped);
                Attribute("b", String);
            });
            Type("Names", () =>
            {
                Extend(ArrayOf(String)); // mark:extend-array
                Attribute("tags", String, () => Elem(() => MinLength(1))); // mark:elem-string
                Attribute("list", ArrayOf(String), () => Key(() => MinLength(1))); // mark:key-array
            });
            Service("s", () => Method("m", () =>
            {
                Payload(String, () => Reference(other)); // mark:reference-string
                Headers(() => Header("x")); // mark:headers-outside
            }));
        }
    }

    [Fact]
    public void Composition_Misused_IsReportedWithItsLine()
    {
        DesignAssert.Reports(typeof(Misused), DiagnosticIds.InvalidArgument, "mark:extend-array", ["Extend needs a type declared with Type or ResultType"]);
        DesignAssert.Reports(typeof(Misused), DiagnosticIds.InvalidArgument, "mark:elem-string", ["Elem applies to an array or a map", "the type is String"]);
        DesignAssert.Reports(typeof(Misused), DiagnosticIds.InvalidArgument, "mark:key-array", ["Key applies to a map (MapOf)"]);
        DesignAssert.Reports(typeof(Misused), DiagnosticIds.NotAnObject, "mark:reference-string", ["Reference(Other) needs an object"]);
        DesignAssert.Reports(typeof(Misused), DiagnosticIds.WrongPlace, "mark:headers-outside", ["Headers", "a method's HTTP block"]);
    }

    public sealed class Cyclic : Design
    {
        public Cyclic()
        {
            DslType? second = null;
            var first = Type("First", () => Extend(second!)); // mark:first
            second = Type("Second", () => Extend(first)); // mark:second
        }
    }

    [Fact]
    public void Extend_ACycle_IsReported()
    {
        var result = DesignRunner.Run(typeof(Cyclic));

        Assert.Contains(result.Diagnostics, d => d.Id == DiagnosticIds.InvalidArgument && d.Message.Contains("makes a cycle", StringComparison.Ordinal));
    }
}
