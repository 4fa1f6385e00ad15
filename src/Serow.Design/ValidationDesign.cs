// Licensed under the MIT license. See LICENSE in the project root.

namespace Serow.Design;

/// <summary>The validations declared on one attribute. Required-ness lives on the enclosing <see cref="ObjectType"/>.</summary>
public sealed record ValidationDesign
{
    /// <summary>No validation.</summary>
    public static ValidationDesign None { get; } = new();

    /// <summary>The allowed values as JSON literals; empty when the attribute has no <c>Enum</c>.</summary>
    public EquatableArray<string> EnumJson { get; init; }

    /// <summary>A regular expression strings must match.</summary>
    public string? Pattern { get; init; }

    /// <summary>A format strings must follow (<c>date-time</c>, <c>uuid</c>, …), as the DSL constant names it.</summary>
    public string? Format { get; init; }

    /// <summary>The minimum length of a string (in characters) or collection.</summary>
    public int? MinLength { get; init; }

    /// <summary>The maximum length of a string (in characters) or collection.</summary>
    public int? MaxLength { get; init; }

    /// <summary>The inclusive minimum of a number.</summary>
    public double? Minimum { get; init; }

    /// <summary>The inclusive maximum of a number.</summary>
    public double? Maximum { get; init; }

    /// <summary>The exclusive minimum of a number.</summary>
    public double? ExclusiveMinimum { get; init; }

    /// <summary>The exclusive maximum of a number.</summary>
    public double? ExclusiveMaximum { get; init; }

    /// <summary>Whether any validation is declared.</summary>
    public bool IsEmpty => this == None;
}
