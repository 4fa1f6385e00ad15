// Licensed under the MIT license. See LICENSE in the project root.

using System.CommandLine;
using System.Reflection;
using Serow.Internal;

namespace Serow.Cli.Internal;

/// <summary>Builds the <c>serow</c> command tree and runs it against given writers, so tests can call it in-process.</summary>
internal static class SerowCli
{
    /// <summary>The tool's version without build metadata, for example <c>0.1.0</c>.</summary>
    public static string Version { get; } = ReadVersion();

    public static RootCommand CreateRootCommand(string workingDirectory)
    {
        var root = new RootCommand("Serow: design-first APIs for .NET. Evaluates a design project and generates its C# code.");
        foreach (var option in root.Options.OfType<VersionOption>())
        {
            option.Action = new PrintVersionAction();
        }

        root.Subcommands.Add(GenCommand.Create(workingDirectory));
        root.Subcommands.Add(ExampleCommand.Create(workingDirectory));
        return root;
    }

    public static int Run(string[] args, TextWriter output, TextWriter error, string? workingDirectory = null)
    {
        var root = CreateRootCommand(workingDirectory ?? Environment.CurrentDirectory);
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0 && !ParseErrorWriter.AsksForHelp(parse))
        {
            ParseErrorWriter.Write(parse, error, "serow");
            return 2;
        }

        var configuration = new InvocationConfiguration { Output = output, Error = error };
        return parse.Invoke(configuration);
    }

    private static string ReadVersion()
    {
        var assembly = typeof(SerowCli).Assembly;
        var informational = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        if (string.IsNullOrEmpty(informational))
        {
            return assembly.GetName().Version?.ToString(3) ?? "0.0.0";
        }

        // The SDK may append "+<commit>"; users and generated headers want the plain version.
        var plus = informational.IndexOf('+', StringComparison.Ordinal);
        return plus < 0 ? informational : informational[..plus];
    }
}
