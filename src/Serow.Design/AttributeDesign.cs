// Licensed under the MIT license. See LICENSE in the project root.

namespace Serow.Design;

/// <summary>
/// A named, typed value: an object member, a payload, a result, an array element or a map key or value.
/// </summary>
public sealed record AttributeDesign
{
    /// <summary>The attribute's wire name as designed (for example <c>processed_count</c>).</summary>
    public required string Name { get; init; }

    /// <summary>The attribute's type.</summary>
    public required DataType Type { get; init; }

    /// <summary>The design's description, if any.</summary>
    public string? Description { get; init; }

    /// <summary>The validations declared on the attribute.</summary>
    public ValidationDesign Validation { get; init; } = ValidationDesign.None;

    /// <summary>The default value as a JSON literal, or null when there is none.</summary>
    public string? DefaultJson { get; init; }

    /// <summary>Examples declared with <c>Example</c>.</summary>
    public EquatableArray<ExampleDesign> Examples { get; init; }

    /// <summary>Generator hints declared with <c>Meta</c>.</summary>
    public EquatableArray<MetaEntry> Meta { get; init; }

    /// <summary>The protobuf field number given with <c>Field(n, …)</c>, or null for <c>Attribute</c>.</summary>
    public int? FieldNumber { get; init; }

    /// <summary>Where the attribute was declared.</summary>
    public required SourceLocation Location { get; init; }
}

/// <summary>An example value.</summary>
/// <param name="Summary">A short summary, if any.</param>
/// <param name="ValueJson">The example value as a JSON literal.</param>
public sealed record ExampleDesign(string? Summary, string ValueJson);

/// <summary>A generator hint: a key and its values.</summary>
/// <param name="Key">The key, for example <c>grpc:package</c>.</param>
/// <param name="Values">The values.</param>
public sealed record MetaEntry(string Key, EquatableArray<string> Values);
