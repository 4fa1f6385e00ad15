// Licensed under the MIT license. See LICENSE in the project root.

using Serow.Design;
using Serow.Dsl.Tests.Support;

namespace Serow.Dsl.Tests;

/// <summary>OneOf and Union: the model they make and the errors they report.</summary>
public sealed class UnionRuleTests
{
    public sealed class Unions : Design
    {
        public Unions()
        {
            var joined = Type("Joined", () => Field(1, "user", String));
            var roomEvent = Union("RoomEvent", () =>
            {
                Description("What happens in a room.");
                Field(1, "joined", joined);
                Field(2, "notice", String, () => MaxLength(10));
            });
            Type("Shape", () =>
            {
                Field(1, "name", String);
                OneOf("geometry", "The geometry.", () =>
                {
                    Field(2, "label", String);
                    Field(3, "sides", Int);
                });
                Required("geometry");
            });
            API("rooms", () => { });
            Service("rooms", () => Method("watch", () =>
            {
                StreamingResult(roomEvent);
                GRPC(() => { });
            }));
        }
    }

    [Fact]
    public void Unions_ReachTheModel_NamedAndInline()
    {
        var root = DesignRunner.Run(typeof(Unions)).GetRootOrThrow();

        var roomEvent = root.FindType("RoomEvent")!;
        var union = Assert.IsType<UnionType>(roomEvent.Type);
        Assert.Equal("What happens in a room.", roomEvent.Description);
        Assert.Equal(["joined", "notice"], union.Branches.Select(b => b.Name));
        Assert.Equal(new UserTypeRef("Joined"), union.Branches[0].Type);
        Assert.Equal(10, union.Branches[1].Validation.MaxLength);

        var shape = Assert.IsType<ObjectType>(root.FindType("Shape")!.Type);
        var geometry = shape.Find("geometry")!;
        Assert.Equal("The geometry.", geometry.Description);
        Assert.Equal([2, 3], Assert.IsType<UnionType>(geometry.Type).Branches.Select(b => b.FieldNumber ?? 0));
        Assert.True(shape.IsRequired("geometry"));
    }

    public sealed class Misused : Design
    {
        public Misused()
        {
            Union("Empty", () => Description("no branches")); // mark:empty
            Union("Twice", () =>
            {
                Attribute("a", String);
                Attribute("a", Int); // mark:twice
            });
            Union("Defaulted", () => Attribute("a", String, () => Default("x"))); // mark:default
            Union("Requiring", () =>
            {
                Attribute("a", String);
                Required("a"); // mark:required
            });
            Type("Holder", () =>
            {
                Attribute("name", String, () => OneOf("inner", () => Attribute("x", String))); // mark:oneof-in-string
            });
            Service("s", () => Method("m", () =>
            {
                Payload(() => OneOf("choice", () => Attribute("a", String)));
                OneOf("loose", () => Attribute("a", String)); // mark:oneof-outside
                Union("Nested", () => Attribute("a", String)); // mark:union-nested
            }));
        }
    }

    [Fact]
    public void Unions_Misused_AreReportedWithTheirLine()
    {
        DesignAssert.Reports(typeof(Misused), DiagnosticIds.UnionBranch, "mark:empty", ["union \"Empty\"", "has no branches"]);
        DesignAssert.Reports(typeof(Misused), DiagnosticIds.DuplicateName, "mark:twice", ["union \"Twice\" branch \"a\" is declared twice"]);
        DesignAssert.Reports(typeof(Misused), DiagnosticIds.UnionBranch, "mark:default", ["branch \"a\"", "cannot have a Default"]);
        DesignAssert.Reports(typeof(Misused), DiagnosticIds.NotAnObject, "mark:required", ["Required needs an object", "union"]);
        DesignAssert.Reports(typeof(Misused), DiagnosticIds.NotAnObject, "mark:oneof-in-string", ["OneOf \"inner\"", "needs an object"]);
        DesignAssert.Reports(typeof(Misused), DiagnosticIds.WrongPlace, "mark:oneof-outside", ["OneOf", "an attribute block"]);
        DesignAssert.Reports(typeof(Misused), DiagnosticIds.WrongPlace, "mark:union-nested", ["Union must be declared at the top level"]);
    }

    public sealed class NotForGrpc : Design
    {
        public NotForGrpc()
        {
            var listed = Union("Listed", () =>
            {
                Field(1, "names", ArrayOf(String)); // mark:array-branch
                Attribute("unnumbered", String); // mark:unnumbered
                Field(1, "again", Int); // mark:same-number
            });
            Service("s", () => Method("m", () =>
            {
                Payload(() =>
                {
                    Field(1, "id", String);
                    OneOf("choice", () =>
                    {
                        Field(1, "a", String); // mark:clash-with-parent
                        Field(2, "b", listed);
                    });
                });
                GRPC(() => { });
            }));
        }
    }

    [Fact]
    public void Unions_OverGrpc_NeedNumberedOneofBranches()
    {
        DesignAssert.Reports(typeof(NotForGrpc), DiagnosticIds.UnionBranch, "mark:array-branch", ["branch \"names\"", "a protobuf oneof cannot hold ArrayOf(String)"]);
        DesignAssert.Reports(typeof(NotForGrpc), DiagnosticIds.GrpcMissingFieldNumber, "mark:unnumbered", ["branch \"unnumbered\"", "need a field number"]);
        DesignAssert.Reports(typeof(NotForGrpc), DiagnosticIds.GrpcDuplicateFieldNumber, "mark:same-number", ["field number 1 is already used by branch \"names\""]);
        DesignAssert.Reports(typeof(NotForGrpc), DiagnosticIds.GrpcDuplicateFieldNumber, "mark:clash-with-parent", ["field number 1 is already used by attribute \"id\""]);
    }
}
