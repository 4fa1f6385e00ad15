// Licensed under the MIT license. See LICENSE in the project root.

using Serow.Cli.Internal;

namespace Serow.Cli;

/// <summary>The entry point of the <c>serow</c> tool.</summary>
internal static class Program
{
    private static int Main(string[] args) => SerowCli.Run(args, Console.Out, Console.Error);
}
