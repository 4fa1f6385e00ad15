// Licensed under the MIT license. See LICENSE in the project root.

using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Serow.Hosting;

namespace Serow.Http;

/// <summary>
/// Endpoint metadata of a service's generated HTTP endpoints (added by the generated <c>Map&lt;Service&gt;Http</c>):
/// what every request of the service needs from the application's services, found without making a DI scope per
/// request. Only a service implementation that is not a singleton is resolved from the request's scope.
/// </summary>
public sealed class HttpServiceEndpoints
{
    private readonly IServiceProvider _services;
    private readonly string _service;
    private readonly SerowServiceRegistrations? _registrations;
    private IOptionsMonitor<SerowHttpOptions>? _options;
    private Implementation? _implementation;

    private HttpServiceEndpoints(IServiceProvider services, string service)
    {
        _services = services;
        _service = service;
        _registrations = services.GetService<SerowServiceRegistrations>();
    }

    /// <summary>Describes the endpoints of a service mapped on <paramref name="endpoints"/>.</summary>
    /// <param name="endpoints">Where the service's endpoints are mapped; its services are the application's.</param>
    /// <param name="service">The service's designed name, which names its options.</param>
    public static HttpServiceEndpoints Create(IEndpointRouteBuilder endpoints, string service)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentException.ThrowIfNullOrEmpty(service);
        return new HttpServiceEndpoints(endpoints.ServiceProvider, service);
    }

    /// <summary>The application's (root) services, for singletons such as the logger factory and the call tracker.</summary>
    internal IServiceProvider Services => _services;

    /// <summary>The service's HTTP options (named after the service; read at each request so that changes apply).</summary>
    internal SerowHttpOptions Options =>
        (_options ??= _services.GetService<IOptionsMonitor<SerowHttpOptions>>())?.Get(_service) ?? new SerowHttpOptions();

    /// <summary>The service implementation: the singleton, resolved once; otherwise from the request's scope.</summary>
    internal TService GetService<TService>(HttpContext context)
        where TService : notnull
    {
        var implementation = _implementation;
        if (implementation is null || implementation.ServiceType != typeof(TService))
        {
            // The lifetime is learned once (the registrations are read, not resolved).
            var singleton = _registrations?.IsSingleton(typeof(TService)) == true ? (object)_services.GetRequiredService<TService>() : null;
            implementation = new Implementation(typeof(TService), singleton);
            _implementation ??= implementation;
        }

        return implementation.Singleton is TService instance ? instance : context.RequestServices.GetRequiredService<TService>();
    }

    private sealed record Implementation(Type ServiceType, object? Singleton);
}
