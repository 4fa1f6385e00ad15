// Licensed under the MIT license. See LICENSE in the project root.

using Serow.Design;
using Serow.Dsl.Expressions;

namespace Serow.Dsl;

/// <content>Types and attributes.</content>
public abstract partial class Design
{
    /// <summary>The boolean primitive.</summary>
    protected DslType Boolean => Primitive(PrimitiveKind.Boolean);

    /// <summary>The signed integer primitive (32 bits).</summary>
    protected DslType Int => Primitive(PrimitiveKind.Int);

    /// <summary>The signed 32-bit integer primitive.</summary>
    protected DslType Int32 => Primitive(PrimitiveKind.Int32);

    /// <summary>The signed 64-bit integer primitive.</summary>
    protected DslType Int64 => Primitive(PrimitiveKind.Int64);

    /// <summary>The unsigned integer primitive (32 bits).</summary>
    protected DslType UInt => Primitive(PrimitiveKind.UInt);

    /// <summary>The unsigned 32-bit integer primitive.</summary>
    protected DslType UInt32 => Primitive(PrimitiveKind.UInt32);

    /// <summary>The unsigned 64-bit integer primitive.</summary>
    protected DslType UInt64 => Primitive(PrimitiveKind.UInt64);

    /// <summary>The 32-bit floating point primitive.</summary>
    protected DslType Float32 => Primitive(PrimitiveKind.Float32);

    /// <summary>The 64-bit floating point primitive.</summary>
    protected DslType Float64 => Primitive(PrimitiveKind.Float64);

    /// <summary>The string primitive.</summary>
    protected DslType String => Primitive(PrimitiveKind.String);

    /// <summary>The raw bytes primitive.</summary>
    protected DslType Bytes => Primitive(PrimitiveKind.Bytes);

    /// <summary>Any JSON value; not allowed in gRPC messages.</summary>
    protected DslType Any => Primitive(PrimitiveKind.Any);

    /// <summary>Declares a named object type; the block declares its attributes and runs when the design is evaluated.</summary>
    /// <param name="name">The type's name.</param>
    /// <param name="block">Declares attributes, <c>Required</c>, <c>Description</c> and <c>Meta</c>.</param>
    /// <returns>A handle usable wherever a type is expected.</returns>
    protected DslType Type(string name, Action block) => DeclareType(name, null, isResult: false, block, "Type");

    /// <summary>Declares a result type: an object type with views.</summary>
    /// <param name="identifier">The media type identifier, for example <c>application/vnd.serow.log</c>.</param>
    /// <param name="name">The type's name.</param>
    /// <param name="block">Declares attributes and views.</param>
    /// <returns>A handle usable wherever a type is expected.</returns>
    protected DslType ResultType(string identifier, string name, Action block) => DeclareType(name, identifier, isResult: true, block, "ResultType");

    /// <summary>An array of <paramref name="elementType"/>.</summary>
    /// <param name="elementType">The element type.</param>
    /// <returns>The array type.</returns>
    protected DslType ArrayOf(DslType elementType) => ArrayOf(elementType, null!);

    /// <summary>An array of <paramref name="elementType"/>; the block declares element validations.</summary>
    /// <param name="elementType">The element type.</param>
    /// <param name="block">Runs with the element as the current attribute.</param>
    /// <returns>The array type.</returns>
    protected DslType ArrayOf(DslType elementType, Action block)
    {
        var location = SourceLocator.Capture();
        var element = new AttributeExpr
        {
            Name = "element",
            Type = elementType?.Expr ?? Primitive(PrimitiveKind.String).Expr,
            Location = location,
            Label = "array element",
            Role = AttributeRole.Element,
        };
        if (block is not null)
        {
            Recorder.Run(element, block, location);
        }

        return new DslType(new ArrayTypeExpr(element));
    }

    /// <summary>A map from <paramref name="keyType"/> to <paramref name="valueType"/>.</summary>
    /// <param name="keyType">The key type (a primitive).</param>
    /// <param name="valueType">The value type.</param>
    /// <returns>The map type.</returns>
    protected DslType MapOf(DslType keyType, DslType valueType)
    {
        var location = SourceLocator.Capture();
        if (keyType?.Expr is not PrimitiveTypeExpr)
        {
            Recorder.Report(DiagnosticIds.InvalidArgument, $"{Recorder.Where}: MapOf needs a primitive key type, got {keyType?.Expr.Describe() ?? "null"}", location);
        }

        AttributeExpr Part(string name, DslType? type) => new()
        {
            Name = name,
            Type = type?.Expr ?? Primitive(PrimitiveKind.String).Expr,
            Location = location,
            Label = "map " + name,
            Role = AttributeRole.Element,
        };
        return new DslType(new MapTypeExpr(Part("key", keyType), Part("value", valueType)));
    }

