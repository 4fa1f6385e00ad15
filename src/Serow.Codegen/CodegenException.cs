// Licensed under the MIT license. See LICENSE in the project root.

using Serow.Design;

namespace Serow.Codegen;

/// <summary>Thrown when a valid design still cannot be generated (for example two types mapping to one C# name).</summary>
public sealed class CodegenException : Exception
{
    /// <summary>Creates the exception.</summary>
    public CodegenException(IReadOnlyList<DesignDiagnostic> diagnostics)
        : base(string.Join(Environment.NewLine, diagnostics)) => Diagnostics = diagnostics;

    /// <summary>The problems found.</summary>
    public IReadOnlyList<DesignDiagnostic> Diagnostics { get; }
}
