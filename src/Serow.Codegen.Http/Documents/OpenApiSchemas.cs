// Licensed under the MIT license. See LICENSE in the project root.

using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;

namespace Serow.Codegen.Http.Documents;

/// <summary>Turns the neutral <see cref="DocSchema"/> into Microsoft.OpenApi schema objects (OpenAPI 3.1 keywords).</summary>
internal static class OpenApiSchemas
{
    public static IOpenApiSchema Convert(DocSchema schema, OpenApiDocument document)
    {
        if (schema.Ref is { } component)
        {
            var reference = new OpenApiSchemaReference(component, document, null);
            if (schema.Description is not null)
            {
                reference.Description = schema.Description;
            }

            if (schema.DefaultJson is not null)
            {
                reference.Default = Node(schema.DefaultJson);
            }

            if (schema.ExamplesJson is { } referenceExamples)
            {
                reference.Examples = Nodes(referenceExamples);
            }

            return reference;
        }

        return new OpenApiSchema
        {
            Type = Type(schema.Type),
            Format = schema.Format,
            Description = schema.Description,
            Pattern = schema.Pattern,
            ContentEncoding = schema.ContentEncoding,
            Properties = schema.Properties?.ToDictionary(p => p.Key, p => Convert(p.Value, document), StringComparer.Ordinal),
            Required = schema.Required is { } required ? new HashSet<string>(required, StringComparer.Ordinal) : null,
            Items = schema.Items is { } items ? Convert(items, document) : null,
            AdditionalProperties = schema.AdditionalProperties is { } mapValues ? Convert(mapValues, document) : null,
            PropertyNames = schema.PropertyNames is { } keys ? Convert(keys, document) : null,
            AnyOf = schema.AnyOf?.Select(s => Convert(s, document)).ToList(),
            OneOf = schema.OneOf?.Select(s => Convert(s, document)).ToList(),
            Discriminator = schema.Discriminator is { } property ? new OpenApiDiscriminator
            {
                PropertyName = property,
                Mapping = schema.DiscriminatorMapping?.ToDictionary(m => m.Key, m => new OpenApiSchemaReference(m.Value, document, null), StringComparer.Ordinal),
            }
            : null,
            Enum = schema.EnumJson is { } values ? Nodes(values) : null,
            Default = schema.DefaultJson is { } defaultJson ? Node(defaultJson) : null,
            Examples = schema.ExamplesJson is { } examples ? Nodes(examples) : null,
            MinLength = schema.MinLength,
            MaxLength = schema.MaxLength,
            MinItems = schema.MinItems,
            MaxItems = schema.MaxItems,
            MinProperties = schema.MinProperties,
            MaxProperties = schema.MaxProperties,
            Minimum = Number(schema.Minimum),
            Maximum = Number(schema.Maximum),
            ExclusiveMinimum = Number(schema.ExclusiveMinimum),
            ExclusiveMaximum = Number(schema.ExclusiveMaximum),
        };
    }

    /// <summary>
    /// A schema as the OpenAPI 3.1 document writes it (JSON Schema 2020-12 keywords; references into
    /// <c>#/components/schemas</c>): the one JSON Schema writer of both documents.
    /// </summary>
    public static string ToJson(DocSchema schema)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        Convert(schema, new OpenApiDocument()).SerializeAsV31(new OpenApiJsonWriter(text));
        return text.ToString();
    }

    private static JsonSchemaType? Type(string? type) => type switch
    {
        null => null,
        "object" => JsonSchemaType.Object,
        "array" => JsonSchemaType.Array,
        "string" => JsonSchemaType.String,
        "integer" => JsonSchemaType.Integer,
        "number" => JsonSchemaType.Number,
        "boolean" => JsonSchemaType.Boolean,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown JSON type."),
    };

    /// <summary>Microsoft.OpenApi keeps numeric keywords as invariant strings and writes them as JSON numbers.</summary>
    private static string? Number(double? value) => value?.ToString("R", CultureInfo.InvariantCulture);

    private static JsonNode? Node(string json) => JsonNode.Parse(json);

    /// <summary>JSON literals as nodes; a JSON <c>null</c> has no node and is left out.</summary>
    private static List<JsonNode> Nodes(IEnumerable<string> json) => json.Select(j => JsonNode.Parse(j)).OfType<JsonNode>().ToList();
}
