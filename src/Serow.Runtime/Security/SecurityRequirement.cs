// Licensed under the MIT license. See LICENSE in the project root.

namespace Serow.Security;

/// <summary>
/// One <c>Security(...)</c> of a method: the caller must satisfy every scheme listed, and the credentials must grant
/// every scope listed (a scope is checked against the schemes that define scopes: JWT and OAuth2).
/// </summary>
/// <param name="Schemes">The schemes, all of which must authenticate the caller.</param>
/// <param name="Scopes">The scopes the credentials must grant.</param>
public sealed record SecurityRequirement(IReadOnlyList<SecurityScheme> Schemes, IReadOnlyList<string> Scopes);
