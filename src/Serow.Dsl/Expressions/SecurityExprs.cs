// Licensed under the MIT license. See LICENSE in the project root.

using Serow.Design;

namespace Serow.Dsl.Expressions;

/// <summary>A security scheme while the design is being evaluated.</summary>
internal sealed class SecuritySchemeExpr : ILabeled
{
    public required string Name { get; init; }

    public required SecuritySchemeKind Kind { get; init; }

    public string? Description { get; set; }

    public List<(string Name, string? Description, SourceLocation Location)> Scopes { get; } = [];

    public List<OAuth2FlowDesign> Flows { get; } = [];

    public required SourceLocation Location { get; init; }

    public string Label => $"security scheme \"{Name}\"";
}

/// <summary>One <c>Security(...)</c> while the design is being evaluated; its block lists the required scopes.</summary>
internal sealed class SecurityRequirementExpr : ILabeled
{
    public required List<string> Schemes { get; init; }

    public List<(string Name, SourceLocation Location)> Scopes { get; } = [];

    public required SourceLocation Location { get; init; }

    public required string Label { get; init; }
}

/// <summary>What an API, service or method declares about security.</summary>
internal sealed class SecurityExpr
{
    public List<SecurityRequirementExpr> Requirements { get; } = [];

    /// <summary>Where <c>NoSecurity()</c> was called, if it was.</summary>
    public SourceLocation? NoSecurity { get; set; }
}
