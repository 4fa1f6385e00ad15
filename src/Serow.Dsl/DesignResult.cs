// Licensed under the MIT license. See LICENSE in the project root.

using Serow.Design;

namespace Serow.Dsl;

/// <summary>The outcome of running a design: the model when it is valid, and every error found.</summary>
public sealed class DesignResult
{
    internal DesignResult(DesignRoot? root, IReadOnlyList<DesignDiagnostic> diagnostics)
    {
        Root = root;
        Diagnostics = diagnostics;
    }

    /// <summary>The validated model, or null when the design has errors.</summary>
    public DesignRoot? Root { get; }

    /// <summary>Every error found in the run, ordered by file and line.</summary>
    public IReadOnlyList<DesignDiagnostic> Diagnostics { get; }

    /// <summary>Whether the design is valid.</summary>
    public bool Succeeded => Root is not null && Diagnostics.Count == 0;

    /// <summary>Returns the model, or throws a <see cref="DesignException"/> carrying every error.</summary>
    /// <returns>The validated model.</returns>
    public DesignRoot GetRootOrThrow() => Succeeded ? Root! : throw new DesignException(Diagnostics);
}
