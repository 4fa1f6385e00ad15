// Licensed under the MIT license. See LICENSE in the project root.

namespace Serow.Design;

/// <summary>A named type declared with <c>Type</c> or <c>ResultType</c>.</summary>
public sealed record UserTypeDesign
{
    /// <summary>The type's name as designed.</summary>
    public required string Name { get; init; }

    /// <summary>The design's description, if any.</summary>
    public string? Description { get; init; }

    /// <summary>The type's shape: an object for every type built with an attribute block.</summary>
    public required DataType Type { get; init; }

    /// <summary>Whether the type was declared with <c>ResultType</c>.</summary>
    public bool IsResultType { get; init; }

    /// <summary>The media type identifier of a result type (for example <c>application/vnd.goa.log</c>).</summary>
    public string? Identifier { get; init; }

    /// <summary>The views of a result type, in declaration order. A result type without views has an implicit <c>default</c> view.</summary>
    public EquatableArray<ViewDesign> Views { get; init; }

    /// <summary>Generator hints.</summary>
    public EquatableArray<MetaEntry> Meta { get; init; }

    /// <summary>Conversions to and from the user's own C# types (<c>ConvertTo</c>, <c>CreateFrom</c>).</summary>
    public EquatableArray<TypeConversionDesign> Conversions { get; init; }

    /// <summary>Where the type was declared.</summary>
    public required SourceLocation Location { get; init; }
}

/// <summary>A named projection of a result type.</summary>
/// <param name="Name">The view's name; <c>default</c> is the view used when none is chosen.</param>
/// <param name="Attributes">The names of the attributes the view keeps.</param>
/// <param name="Location">Where the view was declared.</param>
public sealed record ViewDesign(string Name, EquatableArray<string> Attributes, SourceLocation Location);

/// <summary>A conversion between a design type and one of the user's C# types, matched property by property at design time.</summary>
/// <param name="ToExternal">True for <c>ConvertTo</c> (design type to the user's), false for <c>CreateFrom</c>.</param>
/// <param name="ExternalType">The user's type, as a C# reference with <c>global::</c>.</param>
/// <param name="ExternalName">The user's type's simple name, for the method name.</param>
/// <param name="Mappings">The attributes and the properties they map to, in design order.</param>
/// <param name="Location">Where the conversion was declared.</param>
public sealed record TypeConversionDesign(bool ToExternal, string ExternalType, string ExternalName, EquatableArray<ConversionMapping> Mappings, SourceLocation Location);

/// <summary>How one attribute maps to a property of the user's type.</summary>
/// <param name="Attribute">The design attribute.</param>
/// <param name="Property">The user's property.</param>
/// <param name="Kind">How the value is converted.</param>
/// <param name="Nested">For <see cref="ConversionKind.Nested"/>, the user's type the nested design type converts with.</param>
public sealed record ConversionMapping(string Attribute, string Property, ConversionKind Kind, string? Nested = null);

/// <summary>How a value crosses a conversion.</summary>
public enum ConversionKind
{
    /// <summary>Assigned as is.</summary>
    Direct,

    /// <summary>An optional value to a non-nullable one: its default when absent.</summary>
    ValueOrDefault,

    /// <summary>A list to an array (<c>ToArray</c>), or the reverse (<c>new List</c>).</summary>
    Collection,

    /// <summary>A nested design type converted with its own <c>ConvertTo</c> or <c>CreateFrom</c>.</summary>
    Nested,
}
