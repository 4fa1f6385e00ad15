// Licensed under the MIT license. See LICENSE in the project root.

using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Serow.Grpc.Internal;
using Serow.Hosting;

namespace Serow.Grpc;

/// <summary>
/// Gives each call of a generated gRPC service the service object over the user's implementation. grpc-dotnet is told
/// not to create the service (<c>SuppressCreatingService</c>), which would open a dependency injection scope and make an
/// object per call: an implementation registered as a singleton is wrapped once, and only scoped or transient
/// implementations are resolved per call, from the request's scope.
/// </summary>
/// <typeparam name="TGrpcService">The generated gRPC service class.</typeparam>
/// <typeparam name="TImplementation">The service interface the user implements.</typeparam>
public sealed class GrpcServiceSource<TGrpcService, TImplementation>
    where TGrpcService : class
    where TImplementation : class
{
    private readonly IServiceProvider _root;
    private readonly Func<TImplementation, IServiceProvider, TGrpcService> _create;
    private readonly bool _singleton;
    private readonly ServerCallTracker _tracker;
    private TGrpcService? _shared;

    /// <summary>Creates the source.</summary>
    /// <param name="services">The application's root service provider.</param>
    /// <param name="create">Wraps an implementation in the gRPC service (the provider gives its options).</param>
    public GrpcServiceSource(IServiceProvider services, Func<TImplementation, IServiceProvider, TGrpcService> create)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(create);
        _root = services;
        _create = create;
        _singleton = services.GetService<SerowServiceRegistrations>()?.IsSingleton(typeof(TImplementation)) == true;
        _tracker = services.GetService<ServerCallTracker>() ?? ServerCallTracker.None;
    }

    /// <summary>
    /// The metadata of a method's endpoint: the server's call tracker and the authorizer of secured methods, so that a
    /// call finds them without a dependency injection scope.
    /// </summary>
    public IList<object> EndpointMetadata() =>
        _root.GetService<AspNetCore.AspNetCoreCallAuthorizer>() is { } authorizer ? [_tracker, authorizer] : [_tracker];

    /// <summary>The service object for a call.</summary>
    /// <param name="context">The call.</param>
    /// <returns>The service object.</returns>
    public TGrpcService Get(ServerCallContext context)
    {
        if (_singleton)
        {
            return Volatile.Read(ref _shared) ?? Share();
        }

        var services = context?.GetHttpContext()?.RequestServices ?? _root;
        return _create(services.GetRequiredService<TImplementation>(), services);
    }

    private TGrpcService Share()
    {
        var created = _create(_root.GetRequiredService<TImplementation>(), _root);
        return Interlocked.CompareExchange(ref _shared, created, null) ?? created;
    }
}
