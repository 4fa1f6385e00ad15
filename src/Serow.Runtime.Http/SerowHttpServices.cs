// Licensed under the MIT license. See LICENSE in the project root.

using Microsoft.Extensions.DependencyInjection;
using Serow.Hosting;

namespace Serow.Http;

/// <summary>Registers the options of services served over HTTP; called by the generated <c>Add&lt;Service&gt;Http</c>.</summary>
public static class SerowHttpServices
{
    /// <summary>Registers the named <see cref="SerowHttpOptions"/> of a service.</summary>
    /// <param name="services">The application's services.</param>
    /// <param name="service">The service's designed name, which names its options.</param>
    /// <param name="configure">Adjusts the options; the defaults when null.</param>
    /// <returns>The services, for chaining.</returns>
    public static IServiceCollection Add(IServiceCollection services, string service, Action<SerowHttpOptions>? configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrEmpty(service);
        services.AddRouting();
        ServerCallTracker.Register(services);
        SerowServiceRegistrations.Register(services);
        AspNetCore.SerowSecurity.AddSerowSecurity(services);
        var options = services.AddOptions<SerowHttpOptions>(service);
        if (configure is not null)
        {
            options.Configure(configure);
        }

        return services;
    }
}
