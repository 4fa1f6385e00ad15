// Licensed under the MIT license. See LICENSE in the project root.

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Serow.Streaming;

namespace Serow;

/// <summary>
/// What every transport of one server shares about its calls: the open streams (counted, and ended with a
/// <see cref="ServerStoppingError"/> when the server stops) and the logger of unexpected handler failures. The hosting
/// registrations of each transport add one singleton, bound to <c>IHostApplicationLifetime.ApplicationStopping</c>.
/// </summary>
public sealed class ServerCallTracker
{
    private int _active;

    /// <summary>Creates a tracker.</summary>
    /// <param name="stopping">Fires when the server begins to stop: every open stream is then ended.</param>
    /// <param name="logger">Where unexpected handler failures are logged; none when null.</param>
    public ServerCallTracker(CancellationToken stopping, ILogger? logger = null)
    {
        Stopping = stopping;
        Logger = logger ?? NullLogger.Instance;
    }

    /// <summary>A tracker that never stops and logs nothing, for servers without one registered.</summary>
    public static ServerCallTracker None { get; } = new(CancellationToken.None);

    /// <summary>How many streaming calls are open.</summary>
    public int ActiveStreams => Volatile.Read(ref _active);

    /// <summary>Fires when the server begins to stop.</summary>
    public CancellationToken Stopping { get; }

    /// <summary>Where unexpected handler failures are logged, with the error id the caller receives.</summary>
    public ILogger Logger { get; }

    /// <summary>
    /// Registers the server's tracker (once, whichever transport asks first): bound to the host's
    /// <c>ApplicationStopping</c> when there is a host, logging to the category <c>Serow</c>.
    /// </summary>
    /// <param name="services">The server's services.</param>
    /// <returns>The same services.</returns>
    public static IServiceCollection Register(IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(static provider => new ServerCallTracker(
            provider.GetService<IHostApplicationLifetime>()?.ApplicationStopping ?? CancellationToken.None,
            provider.GetService<ILoggerFactory>()?.CreateLogger("Serow")));
        return services;
    }

    /// <summary>Counts a streaming call until the returned registration is disposed, and stops it when the server stops.</summary>
    internal Registration Track<TIn, TOut>(ServerCall<TIn, TOut> call)
    {
        call.Logger = Logger;
        call.BeginTelemetry();
        Interlocked.Increment(ref _active);
        var stop = Stopping.CanBeCanceled
            ? Stopping.UnsafeRegister(static state => ((ServerCall<TIn, TOut>)state!).Abort(StreamAbortReason.Stopping), call)
            : default;
        return new Registration(this, stop);
    }

    /// <summary>A tracked call; disposing it ends the tracking.</summary>
    internal readonly struct Registration(ServerCallTracker tracker, CancellationTokenRegistration stop) : IDisposable
    {
        public void Dispose()
        {
            stop.Dispose();
            Interlocked.Decrement(ref tracker._active);
        }
    }
}