    /// <summary>A collection of a result type: a generated result type named <c>{Name}Collection</c> with the element's views.</summary>
    /// <param name="resultType">A type declared with <c>ResultType</c>.</param>
    /// <returns>The collection type.</returns>
    protected DslType CollectionOf(DslType resultType)
    {
        var location = SourceLocator.Capture();
        if (resultType?.Expr is not UserTypeExpr { IsResult: true } element)
        {
            Recorder.Report(DiagnosticIds.InvalidArgument, $"{Recorder.Where}: CollectionOf needs a type declared with ResultType, got {resultType?.Expr.Describe() ?? "null"}", location);
            return ArrayOf(resultType ?? String);
        }

        if (!Recorder.Collections.TryGetValue(element, out var collection))
        {
            var name = element.Name + "Collection";
            var body = new AttributeExpr
            {
                Name = name,
                Type = new ArrayTypeExpr(new AttributeExpr { Name = "element", Type = element, Location = location, Label = $"type \"{name}\" element", Role = AttributeRole.Element }),
                Location = location,
                Label = $"type \"{name}\"",
                Role = AttributeRole.TypeBody,
            };
            collection = new UserTypeExpr
            {
                Name = name,
                Attribute = body,
                IsResult = true,
                Identifier = element.Identifier + "; type=collection",
                Location = location,
                CollectionElement = element,
            };
            Recorder.Collections.Add(element, collection);
            Recorder.GeneratedTypes.Add(collection);
        }

        return new DslType(collection);
    }

    /// <summary>Declares a String attribute, or inside a <c>View</c>, <c>Metadata</c> or <c>Message</c> block names an attribute.</summary>
    /// <param name="name">The attribute's name.</param>
    protected void Attribute(string name) => AddAttribute(null, name, null, null, null);

    /// <summary>Declares an attribute.</summary>
    /// <param name="name">The attribute's name.</param>
    /// <param name="type">The attribute's type.</param>
    protected void Attribute(string name, DslType type) => AddAttribute(null, name, type, null, null);

    /// <summary>Declares a String attribute with a description.</summary>
    /// <param name="name">The attribute's name.</param>
    /// <param name="description">The description.</param>
    protected void Attribute(string name, string description) => AddAttribute(null, name, null, description, null);

    /// <summary>Declares an attribute with a description.</summary>
    /// <param name="name">The attribute's name.</param>
    /// <param name="type">The attribute's type.</param>
    /// <param name="description">The description.</param>
    protected void Attribute(string name, DslType type, string description) => AddAttribute(null, name, type, description, null);

    /// <summary>Declares an attribute whose block declares validations, or nested attributes (making it an object).</summary>
    /// <param name="name">The attribute's name.</param>
    /// <param name="block">Runs with the attribute as the current element.</param>
    protected void Attribute(string name, Action block) => AddAttribute(null, name, null, null, block);

    /// <summary>Declares an attribute with a type and a block.</summary>
    /// <param name="name">The attribute's name.</param>
    /// <param name="type">The attribute's type.</param>
    /// <param name="block">Runs with the attribute as the current element.</param>
    protected void Attribute(string name, DslType type, Action block) => AddAttribute(null, name, type, null, block);

    /// <summary>Declares an attribute with a description and a block.</summary>
    /// <param name="name">The attribute's name.</param>
    /// <param name="description">The description.</param>
    /// <param name="block">Runs with the attribute as the current element.</param>
    protected void Attribute(string name, string description, Action block) => AddAttribute(null, name, null, description, block);

    /// <summary>Declares an attribute with a type, a description and a block.</summary>
    /// <param name="name">The attribute's name.</param>
    /// <param name="type">The attribute's type.</param>
    /// <param name="description">The description.</param>
    /// <param name="block">Runs with the attribute as the current element.</param>
    protected void Attribute(string name, DslType type, string description, Action block) => AddAttribute(null, name, type, description, block);

    /// <summary>Declares a String attribute with a protobuf field number.</summary>
    /// <param name="tag">The field number.</param>
    /// <param name="name">The attribute's name.</param>
    protected void Field(int tag, string name) => AddAttribute(tag, name, null, null, null);

