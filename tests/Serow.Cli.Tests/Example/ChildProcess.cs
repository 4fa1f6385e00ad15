// Licensed under the MIT license. See LICENSE in the project root.

using System.Diagnostics;
using System.Text;

namespace Serow.Cli.Tests.Example;

/// <summary>A child process (dotnet build, a scaffolded server or client) with its output collected line by line; killed with its tree on dispose.</summary>
internal sealed class ChildProcess : IDisposable
{
    // Set by the test host's MSBuild; they would point a child build at the wrong SDK pieces.
    private static readonly string[] InheritedMsBuildVariables =
        ["MSBuildExtensionsPath", "MSBuildSDKsPath", "MSBUILD_EXE_PATH", "MSBuildLoadMicrosoftTargetsReadOnly", "MSBUILDNOINPROCNODE"];

    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly StringBuilder _error = new();
    private readonly List<string> _lines = [];

    private ChildProcess(Process process) => _process = process;

    public string Output
    {
        get
        {
            lock (_lines)
            {
                return _output.ToString();
            }
        }
    }

    public string Error
    {
        get
        {
            lock (_lines)
            {
                return _error.ToString();
            }
        }
    }

    public static ChildProcess Start(string workingDirectory, string? input, params string[] arguments) =>
        StartProgram("dotnet", workingDirectory, input, arguments);

    /// <summary>Starts <paramref name="program"/> (an executable, for example an installed tool) instead of <c>dotnet</c>.</summary>
    public static ChildProcess StartProgram(string program, string workingDirectory, string? input, params string[] arguments)
    {
        var startInfo = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (var name in InheritedMsBuildVariables)
        {
            startInfo.Environment.Remove(name);
        }

        // The test platform's own settings for this test run would make a child `dotnet test` run (or filter) the wrong tests.
        foreach (var name in startInfo.Environment.Keys.Where(k => k.StartsWith("TESTINGPLATFORM_", StringComparison.OrdinalIgnoreCase) || k.StartsWith("DOTNET_CLI_TEST", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            startInfo.Environment.Remove(name);
        }

        startInfo.Environment["DOTNET_NOLOGO"] = "1";
        startInfo.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        var child = new ChildProcess(new Process { StartInfo = startInfo });
        child._process.OutputDataReceived += (_, e) => child.Append(e.Data, child._output, true);
        child._process.ErrorDataReceived += (_, e) => child.Append(e.Data, child._error, false);
        child._process.Start();
        child._process.BeginOutputReadLine();
        child._process.BeginErrorReadLine();
        if (input is not null)
        {
            child._process.StandardInput.Write(input);
        }

        child._process.StandardInput.Close();
        return child;
    }

    /// <summary>Runs to the end within <paramref name="timeout"/>; returns the exit code.</summary>
    public static Task<(int ExitCode, string Output, string Error)> RunAsync(string workingDirectory, TimeSpan timeout, string? input, params string[] arguments) =>
        RunProgramAsync("dotnet", workingDirectory, timeout, input, arguments);

    /// <summary>Runs <paramref name="program"/> to the end within <paramref name="timeout"/>; returns the exit code.</summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunProgramAsync(string program, string workingDirectory, TimeSpan timeout, string? input, params string[] arguments)
    {
        using var child = StartProgram(program, workingDirectory, input, arguments);
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await child._process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"{program} {string.Join(' ', arguments)} did not end within {timeout}:\n{child.Output}\n{child.Error}");
        }

        // The asynchronous readers may still be delivering the last lines.
        child._process.WaitForExit();
        return (child._process.ExitCode, child.Output, child.Error);
    }

    /// <summary>Waits until a line of standard output starts with <paramref name="prefix"/>; returns the rest of it.</summary>
    public async Task<string> WaitForLineAsync(string prefix, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            lock (_lines)
            {
                if (_lines.FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal)) is { } line)
                {
                    return line[prefix.Length..].Trim();
                }
            }

            if (_process.HasExited)
            {
                throw new InvalidOperationException($"the process exited ({_process.ExitCode}) before printing '{prefix}':\n{Output}\n{Error}");
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"no line starting with '{prefix}' within {timeout}:\n{Output}\n{Error}");
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // Not started, or already gone.
        }

        _process.Dispose();
    }

    private void Append(string? line, StringBuilder target, bool isOutput)
    {
        if (line is null)
        {
            return;
        }

        lock (_lines)
        {
            target.AppendLine(line);
            if (isOutput)
            {
                _lines.Add(line);
            }
        }
    }
}
