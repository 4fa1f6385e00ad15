// Licensed under the MIT license. See LICENSE in the project root.

namespace Serow.Design;

/// <summary>Thrown when a design has errors; carries every error found in one run.</summary>
public sealed class DesignException : Exception
{
    /// <summary>Creates the exception from the errors of one design run.</summary>
    public DesignException(IReadOnlyList<DesignDiagnostic> diagnostics)
        : base(Format(diagnostics)) => Diagnostics = diagnostics;

    /// <summary>Every error found, in design order.</summary>
    public IReadOnlyList<DesignDiagnostic> Diagnostics { get; }

    private static string Format(IReadOnlyList<DesignDiagnostic> diagnostics) =>
        $"The design has {diagnostics.Count} error(s):" + Environment.NewLine +
        string.Join(Environment.NewLine, diagnostics);
}
