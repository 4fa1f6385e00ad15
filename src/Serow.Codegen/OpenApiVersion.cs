// Licensed under the MIT license. See LICENSE in the project root.

namespace Serow.Codegen;

/// <summary>The version of the OpenAPI document <c>serow gen</c> writes.</summary>
public enum OpenApiVersion
{
    /// <summary>
    /// OpenAPI 3.2 (the default): streamed responses (Server-Sent Events, NDJSON) describe each item with <c>itemSchema</c>.
    /// </summary>
    OpenApi3_2,

    /// <summary>OpenAPI 3.1, for tools that do not read 3.2 yet: a streamed response's <c>schema</c> is that of one item.</summary>
    OpenApi3_1,
}
