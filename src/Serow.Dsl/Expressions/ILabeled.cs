// Licensed under the MIT license. See LICENSE in the project root.

namespace Serow.Dsl.Expressions;

/// <summary>An element of the design under construction that diagnostics can name.</summary>
internal interface ILabeled
{
    /// <summary>How diagnostics name the element, for example <c>service "s" method "m" payload</c>.</summary>
    string Label { get; }
}
