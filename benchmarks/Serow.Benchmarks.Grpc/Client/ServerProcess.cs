// Licensed under the MIT license. See LICENSE in the project root.

using System.Diagnostics;
using System.Globalization;

namespace Serow.Benchmarks.Grpc.Client;

/// <summary>The server process (this program with <c>--server</c>): its two ports and its allocation and CPU counters.</summary>
internal sealed class ServerProcess : IDisposable
{
    private readonly Process _process;

    private ServerProcess(Process process, int serowPort, int handWrittenPort)
    {
        _process = process;
        SerowPort = serowPort;
        HandWrittenPort = handWrittenPort;
    }

    public int SerowPort { get; }

    public int HandWrittenPort { get; }

    /// <param name="telemetry">Whether the server exports Serow's traces and metrics (an OpenTelemetry SDK with exporters attached).</param>
    public static async Task<ServerProcess> StartAsync(bool telemetry)
    {
        var path = Environment.ProcessPath ?? throw new InvalidOperationException("Unknown process path.");
        var start = new ProcessStartInfo(path)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        if (Path.GetFileNameWithoutExtension(path) == "dotnet")
        {
            start.ArgumentList.Add(typeof(ServerProcess).Assembly.Location);
        }

        start.ArgumentList.Add("--server");
        if (telemetry)
        {
            start.ArgumentList.Add("--telemetry");
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException("The server did not start.");
        var line = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(false);
        var parts = line?.Split(' ') ?? [];
        if (parts is not ["ports", var serow, var handWritten])
        {
            process.Kill();
            throw new InvalidOperationException($"Unexpected server output: {line}");
        }

        return new ServerProcess(process, int.Parse(serow, CultureInfo.InvariantCulture), int.Parse(handWritten, CultureInfo.InvariantCulture));
    }

    /// <summary>Thread-pool work items the server process has completed so far.</summary>
    public Task<long> WorkItemsAsync() => AskAsync("work");

    /// <summary>Methods the server process's JIT has compiled so far.</summary>
    public Task<long> JitMethodsAsync() => AskAsync("jit");

    /// <summary>Bytes the server process has allocated so far.</summary>
    public Task<long> AllocatedAsync() => AskAsync("alloc");

    /// <summary>Processor time the server process has used so far, in milliseconds.</summary>
    public Task<long> CpuMillisecondsAsync() => AskAsync("cpu");

    public void Dispose()
    {
        _process.StandardInput.Close();
        if (!_process.WaitForExit(10_000))
        {
            _process.Kill();
        }

        _process.Dispose();
    }

    private async Task<long> AskAsync(string command)
    {
        await _process.StandardInput.WriteLineAsync(command).ConfigureAwait(false);
        await _process.StandardInput.FlushAsync().ConfigureAwait(false);
        var line = await _process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(false);
        return long.Parse(line ?? throw new InvalidOperationException("The server stopped."), CultureInfo.InvariantCulture);
    }
}
