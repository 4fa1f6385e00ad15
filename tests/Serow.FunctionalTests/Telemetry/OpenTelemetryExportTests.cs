// Licensed under the MIT license. See LICENSE in the project root.

using System.Diagnostics;
using Intercepted;
using Intercepted.Notes;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Serow.FunctionalTests.Conformance;
using Serow.FunctionalTests.Interception;
using Serow.Grpc;
using Serow.Http;

namespace Serow.FunctionalTests.Telemetry;

[CollectionDefinition(nameof(OpenTelemetryExport), DisableParallelization = true)]
public sealed class OpenTelemetryExport;

/// <summary>
/// Serow's traces and metrics as OpenTelemetry's SDK exports them (the in-memory exporter), on every transport: the
/// caller's activity is the parent of the client's, whose trace reaches the server's; calls started and finished by
/// outcome, their duration, messages and bytes by direction, and no stream left active. Run alone, so that the
/// process-wide instruments count only these calls.
/// </summary>
[Collection(nameof(OpenTelemetryExport))]
public sealed class OpenTelemetryExportTests(InterceptedHost host) : IClassFixture<InterceptedHost>, IDisposable
{
    private static readonly ActivitySource Caller = new("Serow.FunctionalTests.Caller");
    private readonly HttpClient _http = new() { BaseAddress = host.HttpAddress, Timeout = TimeSpan.FromSeconds(30) };
    private readonly global::Grpc.Net.Client.GrpcChannel _channel = SerowGrpcChannel.Create(host.GrpcAddress);

    public void Dispose()
    {
        _http.Dispose();
        _channel.Dispose();
    }

    private INotesClient Client(string transport) => transport switch
    {
        "inprocess" => new NotesInProcessClient(new NotesService(host.Log), new ServerInterceptors(host.Log)),
        "grpc" => new NotesGrpcClient(_channel),
        "websocket" => new NotesHttpClient(_http),
        _ => new NotesHttpClient(_http, new SerowHttpClientOptions { ServerStreams = HttpServerStreams.ServerSentEvents }),
    };

    [Theory]
    [InlineData("inprocess", "inprocess")]
    [InlineData("grpc", "grpc")]
    [InlineData("websocket", "http")]
    [InlineData("sse", "http")]
    public async Task TracesAndMetrics_ExportedByTheSdk_FollowTheCallFromClientToServer(string streamTransport, string unaryTransport)
    {
        var activities = new List<Activity>();
        var metrics = new List<MetricSnapshot>();
        using (var tracing = Sdk.CreateTracerProviderBuilder()
            .AddSource(SerowTelemetry.Name, Caller.Name, "System.Net.Http", "Grpc.Net.Client", "Microsoft.AspNetCore")
            .SetSampler(new AlwaysOnSampler())
            .AddInMemoryExporter(activities)
            .Build())
        using (var metering = Sdk.CreateMeterProviderBuilder().AddMeter(SerowTelemetry.Name).AddInMemoryExporter(metrics).Build())
        {
            ActivityTraceId trace;
            using (var caller = Caller.StartActivity("caller", ActivityKind.Internal)!)
            {
                trace = caller.TraceId;
                var client = Client(streamTransport);
                await client.AddAsync(new AddPayload { Text = "otel" }).DefaultTimeout();
                await using var stream = await client.FeedAsync(new FeedPayload { Count = 5 }).DefaultTimeout();
                var received = 0;
                while (await stream.RecvAsync().DefaultTimeout() is not null)
                {
                    received++;
                }

                Assert.Equal(5, received);
            }

            // The server ends its activity as its handler returns, just after the client saw the end; the ASP.NET Core
            // request activity between the client's and the server's ends later still, once the response is complete.
            await WaitForAsync(() => Serow(activities, trace, ActivityKind.Server) is { Count: 2 } servers
                && Serow(activities, trace, ActivityKind.Client) is var clients
                && servers.All(server => clients.Any(client => Ancestor(activities, server, client.SpanId) == client.SpanId)));
            tracing.ForceFlush();
            metering.ForceFlush();

            AssertTraces(activities, trace, streamTransport, unaryTransport);
            AssertMetrics(metrics, streamTransport, unaryTransport);
        }
    }

