// Licensed under the MIT license. See LICENSE in the project root.

namespace Serow.Security;

/// <summary>
/// What a method requires of its callers, resolved from the design (the method's own <c>Security</c>, else its
/// service's, else the API's). Generated once per secured method in <c>&lt;Service&gt;Contracts.g.cs</c> and read by
/// every transport: servers authorize the call with it before anything streams, clients attach the credentials it
/// asks for. Methods that require nothing have none.
/// </summary>
public sealed class MethodSecurity
{
    // Made once: every refused call names its method.
    private string? _displayName;

    /// <summary>Creates the description of a secured method.</summary>
    /// <param name="service">The service's designed name.</param>
    /// <param name="method">The method's designed name.</param>
    /// <param name="requirements">The alternatives: satisfying any one is enough. At least one.</param>
    public MethodSecurity(string service, string method, IReadOnlyList<SecurityRequirement> requirements)
    {
        ArgumentException.ThrowIfNullOrEmpty(service);
        ArgumentException.ThrowIfNullOrEmpty(method);
        ArgumentNullException.ThrowIfNull(requirements);
        if (requirements.Count == 0)
        {
            throw new ArgumentException("A secured method has at least one requirement.", nameof(requirements));
        }

        Service = service;
        Method = method;
        Requirements = requirements;
        Schemes = requirements.SelectMany(r => r.Schemes).Distinct().ToArray();
    }

    /// <summary>The service's designed name.</summary>
    public string Service { get; }

    /// <summary>The method's designed name.</summary>
    public string Method { get; }

    /// <summary>The alternatives: satisfying any one is enough.</summary>
    public IReadOnlyList<SecurityRequirement> Requirements { get; }

    /// <summary>Every scheme the requirements name, once each, in order of appearance.</summary>
    public IReadOnlyList<SecurityScheme> Schemes { get; }

    /// <summary><c>service.method</c>, for messages and logs.</summary>
    public string DisplayName => _displayName ??= Service + "." + Method;

    /// <summary>Whether some requirement names a scheme of <paramref name="kind"/>.</summary>
    /// <param name="kind">The kind of credentials.</param>
    public bool Accepts(SecuritySchemeKind kind)
    {
        foreach (var scheme in Schemes)
        {
            if (scheme.Kind == kind)
            {
                return true;
            }
        }

        return false;
    }
}
