// Licensed under the MIT license. See LICENSE in the project root.

using System.Diagnostics;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Serow.Benchmarks.Grpc.Server;

/// <summary>
/// The OpenTelemetry SDK a production server would attach to Serow (<c>--telemetry true</c>): every activity sampled
/// and handed to a batch export processor, every metric read; the exporters keep nothing, so memory stays flat.
/// </summary>
internal static class BenchTelemetry
{
    public static TracerProvider StartTracing() =>
        Sdk.CreateTracerProviderBuilder()
            .AddSource(SerowTelemetry.Name)
            .SetSampler(new AlwaysOnSampler())
            .AddProcessor(new BatchActivityExportProcessor(new CountingExporter()))
            .Build()!;

    public static MeterProvider StartMetrics() =>
        Sdk.CreateMeterProviderBuilder()
            .AddMeter(SerowTelemetry.Name)
            .AddInMemoryExporter(new List<Metric>(), reader => reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = 1000)
            .Build()!;

    /// <summary>Takes every batch and counts it, as a network exporter would after serializing.</summary>
    private sealed class CountingExporter : BaseExporter<Activity>
    {
        private long _exported;

        public override ExportResult Export(in Batch<Activity> batch)
        {
            foreach (var activity in batch)
            {
                _exported += activity.TagObjects.Count();
            }

            return ExportResult.Success;
        }
    }
}
