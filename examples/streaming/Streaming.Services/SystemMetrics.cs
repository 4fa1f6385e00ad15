// Licensed under the MIT license. See LICENSE in the project root.

using System.Globalization;

namespace Streaming.Services;

/// <summary>Reads the machine's CPU and memory usage (from /proc on Linux, from the process elsewhere).</summary>
public sealed class SystemMetrics
{
    private (ulong Busy, ulong Total)? _previous;

    /// <summary>CPU usage since the previous sample, and memory in use, both in percent.</summary>
    public (float Cpu, float Memory) Sample()
    {
        return OperatingSystem.IsLinux() && File.Exists("/proc/stat")
            ? (LinuxCpu(), LinuxMemory())
            : (ProcessCpu(), ProcessMemory());
    }

    private float LinuxCpu()
    {
        // First line: "cpu  user nice system idle iowait irq softirq steal ..." in clock ticks since boot.
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(f => ulong.Parse(f, CultureInfo.InvariantCulture)).ToArray();
        var idle = fields[3] + (fields.Length > 4 ? fields[4] : 0);
        var total = fields.Aggregate(0UL, (sum, f) => sum + f);
        var busy = total - idle;
        var previous = _previous ?? (0, 0);
        _previous = (busy, total);
        var deltaTotal = total - previous.Total;
        return deltaTotal == 0 ? 0 : (float)Math.Round(100.0 * (busy - previous.Busy) / deltaTotal, 1);
    }

    private static float LinuxMemory()
    {
        ulong total = 0, available = 0;
        foreach (var line in File.ReadLines("/proc/meminfo"))
        {
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts[0] == "MemTotal:")
            {
                total = ulong.Parse(parts[1], CultureInfo.InvariantCulture);
            }
            else if (parts[0] == "MemAvailable:")
            {
                available = ulong.Parse(parts[1], CultureInfo.InvariantCulture);
            }
        }

        return total == 0 ? 0 : (float)Math.Round(100.0 * (total - available) / total, 1);
    }

    private DateTime _lastWall = DateTime.UtcNow;
    private TimeSpan _lastCpu = TimeSpan.Zero;

    private float ProcessCpu()
    {
        var process = System.Diagnostics.Process.GetCurrentProcess();
        var now = DateTime.UtcNow;
        var cpu = process.TotalProcessorTime;
        var wall = (now - _lastWall).TotalMilliseconds * Environment.ProcessorCount;
        var used = (cpu - _lastCpu).TotalMilliseconds;
        (_lastWall, _lastCpu) = (now, cpu);
        return wall <= 0 ? 0 : (float)Math.Round(Math.Min(100, 100 * used / wall), 1);
    }

    private static float ProcessMemory()
    {
        var info = GC.GetGCMemoryInfo();
        return info.TotalAvailableMemoryBytes == 0 ? 0 : (float)Math.Round(100.0 * Environment.WorkingSet / info.TotalAvailableMemoryBytes, 1);
    }
}
