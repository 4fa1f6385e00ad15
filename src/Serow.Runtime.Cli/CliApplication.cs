// Licensed under the MIT license. See LICENSE in the project root.

using System.CommandLine;
using Serow.CommandLine.Internal;

namespace Serow.CommandLine;

/// <summary>
/// A generated command-line client: <c>&lt;tool&gt; [--transport grpc|http] [--url URL] &lt;service&gt; &lt;method&gt; [payload options]</c>.
/// Generated code describes the services and methods; this class builds the System.CommandLine commands and runs them.
/// </summary>
public sealed class CliApplication
{
    /// <summary>The exit code of a successful call.</summary>
    public const int ExitOk = 0;

    /// <summary>The exit code of a call that failed with a service error (including a validation error).</summary>
    public const int ExitServiceError = 1;

    /// <summary>The exit code of a command line that does not parse (unknown command, bad option value).</summary>
    public const int ExitUsage = 2;

    /// <summary>The exit code of a call that could not reach the server or failed in the transport.</summary>
    public const int ExitTransport = 3;

    /// <summary>The exit code of a call cancelled by the user (Ctrl+C).</summary>
    public const int ExitCancelled = 130;

    /// <summary>The tool's name, shown in help (for example <c>streaming-cli</c>).</summary>
    public required string Name { get; init; }

    /// <summary>The API's description, shown by <c>--help</c>.</summary>
    public string? Description { get; init; }

    /// <summary>The services, in design order.</summary>
    public required IReadOnlyList<CliService> Services { get; init; }

    /// <summary>The address used for gRPC when <c>--url</c> is not given.</summary>
    public Uri DefaultGrpcUrl { get; init; } = new("http://127.0.0.1:8090");

    /// <summary>The address used for HTTP when <c>--url</c> is not given.</summary>
    public Uri DefaultHttpUrl { get; init; } = new("http://127.0.0.1:8080");

    /// <summary>Runs the command line against the console; Ctrl+C cancels the call.</summary>
    /// <param name="args">The command-line arguments.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The exit code: 0, or one of the <c>Exit…</c> constants.</returns>
    public Task<int> RunAsync(string[] args, CancellationToken cancellationToken = default) =>
        CommandRunner.RunAsync(this, args, Console.In, Console.Out, Console.Error, handleTermination: true, cancellationToken);

    /// <summary>Runs the command line with the given standard input, output and error.</summary>
    /// <param name="args">The command-line arguments.</param>
    /// <param name="input">Where client-streaming methods read their messages from, one JSON document per line.</param>
    /// <param name="output">Where results are written, one JSON document per line.</param>
    /// <param name="error">Where errors and usage problems are written.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The exit code: 0, or one of the <c>Exit…</c> constants.</returns>
    public Task<int> RunAsync(string[] args, TextReader input, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        return CommandRunner.RunAsync(this, args, input, output, error, handleTermination: false, cancellationToken);
    }

    /// <summary>Builds the command tree, for tests and for hosts that add their own commands.</summary>
    /// <param name="input">Where client-streaming methods read their messages from.</param>
    /// <returns>The root command.</returns>
    public Command CreateCommand(TextReader input) => CommandRunner.Build(this, input);
}