    private static void AssertTraces(List<Activity> activities, ActivityTraceId trace, string streamTransport, string unaryTransport)
    {
        var clients = Serow(activities, trace, ActivityKind.Client);
        var servers = Serow(activities, trace, ActivityKind.Server);
        Assert.Equal(["notes/add", "notes/feed"], clients.Select(a => a.DisplayName).Order());
        Assert.Equal(["notes/add", "notes/feed"], servers.Select(a => a.DisplayName).Order());
        var callerSpan = activities.Single(a => a.Source.Name == Caller.Name).SpanId;
        foreach (var server in servers)
        {
            var client = Assert.Single(clients, c => c.DisplayName == server.DisplayName);
            Assert.Equal(callerSpan, client.ParentSpanId);
            Assert.Equal(client.SpanId, Ancestor(activities, server, client.SpanId));
            Assert.Equal(ActivityStatusCode.Unset, client.Status);
            Assert.Equal(ActivityStatusCode.Unset, server.Status);
            var transport = server.DisplayName == "notes/add" ? unaryTransport : streamTransport;
            Assert.Equal(transport, server.GetTagItem("serow.transport"));
            Assert.Equal(transport, client.GetTagItem("serow.transport"));
            Assert.Equal(("notes", server.DisplayName[6..]), (server.GetTagItem("rpc.service"), server.GetTagItem("rpc.method")));
        }
    }

    private static void AssertMetrics(List<MetricSnapshot> metrics, string streamTransport, string unaryTransport)
    {
        long Sum(string name, string method, string transport, string? tag = null, string? value = null) =>
            Points(metrics, name, method, transport, tag, value).Sum(p => p.MetricType.IsHistogram() ? p.Point.GetHistogramCount() : p.Point.GetSumLong());

        Assert.Equal(1, Sum("serow.server.calls.started", "feed", streamTransport));
        Assert.Equal(1, Sum("serow.server.calls.finished", "feed", streamTransport, "serow.outcome", "ok"));
        Assert.Equal(1, Sum("serow.server.calls.started", "add", unaryTransport));
        Assert.Equal(1, Sum("serow.server.calls.finished", "add", unaryTransport, "serow.outcome", "ok"));
        Assert.Equal(1, Sum("rpc.server.call.duration", "feed", streamTransport, "serow.outcome", "ok"));
        Assert.Equal(1, Sum("rpc.server.call.duration", "add", unaryTransport, "serow.outcome", "ok"));
        Assert.Equal(5, Sum("serow.server.messages", "feed", streamTransport, "serow.direction", "sent"));
        Assert.Equal(0, Sum("serow.server.active_streams", "feed", streamTransport));
        var bytes = Sum("serow.server.message.bytes", "feed", streamTransport, "serow.direction", "sent");
        if (streamTransport == "inprocess")
        {
            Assert.Equal(0, bytes);
        }
        else
        {
            // Five entries of a few tens of bytes each, as encoded on the wire.
            Assert.InRange(bytes, 5 * 10, 5 * 200);
        }
    }

    private static List<(MetricType MetricType, MetricPoint Point)> Points(List<MetricSnapshot> metrics, string name, string method, string transport, string? tag, string? value)
    {
        // Cumulative snapshots: the last export of an instrument holds its totals.
        var last = metrics.LastOrDefault(m => m.Name == name);
        if (last is null)
        {
            return [];
        }

        var points = new List<(MetricType, MetricPoint)>();
        foreach (var point in last.MetricPoints)
        {
            var tags = new Dictionary<string, object?>();
            foreach (var pair in point.Tags)
            {
                tags[pair.Key] = pair.Value;
            }

            if (tags.GetValueOrDefault("rpc.service") as string == "notes"
                && tags.GetValueOrDefault("rpc.method") as string == method
                && tags.GetValueOrDefault("serow.transport") as string == transport
                && (tag is null || tags.GetValueOrDefault(tag) as string == value))
            {
                points.Add((last.MetricType, point));
            }
        }

        return points;
    }

    private static List<Activity> Serow(List<Activity> activities, ActivityTraceId trace, ActivityKind kind)
    {
        lock (activities)
        {
            return activities.Where(a => a.TraceId == trace && a.Source.Name == SerowTelemetry.Name && a.Kind == kind).ToList();
        }
    }

    // Walks up from the server's activity through exported intermediaries (HttpClient's, ASP.NET Core's) to the client's.
    private static ActivitySpanId Ancestor(List<Activity> activities, Activity server, ActivitySpanId wanted)
    {
        var parent = server.ParentSpanId;
        for (var hops = 0; hops < 4 && parent != wanted; hops++)
        {
            if (activities.FirstOrDefault(a => a.SpanId == parent) is not { } activity)
            {
                break;
            }

            parent = activity.ParentSpanId;
        }

        return parent;
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!condition() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }
    }
}
