// Licensed under the MIT license. See LICENSE in the project root.

namespace Serow.Security;

/// <summary>
/// The call carried no valid credentials for any of its method's security requirements, or they expired while the
/// call was open. Every transport carries it (REST and Server-Sent Events: 401 with the error body; WebSocket: 401
/// before the upgrade, or an error frame when credentials expire mid-stream; gRPC: <c>UNAUTHENTICATED</c>) and every
/// generated client rethrows this type.
/// </summary>
public sealed class UnauthenticatedError : ServiceError
{
    /// <summary>The error's name on every transport.</summary>
    public const string ErrorName = "unauthenticated";

    /// <summary>Creates the error.</summary>
    /// <param name="message">What was missing or wrong, never the credentials themselves.</param>
    public UnauthenticatedError(string message)
        : base(ErrorName, message)
    {
    }

    /// <summary>Rebuilds the error a transport received: the typed error for its name, or null for other names.</summary>
    /// <param name="name">The received error name.</param>
    /// <param name="message">The received message.</param>
    public static UnauthenticatedError? TryCreate(string name, string message) =>
        name == ErrorName ? new UnauthenticatedError(message) : null;
}
