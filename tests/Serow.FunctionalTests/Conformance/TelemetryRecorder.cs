// Licensed under the MIT license. See LICENSE in the project root.

using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Serow.FunctionalTests.Conformance;

/// <summary>
/// Listens to Serow's activity source and call-duration histogram for one test, as an OpenTelemetry SDK would, and
/// runs the test's calls inside a caller activity whose trace the server's activities must join.
/// </summary>
internal sealed class TelemetryRecorder : IDisposable
{
    private const string CallerSource = "Serow.FunctionalTests";

    private readonly ConcurrentQueue<Activity> _stopped = new();
    private readonly ActivityListener _activities;
    private readonly MeterListener _meters;
    private readonly ActivitySource _caller = new(CallerSource);
    private static readonly object EventsLock = new();
    private static int _eventUsers;

    private readonly bool _messageEvents;

    /// <param name="messageEvents">Turns <see cref="SerowTelemetry.RecordMessageEvents"/> on until disposed.</param>
    public TelemetryRecorder(bool messageEvents = false)
    {
        _messageEvents = messageEvents;
        if (messageEvents)
        {
            // A process-wide switch, and test classes run in parallel: on while any recorder asks for it.
            lock (EventsLock)
            {
                _eventUsers++;
                SerowTelemetry.RecordMessageEvents = true;
            }
        }

        _activities = new ActivityListener
        {
            ShouldListenTo = source => source.Name is SerowTelemetry.Name or CallerSource,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(_activities);
        _meters = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == SerowTelemetry.Name && instrument.Name is "rpc.server.call.duration" or "serow.server.messages")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        _meters.SetMeasurementEventCallback<double>((_, value, tags, _) =>
        {
            string? outcome = null, method = null;
            foreach (var tag in tags)
            {
                outcome = tag.Key == "serow.outcome" ? tag.Value as string : outcome;
                method = tag.Key == "rpc.method" ? tag.Value as string : method;
            }

            Durations.Enqueue((value, outcome, method));
        });
        _meters.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            if (instrument.Name != "serow.server.messages")
            {
                return;
            }

            string? direction = null, method = null;
            foreach (var tag in tags)
            {
                direction = tag.Key == "serow.direction" ? tag.Value as string : direction;
                method = tag.Key == "rpc.method" ? tag.Value as string : method;
            }

            Messages.Enqueue((value, direction, method));
        });
        _meters.Start();
    }

    /// <summary>Every call duration recorded meanwhile (other tests' calls included).</summary>
    public ConcurrentQueue<(double Seconds, string? Outcome, string? Method)> Durations { get; } = new();

    /// <summary>Every message counted meanwhile (other tests' streams included).</summary>
    public ConcurrentQueue<(long Count, string? Direction, string? Method)> Messages { get; } = new();

    /// <summary>Runs <paramref name="calls"/> inside a client activity; returns its trace.</summary>
    public async Task<ActivityTraceId> InCallerAsync(Func<Task> calls)
    {
        using var caller = _caller.StartActivity("caller", ActivityKind.Client)!;
        await calls();
        return caller.TraceId;
    }

    /// <summary>Waits (bounded) for <paramref name="count"/> of Serow's activities in <paramref name="trace"/> to end.</summary>
    public async Task<List<Activity>> ServerActivitiesAsync(ActivityTraceId trace, int count)
    {
        // The server ends its activity when its handler returns, which may come just after the client saw the end.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        List<Activity> found;
        while ((found = _stopped.Where(a => a.TraceId == trace && a.Source.Name == SerowTelemetry.Name).ToList()).Count < count && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        Assert.Equal(count, found.Count);
        return found;
    }

    public void Dispose()
    {
        if (_messageEvents)
        {
            lock (EventsLock)
            {
                _eventUsers--;
                SerowTelemetry.RecordMessageEvents = _eventUsers > 0;
            }
        }

        _activities.Dispose();
        _meters.Dispose();
        _caller.Dispose();
    }
}
