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
            // HttpClient's, grpc-dotnet's or ASP.NET Core's request activities may stand between Serow's client and server activities.
            ShouldListenTo = source => source.Name is SerowTelemetry.Name or CallerSource or "System.Net.Http" or "Grpc.Net.Client" or "Microsoft.AspNetCore",
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

    /// <summary>
    /// Waits (bounded) for <paramref name="count"/> of Serow's server activities in <paramref name="trace"/> to end, and
    /// checks that each is the child of one of Serow's client activities, itself a child of the caller's.
    /// </summary>
    public async Task<List<Activity>> ServerActivitiesAsync(ActivityTraceId trace, int count)
    {
        // The server ends its activity when its handler returns, which may come just after the client saw the end; the
        // ASP.NET Core request activity between them ends later still, once the response is complete.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        List<Activity> found, clients;
        while (((found = Serow(trace, ActivityKind.Server)).Count < count
                || (clients = Serow(trace, ActivityKind.Client)).Count < count
                || !found.All(server => clients.Any(c => c.SpanId == ClientAncestor(server))))
            && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        clients = Serow(trace, ActivityKind.Client);
        Assert.Equal(count, found.Count);
        Assert.Equal(count, clients.Count);
        Assert.All(found, server =>
        {
            var client = Assert.Single(clients, c => c.SpanId == ClientAncestor(server));
            Assert.Equal(server.DisplayName, client.DisplayName);
            Assert.Equal(server.GetTagItem("serow.transport") is "http" ? "http" : server.GetTagItem("serow.transport"), client.GetTagItem("serow.transport"));
            Assert.Equal(server.Status, client.Status);
            Assert.Equal(CallerSource, _stopped.Single(a => a.SpanId == client.ParentSpanId).Source.Name);
        });
        return found;
    }

    // The nearest Serow client activity above a server activity, through recorded intermediaries (HttpClient's).
    private ActivitySpanId ClientAncestor(Activity server)
    {
        var parent = server.ParentSpanId;
        for (var hops = 0; hops < 4; hops++)
        {
            var activity = _stopped.FirstOrDefault(a => a.SpanId == parent);
            if (activity is null || (activity.Source.Name == SerowTelemetry.Name && activity.Kind == ActivityKind.Client))
            {
                return parent;
            }

            parent = activity.ParentSpanId;
        }

        return parent;
    }

    private List<Activity> Serow(ActivityTraceId trace, ActivityKind kind) =>
        _stopped.Where(a => a.TraceId == trace && a.Source.Name == SerowTelemetry.Name && a.Kind == kind).ToList();

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
