// Licensed under the MIT license. See LICENSE in the project root.

using System.Diagnostics;

namespace Serow.ReliabilityTests;

/// <summary>
/// The conformance service in a process of its own (testassets/ConformanceHost), so that a test can send it SIGTERM or
/// kill it, and measure from outside how it ends.
/// </summary>
internal sealed class HostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _lines = [];
    private readonly TaskCompletionSource<string> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private HostProcess(Process process) => _process = process;

    public Uri Grpc { get; private set; } = null!;

    public Uri Http { get; private set; } = null!;

    public int Id => _process.Id;

    /// <summary>Everything the process printed, for failure messages.</summary>
    public string Transcript
    {
        get
        {
            lock (_lines)
            {
                return string.Join('\n', _lines);
            }
        }
    }

    /// <summary>Starts the server and waits until it listens.</summary>
    public static async Task<HostProcess> StartServerAsync()
    {
        var host = Start("serve");
        var line = await host._listening.Task.WaitAsync(TimeSpan.FromSeconds(60));
        var parts = line.Split(' ').Select(p => p.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1]);
        host.Grpc = new Uri(parts["grpc"]);
        host.Http = new Uri(parts["http"]);
        return host;
    }

    /// <summary>Starts a client process holding <paramref name="count"/> streams of every kind open against <paramref name="server"/>.</summary>
    public static async Task<HostProcess> StartClientAsync(HostProcess server, int count)
    {
        var client = Start("client", server.Grpc.ToString(), server.Http.ToString(), count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await client.WaitForLineAsync("open", TimeSpan.FromSeconds(120));
        return client;
    }

    /// <summary>The server's open streams and the unexpected handler failures it logged.</summary>
    public async Task<(int Active, int Unexpected)> StatsAsync()
    {
        using var http = new HttpClient { BaseAddress = Http, Timeout = TimeSpan.FromSeconds(10) };
        var text = await http.GetStringAsync("reliability/stats");
        var values = text.Split(' ').Select(p => p.Split('=')).ToDictionary(p => p[0], p => int.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture));
        return (values["active"], values["unexpected"]);
    }

    /// <summary>Polls the stats until <paramref name="condition"/> holds (bounded); returns the last stats read.</summary>
    public async Task<(int Active, int Unexpected)> StatsWhenAsync(Func<(int Active, int Unexpected), bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        var stats = await StatsAsync();
        while (!condition(stats) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
            stats = await StatsAsync();
        }

        return stats;
    }

    /// <summary>Sends SIGTERM, as a service manager or a container runtime stops a process.</summary>
    public async Task TerminateAsync()
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))!;
        await kill.WaitForExitAsync();
    }

    /// <summary>Kills the process at once (SIGKILL): no cleanup, the kernel resets its connections.</summary>
    public void Kill() => _process.Kill(entireProcessTree: true);

    /// <summary>Waits for the process to exit; false when it is still running after <paramref name="timeout"/>.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        try
        {
            await _process.WaitForExitAsync().WaitAsync(timeout);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    public async Task<string> WaitForLineAsync(string prefix, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            lock (_lines)
            {
                if (_lines.FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal)) is { } line)
                {
                    return line;
                }
            }

            if (_process.HasExited)
            {
                break;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"no line starting with '{prefix}':\n{Transcript}");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        }

        _process.Dispose();
    }

    private static HostProcess Start(params string[] arguments)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(HostAssembly());
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        var host = new HostProcess(new Process { StartInfo = info });
        host._process.OutputDataReceived += (_, e) => host.Append(e.Data, "");
        host._process.ErrorDataReceived += (_, e) => host.Append(e.Data, "stderr: ");
        host._process.Start();
        host._process.BeginOutputReadLine();
        host._process.BeginErrorReadLine();
        return host;
    }

    private void Append(string? line, string prefix)
    {
        if (line is null)
        {
            return;
        }

        lock (_lines)
        {
            _lines.Add(prefix + line);
        }

        if (line.StartsWith("listening ", StringComparison.Ordinal))
        {
            _listening.TrySetResult(line);
        }
    }

    /// <summary>The host's assembly, built beside this project in the same configuration.</summary>
    private static string HostAssembly()
    {
        // bin/<configuration>/net10.0/ of this test project, mirrored under testassets/ConformanceHost.
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var framework = output.Name;
        var configuration = output.Parent!.Name;
        var root = output.Parent.Parent!.Parent!.Parent!.Parent!.FullName;
        var path = Path.Combine(root, "testassets", "ConformanceHost", "bin", configuration, framework, "Serow.ConformanceHost.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException("Build testassets/ConformanceHost first.", path);
    }
}
