// Licensed under the MIT license. See LICENSE in the project root.

using Grpc.Core;

namespace Serow.Grpc;

/// <summary>What every gRPC method descriptor carries: the method's names and its designed error codes.</summary>
public abstract class GrpcMethodBase
{
    private static readonly IReadOnlyDictionary<string, StatusCode> NoCodes = new Dictionary<string, StatusCode>();

    // Made once: every call names its method.
    private string? _displayName;

    /// <summary>The service's designed name.</summary>
    public required string Service { get; init; }

    /// <summary>The method's designed name.</summary>
    public required string Method { get; init; }

    /// <summary>The status codes the design maps error names to (the method's, then the service's).</summary>
    public IReadOnlyDictionary<string, StatusCode> ErrorCodes { get; init; } = NoCodes;

    /// <summary>Rebuilds designed errors on the client (the generated <c>&lt;Service&gt;Errors.Create</c>).</summary>
    public ServiceErrorFactory? Errors { get; init; }

    /// <summary>
    /// What the method requires of its callers, or null when it requires nothing: the server authorizes each call before
    /// reading its payload, the client attaches its credentials as metadata.
    /// </summary>
    public Security.MethodSecurity? Security { get; init; }

    /// <summary><c>service.method</c>, for messages and logs.</summary>
    public string DisplayName => _displayName ??= Service + "." + Method;
}
