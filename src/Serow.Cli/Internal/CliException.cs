// Licensed under the MIT license. See LICENSE in the project root.

namespace Serow.Cli.Internal;

/// <summary>A failure to report to the user as one message, without a stack trace; the command exits with 1.</summary>
internal sealed class CliException : Exception
{
    public CliException(string message)
        : base(message)
    {
    }

    public CliException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Output to show before the message, for example a failed build's log.</summary>
    public string? Details { get; init; }
}
