// Licensed under the MIT license. See LICENSE in the project root.

using System.Diagnostics;
using System.Text;

namespace Serow.Http.Tests.Python;

/// <summary>What one run of tests/tools/python-ws/ws_client.py printed.</summary>
public sealed record ScriptRun(string Scenario, int ExitCode, IReadOnlyList<string> Lines, string Errors)
{
    public string Transcript => $"ws_client.py {Scenario} exited with {ExitCode}\n{string.Join('\n', Lines)}\n{Errors}";

    /// <summary>Every check of the script held (exit code 0, no FAIL line) and the named checks were among them.</summary>
    public void AssertPassed(params string[] checks)
    {
        Assert.True(ExitCode == 0, Transcript);
        Assert.DoesNotContain(Lines, line => line.StartsWith("FAIL", StringComparison.Ordinal));
        foreach (var check in checks)
        {
            Assert.True(Lines.Contains("ok " + check), $"missing check \"{check}\"\n{Transcript}");
        }
    }
}

/// <summary>
/// Runs the independent Python WebSocket client (no Serow code on that side) as a child process. When the script
/// prints "wait &lt;tag&gt;" it blocks on stdin; the test acts on the server side meanwhile and answers with one line.
/// </summary>
internal static class PythonClient
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(25);

    public static async Task<ScriptRun> RunAsync(Uri webSocketBase, string scenario, Func<string, Task<string>>? onWait = null, ExampleHost? host = null)
    {
        ExternalTools.RequirePython();
        var start = new ProcessStartInfo(ExternalTools.Python)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
        };
        start.ArgumentList.Add("-u");
        start.ArgumentList.Add(ExternalTools.RepositoryFile("tests/tools/python-ws/ws_client.py"));
        start.ArgumentList.Add(webSocketBase.ToString().TrimEnd('/'));
        start.ArgumentList.Add(scenario);
        start.Environment["PYTHONDONTWRITEBYTECODE"] = "1";
        if (host is not null)
        {
            // chat.connect's token and logger.manage's API key, which the script sends as a header and a subprotocol.
            start.Environment["SEROW_TOKEN"] = host.Credentials.IssueToken("python");
            start.Environment["SEROW_API_KEY"] = host.Credentials.ApiKey;
        }


        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(RunTimeout);
        var errors = process.StandardError.ReadToEndAsync(timeout.Token);
        var lines = new List<string>();
        try
        {
            while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                lines.Add(line);
                if (line.StartsWith("wait ", StringComparison.Ordinal))
                {
                    var answer = onWait is null ? "" : await onWait(line["wait ".Length..]).WaitAsync(timeout.Token);
                    await process.StandardInput.WriteLineAsync(answer.AsMemory(), timeout.Token);
                    await process.StandardInput.FlushAsync(timeout.Token);
                }
            }

            await process.WaitForExitAsync(timeout.Token);
            return new ScriptRun(scenario, process.ExitCode, lines, await errors);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            Assert.Fail($"ws_client.py {scenario} did not finish within {RunTimeout.TotalSeconds} s\n{string.Join('\n', lines)}");
            throw;
        }
        finally
        {
            // A failed assertion of the test's side (or the timeout) leaves the script waiting: end it.
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }
}
