// Licensed under the MIT license. See LICENSE in the project root.

using Serow.Design;
using Serow.Dsl.Expressions;

namespace Serow.Dsl;

/// <content>Unions: <c>OneOf</c> inside an object, <c>Union</c> as a named type.</content>
public abstract partial class Design
{
    /// <summary>
    /// Declares an attribute of the current object whose value is exactly one of the branches the block declares with
    /// <c>Attribute</c> or <c>Field</c>. On the wire (JSON) the value is <c>{"Type": "&lt;branch&gt;", "Value": …}</c>,
    /// over gRPC a message with a <c>oneof</c>.
    /// </summary>
    /// <param name="name">The attribute's name.</param>
    /// <param name="block">Declares the branches.</param>
    protected void OneOf(string name, Action block) => DeclareOneOf(name, null, block);

    /// <summary>Declares a union attribute with a description.</summary>
    /// <param name="name">The attribute's name.</param>
    /// <param name="description">The description.</param>
    /// <param name="block">Declares the branches.</param>
    protected void OneOf(string name, string description, Action block) => DeclareOneOf(name, description, block);

    /// <summary>
    /// Declares a named union type, usable wherever a type is expected (a payload, a result, a streamed message, an
    /// attribute). A <c>StreamingResult</c> of a union is a typed event stream: the handler sends each branch with its
    /// own <c>Send…Async</c> and the client switches on the branch it receives.
    /// </summary>
    /// <param name="name">The type's name.</param>
    /// <param name="block">Declares the branches with <c>Attribute</c> or <c>Field</c>, and <c>Description</c> or <c>Meta</c>.</param>
    /// <returns>A handle usable wherever a type is expected.</returns>
    protected DslType Union(string name, Action block)
    {
        var location = SourceLocator.Capture();
        var body = new AttributeExpr
        {
            Name = name,
            Type = new UnionTypeExpr(),
            Location = location,
            Label = $"union \"{name}\"",
            Role = AttributeRole.TypeBody,
        };
        var type = new UserTypeExpr { Name = name, Attribute = body, Location = location, Block = block };
        if (AtTopLevel("Union", location))
        {
            CheckIdentifier("type", name, location);
            Recorder.Types.Add(type);
        }

        return new DslType(type);
    }

    private void DeclareOneOf(string name, string? description, Action block)
    {
        var location = SourceLocator.Capture();
        if (AttributeParent("OneOf", location) is { } parent)
        {
            AddMember(parent, "OneOf", null, name, new UnionTypeExpr(), description, block, location,
                hint: "; OneOf declares an attribute of an object, and a named union is Union(name, block) at the top level");
        }
    }

    /// <summary>Adds a branch to a union whose block is running; false when the current element is not a union.</summary>
    private bool AddBranch(AttributeExpr parent, int? tag, string name, DslType? type, string? description, Action? block, SourceLocation location)
    {
        if (parent.Type is not UnionTypeExpr union)
        {
            return false;
        }

        CheckIdentifier("branch", name, location);
        var branch = new AttributeExpr
        {
            Name = name,
            Type = type?.Expr,
            Description = description,
            FieldNumber = tag,
            Location = location,
            Label = $"{parent.Label} branch \"{name}\"",
            Role = AttributeRole.Branch,
        };
        union.Branches.Add(branch);
        if (block is not null)
        {
            Recorder.Run(branch, block, location);
        }

        return true;
    }
}
