// Licensed under the MIT license. See LICENSE in the project root.

using Serow.Design;
using Serow.Dsl.Expressions;

namespace Serow.Dsl;

/// <summary>
/// Applies <c>Extend</c> and <c>Reference</c> once every block has run, so a type may extend or reference one declared
/// later: a base is expanded before the objects that extend it, and a cycle is reported instead of followed.
/// </summary>
internal sealed class CompositionExpander(List<DesignDiagnostic> diagnostics)
{
    private readonly HashSet<ObjectTypeExpr> _done = [];
    private readonly HashSet<ObjectTypeExpr> _visiting = [];

    public void Expand(DesignModel model)
    {
        foreach (var type in model.Types)
        {
            Walk(type.Attribute.Type);
        }

        foreach (var method in model.Services.SelectMany(s => s.Methods))
        {
            foreach (var attribute in new[] { method.Payload, method.Result, method.StreamingPayload, method.StreamingResult })
            {
                Walk(attribute?.Type);
            }
        }
    }

    private void Walk(TypeExpr? type)
    {
        switch (type)
        {
            case ObjectTypeExpr obj:
                Expand(obj, null);
                foreach (var member in obj.Attributes.ToArray())
                {
                    Walk(member.Type);
                }

                break;
            case ArrayTypeExpr array:
                Walk(array.Element.Type);
                break;
            case MapTypeExpr map:
                Walk(map.Value.Type);
                break;
            case UnionTypeExpr union:
                foreach (var branch in union.Branches)
                {
                    Walk(branch.Type);
                }

                break;
        }
    }

    private void Expand(ObjectTypeExpr obj, (UserTypeExpr Type, SourceLocation Location)? via)
    {
        if (_done.Contains(obj))
        {
            return;
        }

        if (!_visiting.Add(obj))
        {
            var (type, location) = via!.Value;
            diagnostics.Add(new DesignDiagnostic(
                DiagnosticIds.InvalidArgument,
                $"{type.Label}: Extend or Reference of {type.Label} makes a cycle; a type cannot extend or reference itself, directly or through others",
                location));
            return;
        }

        var inherited = new List<AttributeExpr>();
        foreach (var (type, location) in obj.Bases)
        {
            if (Target(type, location, "Extend") is not { } baseObject)
            {
                continue;
            }

            // The extending object's own attributes win; the base's come first, in the base's order.
            inherited.AddRange(baseObject.Attributes.Where(a => obj.Find(a.Name) is null && inherited.All(i => i.Name != a.Name)));
            obj.Required.AddRange(baseObject.Required.Where(r => obj.Required.All(o => o.Name != r.Name)));
        }

        obj.Attributes.InsertRange(0, inherited);

        foreach (var (type, location) in obj.References)
        {
            if (Target(type, location, "Reference") is not { } referenced)
            {
                continue;
            }

            foreach (var attribute in obj.Attributes.Where(a => a.Type is null))
            {
                if (referenced.Find(attribute.Name) is { } source)
                {
                    Borrow(attribute, source);
                }
            }
        }

        _visiting.Remove(obj);
        _done.Add(obj);
    }

    private ObjectTypeExpr? Target(UserTypeExpr type, SourceLocation location, string verb)
    {
        if (JsonValue.Resolve(type) is not ObjectTypeExpr target)
        {
            diagnostics.Add(new DesignDiagnostic(
                DiagnosticIds.NotAnObject,
                $"{verb}({type.Name}) needs an object type, but {type.Label} is {JsonValue.Resolve(type)?.Describe() ?? "String"}",
                location));
            return null;
        }

        Expand(target, (type, location));
        return target;
    }

    // What the attribute declares itself wins: only what it left unset is taken.
    private static void Borrow(AttributeExpr attribute, AttributeExpr source)
    {
        attribute.Type = source.Type;
        attribute.Description ??= source.Description;
        attribute.FieldNumber ??= source.FieldNumber;
        if (attribute.Validations.Count == 0)
        {
            attribute.Validations.AddRange(source.Validations);
        }

        if (!attribute.HasDefault && source.HasDefault)
        {
            attribute.HasDefault = true;
            attribute.Default = source.Default;
            attribute.DefaultJson = source.DefaultJson;
            attribute.DefaultLocation = source.DefaultLocation;
        }

        if (attribute.Examples.Count == 0)
        {
            attribute.Examples.AddRange(source.Examples);
        }

        if (attribute.Meta.Count == 0)
        {
            attribute.Meta.AddRange(source.Meta);
        }
    }
}