    /// <summary>Declares an attribute with a protobuf field number.</summary>
    /// <param name="tag">The field number.</param>
    /// <param name="name">The attribute's name.</param>
    /// <param name="type">The attribute's type.</param>
    protected void Field(int tag, string name, DslType type) => AddAttribute(tag, name, type, null, null);

    /// <summary>Declares a String attribute with a field number and a description.</summary>
    /// <param name="tag">The field number.</param>
    /// <param name="name">The attribute's name.</param>
    /// <param name="description">The description.</param>
    protected void Field(int tag, string name, string description) => AddAttribute(tag, name, null, description, null);

    /// <summary>Declares an attribute with a field number and a description.</summary>
    /// <param name="tag">The field number.</param>
    /// <param name="name">The attribute's name.</param>
    /// <param name="type">The attribute's type.</param>
    /// <param name="description">The description.</param>
    protected void Field(int tag, string name, DslType type, string description) => AddAttribute(tag, name, type, description, null);

    /// <summary>Declares an attribute with a field number and a block.</summary>
    /// <param name="tag">The field number.</param>
    /// <param name="name">The attribute's name.</param>
    /// <param name="block">Runs with the attribute as the current element.</param>
    protected void Field(int tag, string name, Action block) => AddAttribute(tag, name, null, null, block);

    /// <summary>Declares an attribute with a field number, a type and a block.</summary>
    /// <param name="tag">The field number.</param>
    /// <param name="name">The attribute's name.</param>
    /// <param name="type">The attribute's type.</param>
    /// <param name="block">Runs with the attribute as the current element.</param>
    protected void Field(int tag, string name, DslType type, Action block) => AddAttribute(tag, name, type, null, block);

    /// <summary>Declares an attribute with a field number, a description and a block.</summary>
    /// <param name="tag">The field number.</param>
    /// <param name="name">The attribute's name.</param>
    /// <param name="description">The description.</param>
    /// <param name="block">Runs with the attribute as the current element.</param>
    protected void Field(int tag, string name, string description, Action block) => AddAttribute(tag, name, null, description, block);

    /// <summary>Declares an attribute with a field number, a type, a description and a block.</summary>
    /// <param name="tag">The field number.</param>
    /// <param name="name">The attribute's name.</param>
    /// <param name="type">The attribute's type.</param>
    /// <param name="description">The description.</param>
    /// <param name="block">Runs with the attribute as the current element.</param>
    protected void Field(int tag, string name, DslType type, string description, Action block) => AddAttribute(tag, name, type, description, block);

    /// <summary>Marks attributes of the current object as required.</summary>
    /// <param name="names">The attribute names.</param>
    protected void Required(params string[] names)
    {
        var location = SourceLocator.Capture();
        var attribute = Recorder.Top switch
        {
            UserTypeExpr type => type.Attribute,
            AttributeExpr a => a,
            _ => null,
        };
        if (attribute is null)
        {
            WrongPlace("Required", "an attribute block (Payload, Result, StreamingPayload, StreamingResult, Type, ResultType or Attribute)", location);
            return;
        }

        var refs = names.Select(n => new NameRef(n, location));
        switch (attribute.Type)
        {
            case null:
                var created = new ObjectTypeExpr();
                created.Required.AddRange(refs);
                attribute.Type = created;
                break;
            case ObjectTypeExpr obj:
                obj.Required.AddRange(refs);
                break;
            case UserTypeExpr:
                attribute.RequiredOnReference.AddRange(refs);
                break;
            default:
                Recorder.Report(
                    DiagnosticIds.NotAnObject,
                    $"{attribute.Label}: Required needs an object, but the type is {attribute.Type.Describe()}",
                    location);
                break;
        }
    }

    /// <summary>
    /// Inside <c>ResultType</c>, declares a view that keeps every attribute; inside <c>Result</c> or
    /// <c>StreamingResult</c>, pins the view the method returns.
    /// </summary>
    /// <param name="name">The view's name.</param>
    protected void View(string name) => DeclareView(name, null);

    /// <summary>Declares a view of the current result type; the block lists <c>Attribute("name")</c> references.</summary>
    /// <param name="name">The view's name.</param>
    /// <param name="block">Lists the attributes the view keeps.</param>
    protected void View(string name, Action block) => DeclareView(name, block);

