// Licensed under the MIT license. See LICENSE in the project root.

namespace Serow.Cli.Internal;

/// <summary>The outcome of a child process: its exit code and its standard output and error, interleaved as received.</summary>
internal sealed record ProcessResult(int ExitCode, string Output, string StandardOutput);
