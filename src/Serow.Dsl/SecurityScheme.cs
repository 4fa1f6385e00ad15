// Licensed under the MIT license. See LICENSE in the project root.

namespace Serow.Dsl;

/// <summary>
/// A security scheme declared with <c>JWTSecurity</c>, <c>APIKeySecurity</c>, <c>BasicAuthSecurity</c> or
/// <c>OAuth2Security</c>; pass it to <c>Security</c> to require it.
/// </summary>
public sealed class SecurityScheme
{
    internal SecurityScheme(string name) => Name = name;

    /// <summary>The scheme's name.</summary>
    public string Name { get; }

    /// <inheritdoc/>
    public override string ToString() => Name;
}
