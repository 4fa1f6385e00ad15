// Licensed under the MIT license. See LICENSE in the project root.

namespace Serow.CommandLine.Internal;

/// <summary>The process's standard streams as bytes, for raw request and response bodies when running on the console.</summary>
internal sealed class CliConsole
{
    public Stream OpenInput() => Console.OpenStandardInput();

    public Stream OpenOutput() => Console.OpenStandardOutput();
}
