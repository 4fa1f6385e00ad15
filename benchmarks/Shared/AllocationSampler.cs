// Licensed under the MIT license. See LICENSE in the project root.

using System.Diagnostics.Tracing;
using System.Globalization;
using System.Text;

namespace Serow.Benchmarks;

/// <summary>
/// Tells which types a benchmark process allocates: listens to the runtime's allocation ticks (one per about 100 KB
/// allocated, naming the type of the object that crossed the mark) and writes the share of each type when the
/// process ends. On only when <c>SEROW_BENCH_ALLOCATIONS</c> names the file to write; run one scenario and one side
/// to read it.
/// </summary>
internal sealed class AllocationSampler : EventListener
{
    private const EventKeywords GcKeyword = (EventKeywords)0x1;
    private readonly Dictionary<string, (long Bytes, long Ticks)> _types = new(StringComparer.Ordinal);
    private readonly string? _path;

    private AllocationSampler(string path) => _path = path;

    public static AllocationSampler? StartFromEnvironment() =>
        Environment.GetEnvironmentVariable("SEROW_BENCH_ALLOCATIONS") is { Length: > 0 } path ? new AllocationSampler(path) : null;

    public override void Dispose()
    {
        base.Dispose();
        if (_path is null)
        {
            return;
        }

        var text = new StringBuilder();
        lock (_types)
        {
            var total = _types.Values.Sum(t => t.Bytes);
            text.AppendLine(CultureInfo.InvariantCulture, $"# {Environment.ProcessId}: {total / (1024 * 1024)} MiB sampled");
            foreach (var (type, (bytes, ticks)) in _types.OrderByDescending(t => t.Value.Bytes).Take(40))
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"{100.0 * bytes / Math.Max(1, total),6:F2} %  {ticks,7}  {type}");
            }
        }

        File.AppendAllText(_path, text.ToString());
    }

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(eventSource, EventLevel.Verbose, GcKeyword);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (eventData.EventName is not { } name || !name.StartsWith("GCAllocationTick", StringComparison.Ordinal) || eventData.PayloadNames is null)
        {
            return;
        }

        var type = Payload(eventData, "TypeName") as string ?? "?";
        var bytes = Payload(eventData, "AllocationAmount64") is ulong amount ? (long)amount : 100_000;
        lock (_types)
        {
            _types.TryGetValue(type, out var entry);
            _types[type] = (entry.Bytes + bytes, entry.Ticks + 1);
        }
    }

    private static object? Payload(EventWrittenEventArgs eventData, string name)
    {
        var index = eventData.PayloadNames!.IndexOf(name);
        return index >= 0 ? eventData.Payload![index] : null;
    }
}
