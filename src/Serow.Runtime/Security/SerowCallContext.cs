// Licensed under the MIT license. See LICENSE in the project root.

using System.Security.Claims;

namespace Serow.Security;

/// <summary>
/// The secured call a service method is running in: who called (<see cref="User"/>) and until when the credentials hold.
/// Available through <see cref="Current"/> while a handler of a method with designed security runs, on every transport
/// (it flows across awaits), and null in methods that require nothing.
/// </summary>
public sealed class SerowCallContext
{
    private static readonly AsyncLocal<SerowCallContext?> Ambient = new();

    private SerowCallContext(MethodSecurity security, string transport)
    {
        Security = security;
        Transport = transport;
    }

    /// <summary>The secured call the current handler serves, or null outside one.</summary>
    public static SerowCallContext? Current => Ambient.Value;

    /// <summary>What the method requires.</summary>
    public MethodSecurity Security { get; }

    /// <summary>The service's designed name.</summary>
    public string Service => Security.Service;

    /// <summary>The method's designed name.</summary>
    public string Method => Security.Method;

    /// <summary>The transport the call came over: <c>grpc</c>, <c>http</c>, <c>websocket</c>, <c>sse</c> or <c>inprocess</c>.</summary>
    public string Transport { get; }

    /// <summary>
    /// The authenticated caller: the identities of every scheme of the requirement that was met (one per scheme), with
    /// their claims. Unauthenticated only before the call was authorized.
    /// </summary>
    public ClaimsPrincipal User { get; internal set; } = new(new ClaimsIdentity());

    /// <summary>When the caller's credentials expire (the earliest of the requirement's schemes), if they say.</summary>
    public DateTimeOffset? ExpiresAt { get; internal set; }

    /// <summary>
    /// Makes a new context current for the caller's async method and what it calls. Call it from the (async) method that
    /// runs the handler, before awaiting the authorization that fills it: a change of an async local made here is seen
    /// by that method until it returns.
    /// </summary>
    internal static SerowCallContext Enter(MethodSecurity security, string transport)
    {
        var context = new SerowCallContext(security, transport);
        Ambient.Value = context;
        return context;
    }

    /// <summary>Records the outcome of the authorization.</summary>
    internal void Authorized(CallAuthorization authorization)
    {
        User = authorization.User;
        ExpiresAt = authorization.ExpiresAt;
    }
}
