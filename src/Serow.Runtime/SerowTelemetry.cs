// Licensed under the MIT license. See LICENSE in the project root.

using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Reflection;
using Serow.Streaming;

namespace Serow;

/// <summary>
/// The names under which Serow reports its calls with .NET's own telemetry APIs: an <see cref="ActivitySource"/> and a
/// <see cref="Meter"/>, both named <see cref="Name"/> (<c>AddSource("Serow")</c> and <c>AddMeter("Serow")</c> with
/// OpenTelemetry). Nothing is recorded while nobody listens.
/// </summary>
public static class SerowTelemetry
{
    /// <summary>The name of Serow's activity source and meter.</summary>
    public const string Name = "Serow";

    private static readonly string? Version = typeof(SerowTelemetry).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0];

    internal static readonly ActivitySource Source = new(Name, Version);

    internal static readonly Meter Meter = new(Name, Version);

    /// <summary>How long calls took on the server, by method, transport and outcome (OpenTelemetry's RPC name).</summary>
    internal static readonly Histogram<double> ServerCallDuration = Meter.CreateHistogram<double>(
        "rpc.server.call.duration", "s", "Duration of the calls the server handled.");

    /// <summary>The calls the server started, by method and transport.</summary>
    internal static readonly Counter<long> ServerCallsStarted = Meter.CreateCounter<long>(
        "serow.server.calls.started", "{call}", "Calls the server started handling.");

    /// <summary>The calls the server finished, by method, transport and outcome.</summary>
    internal static readonly Counter<long> ServerCallsFinished = Meter.CreateCounter<long>(
        "serow.server.calls.finished", "{call}", "Calls the server finished, by outcome.");

    /// <summary>The encoded bytes of the messages the server's streams sent and received, by direction.</summary>
    internal static readonly Counter<long> ServerMessageBytes = Meter.CreateCounter<long>(
        "serow.server.message.bytes", "By", "Bytes of the messages the server's streaming calls sent and received, as encoded on the wire.");

    /// <summary>The messages the server's streams sent and received, by direction.</summary>
    internal static readonly Counter<long> ServerMessages = Meter.CreateCounter<long>(
        "serow.server.messages", "{message}", "Messages the server's streaming calls sent and received.");

    /// <summary>
    /// Whether each streamed message adds an event (<c>message</c>, with <c>serow.direction</c> and
    /// <c>serow.sequence</c>) to its call's activity while the activity is recorded. Off by default: an event per
    /// message allocates, and long streams would make large spans.
    /// </summary>
    public static bool RecordMessageEvents { get; set; }

    /// <summary>The streaming calls open on the server.</summary>
    internal static readonly UpDownCounter<long> ActiveStreams = Meter.CreateUpDownCounter<long>(
        "serow.server.active_streams", "{stream}", "Streaming calls open on the server.");

    /// <summary>
    /// The caller's trace context from request headers (W3C <c>traceparent</c>/<c>tracestate</c>, through the
    /// process's <see cref="DistributedContextPropagator"/>), for a server without an activity of its own for the request.
    /// </summary>
    /// <typeparam name="TCarrier">What holds the headers.</typeparam>
    /// <param name="carrier">The headers' owner.</param>
    /// <param name="header">Reads one header (null when absent).</param>
    /// <returns>The remote parent, or default when there is none.</returns>
    internal static ActivityContext ExtractParent<TCarrier>(TCarrier carrier, Func<TCarrier, string, string?> header)
    {
        DistributedContextPropagator.Current.ExtractTraceIdAndState(
            (carrier, header),
            static (object? state, string name, out string? value, out IEnumerable<string>? values) =>
            {
                var (owner, read) = ((TCarrier, Func<TCarrier, string, string?>))state!;
                value = read(owner, name);
                values = null;
            },
            out var traceId,
            out var traceState);
        return ActivityContext.TryParse(traceId, traceState, isRemote: true, out var context) ? context : default;
    }

    /// <summary>Starts the server activity of a call (null while nobody listens) and counts an open stream.</summary>
    /// <param name="service">The service's designed name.</param>
    /// <param name="method">The method's designed name.</param>
    /// <param name="transport">The transport's name.</param>
    /// <param name="parent">The caller's trace context when there is no current activity; default otherwise.</param>
    internal static Activity? StartServerCall(string service, string method, string transport, ActivityContext parent)
    {
        var activity = Source.HasListeners() ? StartActivity(service, method, transport, parent) : null;

        if (ActiveStreams.Enabled)
        {
            ActiveStreams.Add(1, Tags(service, method, transport));
        }

        RecordStarted(service, method, transport);
        return activity;
    }

    /// <summary>Ends a call's activity and records its duration with how it ended.</summary>
    internal static void EndServerCall(Activity? activity, long startedAt, string service, string method, string transport, in ServerCallOutcome outcome)
    {
        var status = outcome.Error is { } error ? error.Name : outcome.IsAborted ? "cancelled" : outcome.TransportFailure is not null ? "transport_error" : "ok";
        if (activity is not null)
        {
            if (status != "ok")
            {
                activity.SetStatus(ActivityStatusCode.Error, outcome.Error?.Message ?? status);
                activity.SetTag("error.type", status);
                if (outcome.Error is { Id: { Length: > 0 } id })
                {
                    activity.SetTag("serow.error.id", id);
                }
            }

            activity.Dispose();
        }

        if (ActiveStreams.Enabled)
        {
            ActiveStreams.Add(-1, Tags(service, method, transport));
        }

        RecordDuration(startedAt, service, method, transport, status);
    }

    /// <summary>Whether anyone listens to unary calls: the transports then take the observed path (an activity and a measurement per call).</summary>
    internal static bool ObservesUnaryCalls => Source.HasListeners() || ServerCallDuration.Enabled || ServerCallsStarted.Enabled || ServerCallsFinished.Enabled;

    /// <summary>
    /// Runs a unary call inside its server activity (a child of the current activity, or of <paramref name="parent"/>)
    /// and records its duration; <paramref name="errorName"/> names the outcome of a failure.
    /// </summary>
    internal static async Task<T> ObserveUnaryAsync<TState, T>(
        TState state, Func<TState, Task<T>> run, string service, string method, string transport, ActivityContext parent, Func<Exception, string> errorName)
    {
        var telemetry = StartUnaryCall(service, method, transport, parent);
        try
        {
            var result = await run(state).ConfigureAwait(false);
            telemetry.End("ok", null);
            return result;
        }
        catch (Exception e)
        {
            telemetry.End(errorName(e), e.Message);
            throw;
        }
    }

    /// <summary>Starts a unary call's server activity (a child of the current activity, or of <paramref name="parent"/>) and its clock.</summary>
    internal static UnaryCallTelemetry StartUnaryCall(string service, string method, string transport, ActivityContext parent)
    {
        var activity = StartActivity(service, method, transport, Activity.Current is null ? parent : default);
        RecordStarted(service, method, transport);
        return new UnaryCallTelemetry(activity, Stopwatch.GetTimestamp(), service, method, transport);
    }

    /// <summary>The server activity of a call, with the RPC tags when it is recorded.</summary>
    private static Activity? StartActivity(string service, string method, string transport, ActivityContext parent, ActivityKind kind = ActivityKind.Server)
    {
        var activity = Source.StartActivity(service + "/" + method, kind, parent);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag("rpc.system", transport == "grpc" ? "grpc" : "serow");
            activity.SetTag("rpc.service", service);
            activity.SetTag("rpc.method", method);
            activity.SetTag("serow.transport", transport);
        }

        return activity;
    }

    internal static void RecordDuration(long startedAt, string service, string method, string transport, string outcome)
    {
        if (ServerCallDuration.Enabled || ServerCallsFinished.Enabled)
        {
            var tags = Tags(service, method, transport);
            tags.Add("serow.outcome", outcome);
            ServerCallDuration.Record(Stopwatch.GetElapsedTime(startedAt).TotalSeconds, tags);
            ServerCallsFinished.Add(1, tags);
        }
    }

    private static void RecordStarted(string service, string method, string transport)
    {
        if (ServerCallsStarted.Enabled)
        {
            ServerCallsStarted.Add(1, Tags(service, method, transport));
        }
    }

    /// <summary>Records messages of a streaming call and their encoded bytes (zero when not counted) in one direction.</summary>
    internal static void Messages(string service, string method, string transport, string direction, long messages, long bytes)
    {
        if (messages == 0 && bytes == 0)
        {
            return;
        }

        var tags = Tags(service, method, transport);
        tags.Add("serow.direction", direction);
        if (messages > 0)
        {
            ServerMessages.Add(messages, tags);
        }

        if (bytes > 0)
        {
            ServerMessageBytes.Add(bytes, tags);
        }
    }

    /// <summary>Adds a numbered <c>message</c> event to a call's activity (<see cref="RecordMessageEvents"/>).</summary>
    internal static void MessageEvent(Activity activity, string direction, long sequence)
    {
        if (activity.IsAllDataRequested)
        {
            activity.AddEvent(new ActivityEvent("message", tags: new ActivityTagsCollection
            {
                { "serow.direction", direction },
                { "serow.sequence", sequence },
            }));
        }
    }

    /// <summary>
    /// Starts the client's activity of a call (kind Client, a child of the caller's current activity) and makes it
    /// current, so the transport sends its trace context; null while nobody listens.
    /// </summary>
    internal static Activity? StartClientCall(string service, string method, string transport)
    {
        return Source.HasListeners() ? StartActivity(service, method, transport, default, ActivityKind.Client) : null;
    }

    /// <summary>After a synchronous start: the caller's activity is current again (an async method restores it itself).</summary>
    internal static void RestoreCaller(Activity? started)
    {
        if (started is not null)
        {
            Activity.Current = started.Parent;
        }
    }

    /// <summary>Ends a client activity with the call's outcome; returns false so that it can run in an exception filter.</summary>
    internal static bool EndClientCall(Activity? activity, Exception? error)
    {
        if (activity is null)
        {
            return false;
        }

        if (error is not null)
        {
            var name = error switch
            {
                ServiceError e => e.Name,
                OperationCanceledException => "cancelled",
                _ => "transport_error",
            };
            activity.SetStatus(ActivityStatusCode.Error, error.Message);
            activity.SetTag("error.type", name);
        }

        activity.Dispose();
        return false;
    }

    private static TagList Tags(string service, string method, string transport) =>
        new()
        {
            { "rpc.system", transport == "grpc" ? "grpc" : "serow" },
            { "rpc.service", service },
            { "rpc.method", method },
            { "serow.transport", transport },
        };
}
