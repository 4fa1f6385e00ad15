// Licensed under the MIT license. See LICENSE in the project root.

using Microsoft.Extensions.DependencyInjection;

namespace Serow.Grpc.Internal;

/// <summary>
/// The application's service registrations as they were when the container was built, kept to learn the lifetime of
/// a service implementation (the container does not tell it).
/// </summary>
internal sealed class SerowServiceRegistrations(IServiceCollection services)
{
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
