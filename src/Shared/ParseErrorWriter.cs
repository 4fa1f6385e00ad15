// Licensed under the MIT license. See LICENSE in the project root.

using System.CommandLine;
using System.CommandLine.Parsing;
using System.Text.RegularExpressions;

namespace Serow.Internal;

/// <summary>
/// Prints a command line that does not parse as a few <c>error:</c> lines instead of System.CommandLine's full help: the
/// first unknown word with a "did you mean", a missing command with the commands there are, a bad option value with
/// the kind of value expected, then where the help is.
/// </summary>
internal static partial class ParseErrorWriter
{
    /// <param name="parse">The parse result with errors.</param>
    /// <param name="error">Where to write.</param>
    /// <param name="programName">The program's name for the messages, when it is not the executable's.</param>
    public static void Write(ParseResult parse, TextWriter error, string? programName = null)
    {
        var command = parse.CommandResult.Command;
        var path = CommandPath(parse.CommandResult, programName);
        var lines = new List<string>();
        if (parse.UnmatchedTokens.Count > 0)
        {
            var word = parse.UnmatchedTokens[0];
            var isOption = word.StartsWith('-');
            var known = isOption ? OptionNames(parse.CommandResult) : command.Subcommands.Where(c => !c.Hidden).Select(c => c.Name);
            var suggestion = Suggestions.Closest(word, known);
            lines.Add($"error: '{path}' has no {(isOption ? "option" : "command or argument")} '{word}'{(suggestion is null ? string.Empty : $"; did you mean '{suggestion}'?")}");
        }

        foreach (var problem in parse.Errors)
        {
            var message = problem.Message;
            if (message.StartsWith("Unrecognized command or argument", StringComparison.Ordinal))
            {
                continue;
            }

            if (message.StartsWith("Required command was not provided", StringComparison.Ordinal))
            {
                if (parse.UnmatchedTokens.Count == 0)
                {
                    lines.Add($"error: '{path}' needs a command: {string.Join(", ", command.Subcommands.Where(c => !c.Hidden).Select(c => c.Name))}");
                }

                continue;
            }

            if (message.StartsWith("Required argument missing", StringComparison.Ordinal))
            {
                lines.Add($"error: '{path}' needs {string.Join(" ", command.Arguments.Where(a => !a.Hidden).Select(a => $"<{a.Name}>"))}");
                continue;
            }

            var match = CannotParse().Match(message);
            lines.Add(match.Success
                ? $"error: {match.Groups["option"].Value} expects {Expected(match.Groups["type"].Value)}, not '{match.Groups["value"].Value}'"
                : "error: " + message);
        }

        foreach (var line in lines.Distinct(StringComparer.Ordinal))
        {
            error.WriteLine(line);
        }

        error.WriteLine($"Run '{path} --help' for usage.");
        error.Flush();
    }

    /// <summary>Whether the command line asks for help, which then wins over its other problems.</summary>
    public static bool AsksForHelp(ParseResult parse) => parse.Tokens.Any(t => t.Value is "--help" or "-h" or "-?" or "/?" or "/h");

    private static string CommandPath(CommandResult result, string? programName)
    {
        var names = new List<string>();
        for (SymbolResult? current = result; current is not null; current = current.Parent)
        {
            if (current is CommandResult command)
            {
                names.Add(command.Parent is null && programName is not null ? programName : command.Command.Name);
            }
        }

        names.Reverse();
        return string.Join(' ', names);
    }

    private static IEnumerable<string> OptionNames(CommandResult result)
    {
        foreach (var option in result.Command.Options.Where(o => !o.Hidden))
        {
            yield return option.Name;
        }

        for (var parent = result.Parent as CommandResult; parent is not null; parent = parent.Parent as CommandResult)
        {
            foreach (var option in parent.Command.Options.Where(o => o.Recursive && !o.Hidden))
            {
                yield return option.Name;
            }
        }
    }

    private static string Expected(string type) => type switch
    {
        "System.Int32" or "System.Int64" or "System.Int16" => "an integer",
        "System.UInt32" or "System.UInt64" => "a non-negative integer",
        "System.Double" or "System.Single" or "System.Decimal" => "a number",
        "System.Boolean" => "true or false",
        _ => "a value of type " + type[(type.LastIndexOf('.') + 1)..],
    };

    [GeneratedRegex("^Cannot parse argument '(?<value>.*)' for option '(?<option>[^']*)' as expected type '(?<type>[^']*)'")]
    private static partial Regex CannotParse();
}
