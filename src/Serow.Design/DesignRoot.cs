// Licensed under the MIT license. See LICENSE in the project root.

namespace Serow.Design;

/// <summary>The immutable result of running a design: the API, its services and its named types.</summary>
public sealed record DesignRoot
{
    /// <summary>The API.</summary>
    public required ApiDesign Api { get; init; }

    /// <summary>The services, in declaration order.</summary>
    public EquatableArray<ServiceDesign> Services { get; init; }

    /// <summary>The named types (<c>Type</c> and <c>ResultType</c>), in declaration order.</summary>
    public EquatableArray<UserTypeDesign> Types { get; init; }

    /// <summary>The security schemes, in declaration order.</summary>
    public EquatableArray<SecuritySchemeDesign> SecuritySchemes { get; init; }

    /// <summary>Finds a security scheme by name.</summary>
    public SecuritySchemeDesign? FindSecurityScheme(string name) => SecuritySchemes.FirstOrDefault(s => s.Name == name);

    /// <summary>
    /// The requirements a method's caller must meet (any one of them): the method's own, else its service's, else the
    /// API's; none when the method or its service says <c>NoSecurity()</c> before a level that sets requirements.
    /// </summary>
    public EquatableArray<SecurityRequirementDesign> SecurityOf(ServiceDesign service, MethodDesign method)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(method);
        if (method.NoSecurity)
        {
            return default;
        }

        if (method.Security.Count > 0)
        {
            return method.Security;
        }

        if (service.NoSecurity)
        {
            return default;
        }

        return service.Security.Count > 0 ? service.Security : Api.Security;
    }

    /// <summary>The interceptors, in declaration order.</summary>
    public EquatableArray<InterceptorDesign> Interceptors { get; init; }

    /// <summary>Finds an interceptor by name.</summary>
    public InterceptorDesign? FindInterceptor(string name) => Interceptors.FirstOrDefault(i => i.Name == name);

    /// <summary>
    /// The interceptors that run on the server around a method's calls, outermost first: the API's, then the service's,
    /// then the method's own, each in declaration order.
    /// </summary>
    public IReadOnlyList<InterceptorDesign> ServerInterceptorsOf(ServiceDesign service, MethodDesign method)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(method);
        return Api.ServerInterceptors.Concat(service.ServerInterceptors).Concat(method.ServerInterceptors).Select(n => FindInterceptor(n)!).ToList();
    }

    /// <summary>The interceptors that run in the generated clients around a method's calls, outermost first (as <see cref="ServerInterceptorsOf"/>).</summary>
    public IReadOnlyList<InterceptorDesign> ClientInterceptorsOf(ServiceDesign service, MethodDesign method)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(method);
        return Api.ClientInterceptors.Concat(service.ClientInterceptors).Concat(method.ClientInterceptors).Select(n => FindInterceptor(n)!).ToList();
    }

    /// <summary>Finds a named type.</summary>
    public UserTypeDesign? FindType(string name) => Types.FirstOrDefault(t => t.Name == name);

    /// <summary>Finds a service by name.</summary>
    public ServiceDesign? FindService(string name) => Services.FirstOrDefault(s => s.Name == name);

    /// <summary>
    /// The prefix of every HTTP route of a service: the API's <c>Path</c>, then, with <c>Parent</c>, the parent's
    /// canonical route (its own prefix and its canonical method's path), then the service's <c>Path</c>.
    /// </summary>
    public string PathPrefixOf(ServiceDesign service)
    {
        ArgumentNullException.ThrowIfNull(service);
        return (Api.Http?.PathPrefix ?? string.Empty) + ServicePrefix(service, 0);
    }

    private string ServicePrefix(ServiceDesign service, int depth)
    {
        var own = service.Http?.PathPrefix ?? string.Empty;
        if (service.Http?.Parent is not { } parentName || depth > 16 || FindService(parentName) is not { } parent)
        {
            return own;
        }

        var canonical = parent.Http?.CanonicalMethod ?? "show";
        var route = parent.Methods.FirstOrDefault(m => m.Name == canonical)?.Http?.Routes.FirstOrDefault()?.Path ?? string.Empty;
        return ServicePrefix(parent, depth + 1) + route.TrimEnd('/') + own;
    }

    /// <summary>Follows user type references until a structural type is reached.</summary>
    public DataType Resolve(DataType type)
    {
        var seen = 0;
        while (type is UserTypeRef reference && FindType(reference.Name) is { } user && seen++ < 64)
        {
            type = user.Type;
        }

        return type;
    }
}
