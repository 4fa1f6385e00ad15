// Licensed under the MIT license. See LICENSE in the project root.

using System.CommandLine;
using System.CommandLine.Invocation;

namespace Serow.Cli.Internal;

/// <summary>Prints the tool's own version; the default action reads the entry assembly, which is not serow when hosted in tests.</summary>
internal sealed class PrintVersionAction : SynchronousCommandLineAction
{
    public override bool ClearsParseErrors => true;

    public override int Invoke(ParseResult parseResult)
    {
        parseResult.InvocationConfiguration.Output.WriteLine(SerowCli.Version);
        return 0;
    }
}
