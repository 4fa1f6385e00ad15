// Licensed under the MIT license. See LICENSE in the project root.

using System.Text;

namespace Serow.Cli.Tests.CliClient;

/// <summary>One run of the generated command-line client (Streaming.StreamingCli) in-process, with its output and exit code.</summary>
internal sealed record CliClientRun(int ExitCode, IReadOnlyList<string> Lines, string Error)
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <summary>Runs the client; when <paramref name="stopAfterLines"/> is set, cancels the call once that many lines are printed.</summary>
    public static async Task<CliClientRun> RunAsync(string input, int? stopAfterLines, params string[] args)
    {
        using var cancel = new CancellationTokenSource(Timeout);
        var output = new LineWriter(stopAfterLines, cancel);
        using var error = new StringWriter { NewLine = "\n" };
        var exitCode = await global::Streaming.StreamingCli.RunAsync(args, new StringReader(input), output, error, cancel.Token).WaitAsync(Timeout + TimeSpan.FromSeconds(5));
        return new CliClientRun(exitCode, output.Lines, error.ToString());
    }

    /// <summary>Collects written lines and cancels the run after the wanted count.</summary>
    private sealed class LineWriter(int? stopAfter, CancellationTokenSource cancel) : TextWriter
    {
        private readonly StringBuilder _current = new();
        private readonly List<string> _lines = [];

        public override Encoding Encoding => Encoding.UTF8;

        public IReadOnlyList<string> Lines
        {
            get
            {
                lock (_lines)
                {
                    return _lines.ToList();
                }
            }
        }

        public override void Write(char value)
        {
            lock (_lines)
            {
                if (value == '\r')
                {
                    return;
                }

                if (value != '\n')
                {
                    _current.Append(value);
                    return;
                }

                _lines.Add(_current.ToString());
                _current.Clear();
                if (stopAfter is { } count && _lines.Count >= count)
                {
                    cancel.Cancel();
                }
            }
        }
    }
}
