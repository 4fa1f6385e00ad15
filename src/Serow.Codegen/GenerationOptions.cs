// Licensed under the MIT license. See LICENSE in the project root.

namespace Serow.Codegen;

/// <summary>Settings of one generator run.</summary>
public sealed record GenerationOptions
{
    /// <summary>The root namespace of the generated code; the API name in PascalCase when null.</summary>
    public string? RootNamespace { get; init; }

    /// <summary>The version printed in headers and <c>GeneratedCode</c> attributes.</summary>
    public string ToolVersion { get; init; } = typeof(GenerationOptions).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    /// <summary>A label for the design, printed in file headers (for example the design project's name).</summary>
    public string? DesignName { get; init; }

    /// <summary>How the generated <c>.proto</c> marks optional fields; proto3 <c>optional</c> by default.</summary>
    public ProtoPresence ProtoPresence { get; init; } = ProtoPresence.Optional;

    /// <summary>The version of the generated OpenAPI document; 3.2 by default.</summary>
    public OpenApiVersion OpenApiVersion { get; init; } = OpenApiVersion.OpenApi3_2;
}
