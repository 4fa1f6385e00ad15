// Licensed under the MIT license. See LICENSE in the project root.

using Serow.Cli.Internal;

namespace Serow.Cli.Tests;

/// <summary>The outcome of one in-process run of the serow tool.</summary>
internal sealed record CliRun(int ExitCode, string Output, string Error)
{
    public static CliRun InvokeIn(string workingDirectory, params string[] args)
    {
        using var output = new StringWriter { NewLine = "\n" };
        using var error = new StringWriter { NewLine = "\n" };
        var exitCode = SerowCli.Run(args, output, error, workingDirectory);
        return new CliRun(exitCode, output.ToString(), error.ToString());
    }

    public static CliRun Invoke(params string[] args) => InvokeIn(Directory.GetCurrentDirectory(), args);
}