    private static DslType Primitive(PrimitiveKind kind) => new(new PrimitiveTypeExpr(kind));

    private DslType DeclareType(string name, string? identifier, bool isResult, Action block, string verb)
    {
        var location = SourceLocator.Capture();
        var body = new AttributeExpr
        {
            Name = name,
            Type = new ObjectTypeExpr(),
            Location = location,
            Label = $"type \"{name}\"",
            Role = AttributeRole.TypeBody,
        };
        var type = new UserTypeExpr
        {
            Name = name,
            Attribute = body,
            IsResult = isResult,
            Identifier = identifier,
            Location = location,
            Block = block,
        };
        if (AtTopLevel(verb, location))
        {
            CheckIdentifier("type", name, location);
            Recorder.Types.Add(type);
        }

        return new DslType(type);
    }

    private void AddAttribute(int? tag, string name, DslType? type, string? description, Action? block)
    {
        var location = SourceLocator.Capture();
        var verb = tag is null ? "Attribute" : "Field";
        switch (Recorder.Top)
        {
            case ViewExpr view:
                view.Attributes.Add(new NameRef(name, location));
                return;
            case NameListExpr list:
                list.Names.Add(new NameRef(name, location));
                return;
        }

        if (AttributeParent(verb, location) is not { } parent || AddBranch(parent, tag, name, type, description, block, location))
        {
            return;
        }

        AddMember(parent, verb, tag, name, type?.Expr, description, block, location, hint: null);
    }

    /// <summary>The attribute whose block is running (a type's body for a Type block); reports and returns null elsewhere.</summary>
    private AttributeExpr? AttributeParent(string verb, SourceLocation location)
    {
        var parent = Recorder.Top switch
        {
            UserTypeExpr user => user.Attribute,
            AttributeExpr a => a,
            _ => null,
        };
        if (parent is null)
        {
            WrongPlace(verb, "an attribute block (Payload, Result, StreamingPayload, StreamingResult, Type, ResultType or Attribute)", location);
        }

        return parent;
    }

    /// <summary>Adds an attribute to the object <paramref name="parent"/> is (made one when it has no type yet).</summary>
    private void AddMember(AttributeExpr parent, string verb, int? tag, string name, TypeExpr? type, string? description, Action? block, SourceLocation location, string? hint)
    {
        parent.Type ??= new ObjectTypeExpr();
        if (parent.Type is not ObjectTypeExpr obj)
        {
            Recorder.Report(
                DiagnosticIds.NotAnObject,
                $"{parent.Label}: {verb} \"{name}\" needs an object, but the type is {parent.Type.Describe()}{hint}",
                location);
            return;
        }

        CheckIdentifier("attribute", name, location);
        var attribute = new AttributeExpr
        {
            Name = name,
            Type = type,
            Description = description,
            FieldNumber = tag,
            Location = location,
            Label = $"{parent.Label} attribute \"{name}\"",
            Role = AttributeRole.Member,
        };
        obj.Attributes.Add(attribute);
        if (block is not null)
        {
            Recorder.Run(attribute, block, location);
        }
    }

    private void DeclareView(string name, Action? block)
    {
        var location = SourceLocator.Capture();
        switch (Recorder.Top)
        {
            case UserTypeExpr type:
                if (!type.IsResult)
                {
                    Recorder.Report(
                        DiagnosticIds.ViewOnNonResultType,
                        $"{type.Label}: View \"{name}\" can only be declared in a ResultType; declare the type with ResultType(identifier, name, block)",
                        location);
                    return;
                }

                CheckIdentifier("view", name, location);
                var view = new ViewExpr { Name = name, Location = location, Label = $"{type.Label} view \"{name}\"", AllAttributes = block is null };
                type.Views.Add(view);
                if (block is not null)
                {
                    Recorder.Run(view, block, location);
                }

                break;
            case AttributeExpr { Role: AttributeRole.Result or AttributeRole.StreamingResult } result when block is null:
                var method = FindMethod(result);
                if (method is not null)
                {
                    method.ResultView = new NameRef(name, location);
                    method.ResultViewOwner = result;
                }

                break;
            default:
                WrongPlace("View", "a ResultType block (to declare a view) or a Result or StreamingResult block (to pin one, without a block)", location);
                break;
        }
    }

    private MethodExpr? FindMethod(AttributeExpr result) =>
        Recorder.Services.SelectMany(s => s.Methods).LastOrDefault(m => m.Result == result || m.StreamingResult == result);
}
