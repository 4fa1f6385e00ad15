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

    /// <summary>Where the type was declared.</summary>
    public required SourceLocation Location { get; init; }
}

/// <summary>A named projection of a result type.</summary>
/// <param name="Name">The view's name; <c>default</c> is the view used when none is chosen.</param>
/// <param name="Attributes">The names of the attributes the view keeps.</param>
/// <param name="Location">Where the view was declared.</param>
public sealed record ViewDesign(string Name, EquatableArray<string> Attributes, SourceLocation Location);
