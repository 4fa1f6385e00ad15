// Licensed under the MIT license. See LICENSE in the project root.

namespace Serow.Codegen.Http.Documents;

/// <summary>
/// A JSON Schema, neutral between the two documents: <see cref="SchemaMapper"/> builds it from the design once, then
/// the OpenAPI builder turns it into Microsoft.OpenApi objects and the AsyncAPI writer into JSON.
/// </summary>
internal sealed record DocSchema
{
    /// <summary>The empty schema: any JSON value.</summary>
    public static DocSchema Any { get; } = new();

    /// <summary>The name of the component this schema refers to, or null for an inline schema.</summary>
    public string? Ref { get; init; }

    /// <summary>The JSON type: <c>object</c>, <c>array</c>, <c>string</c>, <c>integer</c>, <c>number</c> or <c>boolean</c>.</summary>
    public string? Type { get; init; }

    public string? Format { get; init; }

    public string? Description { get; init; }

    public string? Pattern { get; init; }

    /// <summary>How a string carries binary content (<c>base64</c> for <c>Bytes</c>).</summary>
    public string? ContentEncoding { get; init; }

    /// <summary>The properties of an object, in design order.</summary>
    public IReadOnlyList<KeyValuePair<string, DocSchema>>? Properties { get; init; }

    /// <summary>The required properties, in design order.</summary>
    public IReadOnlyList<string>? Required { get; init; }

    public DocSchema? Items { get; init; }

    /// <summary>The schema of a map's keys, when the design gives them rules (<c>Key</c>).</summary>
    public DocSchema? PropertyNames { get; init; }

    /// <summary>The schema of a map's values.</summary>
    public DocSchema? AdditionalProperties { get; init; }

    /// <summary>Alternatives, any of which a value may match (several views of a result, several error bodies).</summary>
    public IReadOnlyList<DocSchema>? AnyOf { get; init; }

    /// <summary>Alternatives, exactly one of which a value matches (the branches of a union).</summary>
    public IReadOnlyList<DocSchema>? OneOf { get; init; }

    /// <summary>The property that names the alternative of a <see cref="OneOf"/> (a union's tag).</summary>
    public string? Discriminator { get; init; }

    /// <summary>The discriminator's values and the component each selects, in design order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>>? DiscriminatorMapping { get; init; }

    /// <summary>The allowed values as JSON literals.</summary>
    public IReadOnlyList<string>? EnumJson { get; init; }

    /// <summary>The default value as a JSON literal.</summary>
    public string? DefaultJson { get; init; }

    /// <summary>Example values as JSON literals.</summary>
    public IReadOnlyList<string>? ExamplesJson { get; init; }

    public int? MinLength { get; init; }

    public int? MaxLength { get; init; }

    public int? MinItems { get; init; }

    public int? MaxItems { get; init; }

    public int? MinProperties { get; init; }

    public int? MaxProperties { get; init; }

    public double? Minimum { get; init; }

    public double? Maximum { get; init; }

    public double? ExclusiveMinimum { get; init; }

    public double? ExclusiveMaximum { get; init; }
}

/// <summary>A named schema of the document's components.</summary>
/// <param name="Name">The component's name.</param>
/// <param name="Schema">The schema.</param>
internal sealed record SchemaComponent(string Name, DocSchema Schema);
