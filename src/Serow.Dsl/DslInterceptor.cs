// Licensed under the MIT license. See LICENSE in the project root.

namespace Serow.Dsl;

/// <summary>An interceptor declared with <c>Interceptor</c>; pass it to <c>ServerInterceptor</c> or <c>ClientInterceptor</c>.</summary>
public sealed class DslInterceptor
{
    internal DslInterceptor(string name) => Name = name;

    /// <summary>The interceptor's name.</summary>
    public string Name { get; }

    /// <inheritdoc/>
    public override string ToString() => Name;
}
