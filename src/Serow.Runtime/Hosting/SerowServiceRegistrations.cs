// Licensed under the MIT license. See LICENSE in the project root.

using Microsoft.Extensions.DependencyInjection;

namespace Serow.Hosting;

/// <summary>
/// The application's service registrations as they were when the container was built, kept to learn the lifetime of
/// a service implementation (the container does not tell it): a transport resolves a singleton once, instead of
/// making a DI scope per call to find it.
/// </summary>
internal sealed class SerowServiceRegistrations(IServiceCollection services)
{
    /// <summary>Registers the application's registrations once (the first transport added does).</summary>
    public static void Register(IServiceCollection services)
    {
        foreach (var descriptor in services)
        {
            if (descriptor.ServiceType == typeof(SerowServiceRegistrations))
            {
                return;
            }
        }

        services.AddSingleton(new SerowServiceRegistrations(services));
    }

    /// <summary>Whether the last registration of <paramref name="serviceType"/> is a singleton.</summary>
    public bool IsSingleton(Type serviceType)
    {
        ServiceDescriptor? last = null;
        foreach (var descriptor in services)
        {
            if (descriptor.ServiceType == serviceType && !descriptor.IsKeyedService)
            {
                last = descriptor;
            }
        }

        return last?.Lifetime == ServiceLifetime.Singleton;
    }
}
