// Licensed under the MIT license. See LICENSE in the project root.

namespace Serow.Security;

/// <summary>
/// Authenticates and authorizes a call to a secured method from the credentials its client attached (the headers
/// <see cref="CallCredentials"/> wrote). The gRPC and HTTP servers register one that runs ASP.NET Core authentication
/// (resolve <see cref="ICallAuthorizer"/> from the application's services to use the same checks in-process);
/// <see cref="CallAuthorizers.Trust"/> makes one for tests that trusts a given user.
/// </summary>
public interface ICallAuthorizer
{
    /// <summary>Checks the credentials against the method's requirements.</summary>
    /// <param name="security">What the method requires.</param>
    /// <param name="credentials">The credential headers, by name (for example <c>Authorization</c>, <c>X-API-Key</c>).</param>
    /// <param name="cancellationToken">Cancels the check.</param>
    /// <returns>The caller and the expiry of its credentials.</returns>
    /// <exception cref="UnauthenticatedError">No requirement's schemes all accepted the credentials.</exception>
    /// <exception cref="PermissionDeniedError">The credentials were accepted but lack the required scopes.</exception>
    ValueTask<CallAuthorization> AuthorizeAsync(MethodSecurity security, IReadOnlyDictionary<string, string> credentials, CancellationToken cancellationToken);
}
