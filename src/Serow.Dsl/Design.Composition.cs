// Licensed under the MIT license. See LICENSE in the project root.

using Serow.Design;
using Serow.Dsl.Expressions;

namespace Serow.Dsl;

/// <content>Type composition (<c>Extend</c>, <c>Reference</c>) and element rules (<c>Elem</c>, <c>Key</c>).</content>
public abstract partial class Design
{
    /// <summary>
    /// Copies the attributes (and required names) of <paramref name="type"/> into the current object. Attributes the
    /// object declares itself win over copied ones of the same name. Use inside an attribute block.
    /// </summary>
    /// <param name="type">A type declared with <c>Type</c> or <c>ResultType</c>.</param>
    protected void Extend(DslType type) => Compose("Extend", type, (obj, user, location) => obj.Bases.Add((user, location)));

    /// <summary>
    /// Makes attributes of the current object that are declared without a type take the type, description,
    /// validations, default, examples and meta of the attribute of the same name in <paramref name="type"/>; what the
    /// object's attribute declares itself wins. Use inside an attribute block.
    /// </summary>
    /// <param name="type">A type declared with <c>Type</c> or <c>ResultType</c>.</param>
    protected void Reference(DslType type) => Compose("Reference", type, (obj, user, location) => obj.References.Add((user, location)));

    /// <summary>
    /// Generates <c>ConvertTo&lt;Name&gt;()</c> on the current type: a new <paramref name="type"/> (one of your own C#
    /// types) with every property whose name matches an attribute (ignoring case and underscores) set from it. Matched
    /// properties must have convertible types; checked when the design runs, and the generated code is compiled against
    /// your type. Use inside a <c>Type</c> or <c>ResultType</c> block.
    /// </summary>
    /// <param name="type">Your type, with a public parameterless constructor.</param>
    protected void ConvertTo(Type type) => DeclareConversion("ConvertTo", type, toExternal: true);

    /// <summary>
    /// Generates the static <c>CreateFrom&lt;Name&gt;(source)</c> on the current type: a new design value with every
    /// attribute whose name matches a property of <paramref name="type"/> set from it (every required attribute must
    /// match). Use inside a <c>Type</c> or <c>ResultType</c> block.
    /// </summary>
    /// <param name="type">Your type.</param>
    protected void CreateFrom(Type type) => DeclareConversion("CreateFrom", type, toExternal: false);

    private void DeclareConversion(string verb, Type type, bool toExternal)
    {
        var location = SourceLocator.Capture();
        if (Current<UserTypeExpr>(verb, "a Type or ResultType block", location) is not { } user)
        {
            return;
        }

        if (type is null || type.IsGenericTypeDefinition || type.IsPrimitive || type == typeof(string))
        {
            Recorder.Report(DiagnosticIds.InvalidArgument, $"{user.Label}: {verb} needs one of your own class or struct types, got {type?.Name ?? "null"}", location);
            return;
        }

        if (user.Conversions.Any(c => c.External == type && c.ToExternal == toExternal))
        {
            Recorder.Report(DiagnosticIds.InvalidArgument, $"{user.Label}: {verb}({type.Name}) is declared twice", location);
            return;
        }

        user.Conversions.Add((type, toExternal, location));
    }

    /// <summary>Declares the rules of every element of the current array attribute, or of every value of a map.</summary>
    /// <param name="block">Validations (and <c>Description</c>, <c>Meta</c>) of the element.</param>
    protected void Elem(Action block) => ElementRules("Elem", block, static collection => collection switch
    {
        ArrayTypeExpr array => array.Element,
        MapTypeExpr map => map.Value,
        _ => null,
    });

    /// <summary>Declares the rules of every key of the current map attribute.</summary>
    /// <param name="block">Validations of the key.</param>
    protected void Key(Action block) => ElementRules("Key", block, static collection => (collection as MapTypeExpr)?.Key);

    private void Compose(string verb, DslType type, Action<ObjectTypeExpr, UserTypeExpr, SourceLocation> add)
    {
        var location = SourceLocator.Capture();
        var attribute = Recorder.Top switch
        {
            UserTypeExpr current => current.Attribute,
            AttributeExpr a => a,
            _ => null,
        };
        if (attribute is null)
        {
            WrongPlace(verb, "an attribute block (Payload, Result, StreamingPayload, StreamingResult, Type, ResultType or Attribute)", location);
            return;
        }

        if (type?.Expr is not UserTypeExpr user || user.CollectionElement is not null)
        {
            Recorder.Report(DiagnosticIds.InvalidArgument, $"{attribute.Label}: {verb} needs a type declared with Type or ResultType, got {type?.Expr.Describe() ?? "null"}", location);
            return;
        }

        attribute.Type ??= new ObjectTypeExpr();
        if (attribute.Type is not ObjectTypeExpr obj)
        {
            Recorder.Report(DiagnosticIds.NotAnObject, $"{attribute.Label}: {verb}({user.Name}) needs an object, but the type is {attribute.Type.Describe()}", location);
            return;
        }

        add(obj, user, location);
    }

    private void ElementRules(string verb, Action block, Func<TypeExpr, AttributeExpr?> part)
    {
        var location = SourceLocator.Capture();
        if (Recorder.Top is not AttributeExpr attribute)
        {
            WrongPlace(verb, "the block of an array or map attribute", location);
            return;
        }

        if (attribute.Type is null || part(attribute.Type) is not { } element)
        {
            var needs = verb == "Key" ? "a map (MapOf)" : "an array or a map (ArrayOf, MapOf)";
            Recorder.Report(
                DiagnosticIds.InvalidArgument,
                $"{attribute.Label}: {verb} applies to {needs} declared on the attribute, but the type is {attribute.Type?.Describe() ?? "String"}",
                location);
            return;
        }

        Recorder.Run(element, block, location);
    }
}
