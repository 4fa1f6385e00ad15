// Licensed under the MIT license. See LICENSE in the project root.

namespace Serow.Validation;

/// <summary>A message broke one or more designed validation rules. Lists every violation, not only the first.</summary>
public sealed class ValidationException : ServiceError
{
    /// <summary>The name carried over transports for validation failures.</summary>
    public const string ErrorName = "invalid_message";

    /// <summary>Creates the exception from the violations found.</summary>
    public ValidationException(IReadOnlyList<ValidationError> errors)
        : base(ErrorName, Describe(errors)) => Errors = errors;

    /// <summary>Every violation found.</summary>
    public IReadOnlyList<ValidationError> Errors { get; }

    private static string Describe(IReadOnlyList<ValidationError> errors) => errors.Count switch
    {
        0 => "The message is invalid.",
        1 => errors[0].Message,
        _ => $"{errors.Count} validation errors: " + string.Join("; ", errors.Select(e => e.Message)),
    };
}
