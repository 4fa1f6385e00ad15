// Licensed under the MIT license. See LICENSE in the project root.

using Serow.Design;

namespace Serow.Dsl.Expressions;

/// <summary>The role an attribute plays, used to word messages and to check where verbs apply.</summary>
internal enum AttributeRole
{
    Member,
    Payload,
    Result,
    StreamingPayload,
    StreamingResult,
    Element,
    TypeBody,
    Branch,
}

/// <summary>A validation call recorded in declaration order; the last call of a kind wins.</summary>
internal sealed record ValidationCall(string Verb, object? Value, SourceLocation Location);

/// <summary>An example recorded with <c>Example</c>.</summary>
internal sealed record ExampleExpr(string? Summary, string ValueJson);

/// <summary>An attribute while the design is being evaluated.</summary>
internal sealed class AttributeExpr : ILabeled
{
    public required string Name { get; init; }

    public TypeExpr? Type { get; set; }

    public string? Description { get; set; }

    public int? FieldNumber { get; set; }

    public required SourceLocation Location { get; init; }

    public required string Label { get; set; }

    public AttributeRole Role { get; init; }

    public List<ValidationCall> Validations { get; } = [];

    public bool HasDefault { get; set; }

    public object? Default { get; set; }

    public string? DefaultJson { get; set; }

    public SourceLocation? DefaultLocation { get; set; }

    public List<ExampleExpr> Examples { get; } = [];

    public List<MetaEntry> Meta { get; } = [];

    /// <summary>Names given to <c>Required</c> when the attribute's type is a named type.</summary>
    public List<NameRef> RequiredOnReference { get; } = [];
}
