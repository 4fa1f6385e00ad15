// Licensed under the MIT license. See LICENSE in the project root.

namespace Serow.Runtime.Tests.Support;

/// <summary>A message used by the tests; a negative number breaks the rules.</summary>
public sealed record Item(int Number, string Text = "", string? Detail = null);
