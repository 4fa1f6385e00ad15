// Licensed under the MIT license. See LICENSE in the project root.

namespace Serow.Validation;

/// <summary>A generated type that checks its designed validation rules.</summary>
public interface IValidatable
{
    /// <summary>Adds every violation of this value (and of the values it holds) to <paramref name="report"/>.</summary>
    /// <param name="report">Collects the violations.</param>
    /// <param name="path">The path of this value in the enclosing message; empty at the top.</param>
    void Validate(ValidationReport report, string path);
}
