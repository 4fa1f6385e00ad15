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
    private readonly Lock _gate = new();
    private int _active;

    // The open calls, linked through the calls themselves (under _gate): one registration on Stopping for the server
    // rather than one per call, which an idle stream would hold for as long as it is open.
    private ITrackedCall? _first;
    private bool _stopped;

    /// <summary>Creates a tracker.</summary>
    /// <param name="stopping">Fires when the server begins to stop: every open stream is then ended.</param>
    /// <param name="logger">Where unexpected handler failures are logged; none when null.</param>
    public ServerCallTracker(CancellationToken stopping, ILogger? logger = null)
    {
        Stopping = stopping;
        Logger = logger ?? NullLogger.Instance;
        if (stopping.CanBeCanceled)
        {
            stopping.UnsafeRegister(static tracker => ((ServerCallTracker)tracker!).StopAll(), this);
        }
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
        Add(call);
        return new Registration(this, call);
    }

    /// <summary>Counts a streaming call until <see cref="Untrack"/>, and stops it when the server stops.</summary>
    internal void Add<TIn, TOut>(ServerCall<TIn, TOut> call)
    {
        call.Logger = Logger;
        call.BeginTelemetry();
        Interlocked.Increment(ref _active);
        if (Stopping.CanBeCanceled)
        {
            bool stopped;
            lock (_gate)
            {
                stopped = _stopped;
                if (!stopped)
                {
                    ITrackedCall tracked = call;
                    tracked.Next = _first;
                    if (_first is not null)
                    {
                        _first.Previous = tracked;
                    }

                    _first = tracked;
                }
            }

            if (stopped)
            {
                // A call that starts while the server stops is stopped at once.
                call.Abort(StreamAbortReason.Stopping);
            }
        }
    }

    /// <summary>Ends the tracking of <paramref name="call"/>.</summary>
    internal void Untrack(ITrackedCall call)
    {
        if (Stopping.CanBeCanceled)
        {
            lock (_gate)
            {
                if (call.Previous is { } previous)
                {
                    previous.Next = call.Next;
                }
                else if (ReferenceEquals(_first, call))
                {
                    _first = call.Next;
                }

                if (call.Next is { } next)
                {
                    next.Previous = call.Previous;
                }

                (call.Previous, call.Next) = (null, null);
            }
        }

        Interlocked.Decrement(ref _active);
    }

    private void StopAll()
    {
        List<ITrackedCall> open = [];
        lock (_gate)
        {
            _stopped = true;
            for (var call = _first; call is not null; call = call.Next)
            {
                open.Add(call);
            }
        }

        // Outside the lock: a stopped call untracks itself when it ends. One call's failure to stop keeps no other open.
        foreach (var call in open)
        {
            try
            {
                call.Stop();
            }
            catch (Exception e)
            {
                Logger.LogError(e, "A call failed to stop while the server stopped.");
            }
        }
    }

    /// <summary>A tracked call; disposing it ends the tracking.</summary>
    internal readonly struct Registration(ServerCallTracker tracker, ITrackedCall call) : IDisposable
    {
        public void Dispose() => tracker.Untrack(call);
    }
}

/// <summary>A call a <see cref="ServerCallTracker"/> counts: linked into the tracker's list of open calls through itself.</summary>
internal interface ITrackedCall
{
    /// <summary>The call tracked before this one (under the tracker's lock).</summary>
    ITrackedCall? Previous { get; set; }

    /// <summary>The call tracked after this one (under the tracker's lock).</summary>
    ITrackedCall? Next { get; set; }

    /// <summary>Ends the call because the server stops.</summary>
    void Stop();
}
