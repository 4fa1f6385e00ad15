// Licensed under the MIT license. See LICENSE in the project root.

namespace Serow.Design;

/// <summary>The design file, line and column of the DSL call that declared an element.</summary>
/// <param name="File">The path of the design source file, as the compiler recorded it.</param>
/// <param name="Line">The 1-based line number, or 0 when unknown.</param>
/// <param name="Column">The 1-based column where the call's statement starts, or 0 when unknown.</param>
public sealed record SourceLocation(string File, int Line, int Column = 0)
{
    /// <summary>A location used when the design's call site cannot be found (for example without a PDB).</summary>
    public static SourceLocation Unknown { get; } = new("<unknown>", 0);

    /// <summary>Formats the location as <c>file:line</c>.</summary>
    public override string ToString() => $"{File}:{Line}";
}
