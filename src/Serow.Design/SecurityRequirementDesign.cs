// Licensed under the MIT license. See LICENSE in the project root.

namespace Serow.Design;

/// <summary>
/// One <c>Security(...)</c> of an API, service or method: the caller must satisfy every scheme named here, with the
/// scopes listed. When an element lists several requirements, satisfying any one of them is enough.
/// </summary>
public sealed record SecurityRequirementDesign
{
    /// <summary>The names of the schemes, all of which must be satisfied.</summary>
    public required EquatableArray<string> Schemes { get; init; }

    /// <summary>The scopes the credentials must grant.</summary>
    public EquatableArray<string> Scopes { get; init; }

    /// <summary>Where the requirement was declared.</summary>
    public required SourceLocation Location { get; init; }
}
