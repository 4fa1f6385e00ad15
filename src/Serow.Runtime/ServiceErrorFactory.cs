// Licensed under the MIT license. See LICENSE in the project root.

using System.Runtime.CompilerServices;
using Serow.Validation;

namespace Serow;

/// <summary>Creates the typed exception of a designed error from its name, message and flags (a generated <c>&lt;Service&gt;Errors.Create</c>).</summary>
/// <param name="name">The error's name.</param>
/// <param name="message">The error's message.</param>
/// <param name="temporary">The temporary flag.</param>
/// <param name="timeout">The timeout flag.</param>
/// <param name="fault">The fault flag.</param>
public delegate ServiceError ServiceErrorFactory(string name, string message, bool temporary, bool timeout, bool fault);

/// <summary>Rebuilds on the client the error a server sent, the same way for every transport.</summary>
public static class ServiceErrors
{
    /// <summary>
    /// The typed exception of a received error: <see cref="ValidationException"/> with its violations for
    /// <c>invalid_message</c>, <see cref="ServerStoppingError"/> for <c>server_stopping</c>, <see cref="Security.UnauthenticatedError"/> and
    /// <see cref="Security.PermissionDeniedError"/> for <c>unauthenticated</c> and <c>permission_denied</c>, otherwise what
    /// <paramref name="factory"/> creates (a plain <see cref="ServiceError"/> without one); the server's id is kept.
    /// </summary>
    /// <param name="name">The error's name.</param>
    /// <param name="message">The error's message.</param>
    /// <param name="temporary">The temporary flag.</param>
    /// <param name="timeout">The timeout flag.</param>
    /// <param name="fault">The fault flag.</param>
    /// <param name="id">The id the server gave the occurrence, or null.</param>
    /// <param name="violations">The violations of a validation error.</param>
    /// <param name="factory">The generated error factory of the service, or null.</param>
    /// <returns>The exception to throw to the caller.</returns>
    public static ServiceError Rebuild(
        string name, string message, bool temporary, bool timeout, bool fault, string? id, IReadOnlyList<ValidationError>? violations, ServiceErrorFactory? factory)
    {
        ArgumentNullException.ThrowIfNull(name);
        message ??= string.Empty;
        var error = name == ValidationException.ErrorName
            ? new ValidationException(violations ?? [])
            : ServerStoppingError.TryCreate(name, message)
                ?? (ServiceError?)Security.UnauthenticatedError.TryCreate(name, message)
                ?? Security.PermissionDeniedError.TryCreate(name, message)
                ?? Topics.ResumeExpiredError.TryCreate(name, message)
                ?? factory?.Invoke(name, message, temporary, timeout, fault)
                ?? new ServiceError(name, message, temporary, timeout, fault);
        if (id is { Length: > 0 })
        {
            SetId(error, id);
        }

        return error;
    }

    // ServiceError.Id is init-only so that user code cannot change it; the transport restores the id it received.
    [UnsafeAccessor(UnsafeAccessorKind.Method, Name = "set_Id")]
    private static extern void SetId(ServiceError error, string id);
}
