// Licensed under the MIT license. See LICENSE in the project root.

using Grpc.AspNetCore.Server;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Serow.Grpc;

/// <summary>Registers generated gRPC services; called by the generated <c>Add&lt;Service&gt;Grpc</c>.</summary>
public static class SerowGrpcServer
{
    /// <summary>
    /// Adds grpc-dotnet, the named <see cref="SerowGrpcOptions"/> of the service, and applies them to
    /// <see cref="GrpcServiceOptions{TService}"/> (size limits, compression) and to Kestrel (keepalive).
    /// </summary>
    /// <typeparam name="TService">The generated gRPC service class.</typeparam>
    /// <param name="services">The service collection.</param>
    /// <param name="serviceName">The service's designed name; the name of its options.</param>
    /// <param name="configure">Configures the options; null for the defaults.</param>
    /// <returns>The service collection, for chaining.</returns>
    public static IServiceCollection AddService<TService>(IServiceCollection services, string serviceName, Action<SerowGrpcOptions>? configure)
        where TService : class
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(serviceName);
        services.AddGrpc();
        ServerCallTracker.Register(services);
        var options = services.AddOptions<SerowGrpcOptions>(serviceName);
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.AddOptions<GrpcServiceOptions<TService>>().Configure<IOptionsMonitor<SerowGrpcOptions>>((grpc, monitor) =>
        {
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
