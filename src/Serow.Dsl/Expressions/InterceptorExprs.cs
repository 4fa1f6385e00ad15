// Licensed under the MIT license. See LICENSE in the project root.

using Serow.Design;

namespace Serow.Dsl.Expressions;

/// <summary>An interceptor while the design is being evaluated.</summary>
internal sealed class InterceptorExpr : ILabeled
{
    public required string Name { get; init; }

    public string? Description { get; set; }

    public List<(InterceptorAccessKind Kind, List<NameRef> Attributes, SourceLocation Location)> Access { get; } = [];

    public required SourceLocation Location { get; init; }

    public string Label => $"interceptor \"{Name}\"";
}

/// <summary>The interceptors an API, service or method applies.</summary>
internal sealed class InterceptorUseExpr
{
    public List<NameRef> Server { get; } = [];

    public List<NameRef> Client { get; } = [];
}
