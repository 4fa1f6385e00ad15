// Licensed under the MIT license. See LICENSE in the project root.

namespace Serow.Security;

/// <summary>A security scheme of the design, as generated code describes it to the runtime.</summary>
/// <param name="Name">The scheme's designed name (also the default ASP.NET Core authentication scheme it maps to).</param>
/// <param name="Kind">How it carries credentials.</param>
public sealed record SecurityScheme(string Name, SecuritySchemeKind Kind)
{
    /// <summary>Whether the credentials travel as a bearer token in the <c>Authorization</c> header.</summary>
    public bool IsBearer => Kind is SecuritySchemeKind.Jwt or SecuritySchemeKind.OAuth2;
}
