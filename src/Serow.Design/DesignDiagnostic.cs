// Licensed under the MIT license. See LICENSE in the project root.

namespace Serow.Design;

/// <summary>
/// A design error: a stable <see cref="Id"/>, a message naming the service, method and attribute, and the
/// location of the DSL call that caused it.
/// </summary>
/// <param name="Id">The stable identifier, for example <c>SEROW012</c>; listed in docs/design-errors.md.</param>
/// <param name="Message">The full message, naming the element the error is about.</param>
/// <param name="Location">The design file and line.</param>
public sealed record DesignDiagnostic(string Id, string Message, SourceLocation Location)
{
    /// <summary>Formats the error as compilers do: <c>file:line: error ID: message</c>.</summary>
    public override string ToString() => $"{Location}: error {Id}: {Message}";
}
