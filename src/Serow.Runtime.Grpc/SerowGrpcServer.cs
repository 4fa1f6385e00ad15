// Licensed under the MIT license. See LICENSE in the project root.

using Grpc.AspNetCore.Server;
using Grpc.AspNetCore.Server.Model;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Serow.Grpc.Internal;
using Serow.Hosting;

namespace Serow.Grpc;

/// <summary>Registers generated gRPC services; called by the generated <c>Add&lt;Service&gt;Grpc</c>.</summary>
public static class SerowGrpcServer
{
    /// <summary>
    /// Adds grpc-dotnet, the generated service's method provider (its rpcs and their marshallers), the named
    /// <see cref="SerowGrpcOptions"/> of the service, and applies them to <see cref="GrpcServiceOptions{TService}"/>
    /// (size limits, compression) and to Kestrel (keepalive).
    /// </summary>
    /// <typeparam name="TService">The generated gRPC service class.</typeparam>
    /// <typeparam name="TMethods">Its generated method provider.</typeparam>
    /// <param name="services">The service collection.</param>
    /// <param name="serviceName">The service's designed name; the name of its options.</param>
    /// <param name="configure">Configures the options; null for the defaults.</param>
    /// <returns>The service collection, for chaining.</returns>
    public static IServiceCollection AddService<TService, TMethods>(IServiceCollection services, string serviceName, Action<SerowGrpcOptions>? configure)
        where TService : class
        where TMethods : class, IServiceMethodProvider<TService>
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(serviceName);
        services.AddGrpc();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IServiceMethodProvider<TService>, TMethods>());
        SerowServiceRegistrations.Register(services);
        ServerCallTracker.Register(services);
        AspNetCore.SerowSecurity.AddSerowSecurity(services);
        var options = services.AddOptions<SerowGrpcOptions>(serviceName);
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.AddOptions<GrpcServiceOptions<TService>>().Configure<IOptionsMonitor<SerowGrpcOptions>>((grpc, monitor) =>
        {
            // The generated method provider gives each call its service object (GrpcServiceSource).
            grpc.SuppressCreatingService = true;
            var serow = monitor.Get(serviceName);
            if (serow.MaxReceiveMessageSize is { } receive)
            {
                grpc.MaxReceiveMessageSize = receive;
            }

            if (serow.MaxSendMessageSize is { } send)
            {
                grpc.MaxSendMessageSize = send;
            }

            if (serow.ResponseCompressionAlgorithm is { } algorithm)
            {
                grpc.ResponseCompressionAlgorithm = algorithm;
            }
        });
        services.AddOptions<KestrelServerOptions>().Configure<IOptionsMonitor<SerowGrpcOptions>>((kestrel, monitor) =>
        {
            var serow = monitor.Get(serviceName);
            if (serow.KeepAlivePingDelay is { } delay)
            {
                kestrel.Limits.Http2.KeepAlivePingDelay = delay;
            }

            if (serow.KeepAlivePingTimeout is { } timeout)
            {
                kestrel.Limits.Http2.KeepAlivePingTimeout = timeout;
            }
        });
        return services;
    }
}
