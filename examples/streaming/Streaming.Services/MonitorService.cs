// Licensed under the MIT license. See LICENSE in the project root.

using Streaming.Monitor;

namespace Streaming.Services;

/// <summary>monitor.watch: samples the machine's CPU and memory usage at the requested interval.</summary>
public sealed class MonitorService(LogHub logs, TimeProvider? time = null) : IMonitorService
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <summary>The shortest interval accepted, so a client cannot make the server spin.</summary>
    public static readonly TimeSpan MinimumInterval = TimeSpan.FromMilliseconds(100);

    public async Task WatchAsync(WatchPayload payload, IMonitorWatchServerStream stream, CancellationToken cancellationToken)
    {
        var interval = TimeSpan.FromSeconds(payload.Interval);
        var metrics = new SystemMetrics();
        metrics.Sample();
        await logs.PublishAsync("monitor", $"watch started, every {payload.Interval}s", cancellationToken);
        using var timer = new PeriodicTimer(interval < MinimumInterval ? MinimumInterval : interval, _time);
        while (await timer.WaitForNextTickAsync(cancellationToken))
        {
            var (cpu, memory) = metrics.Sample();
            await stream.SendAsync(new WatchResult { Cpu = cpu, Memory = memory }, cancellationToken);
        }
    }
}
