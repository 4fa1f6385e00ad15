// Licensed under the MIT license. See LICENSE in the project root.

namespace Serow.Security;

/// <summary>
/// The caller was authenticated but its credentials do not grant what the method requires (a missing scope, or a
/// policy of the application's that refused). REST and Server-Sent Events answer 403 with the error body, a WebSocket
/// upgrade is refused with 403, gRPC ends with <c>PERMISSION_DENIED</c>; every generated client rethrows this type.
/// </summary>
public sealed class PermissionDeniedError : ServiceError
{
    /// <summary>The error's name on every transport.</summary>
    public const string ErrorName = "permission_denied";

    /// <summary>Creates the error.</summary>
    /// <param name="message">What was missing, for example the scopes.</param>
    public PermissionDeniedError(string message)
        : base(ErrorName, message)
    {
    }

    /// <summary>Rebuilds the error a transport received: the typed error for its name, or null for other names.</summary>
    /// <param name="name">The received error name.</param>
    /// <param name="message">The received message.</param>
    public static PermissionDeniedError? TryCreate(string name, string message) =>
        name == ErrorName ? new PermissionDeniedError(message) : null;
}
