// Licensed under the MIT license. See LICENSE in the project root.

using System.Text;

namespace Serow.Codegen.Http.TypeScript;

/// <summary>Writes TypeScript text: two-space indentation, braces on the opening line, JSDoc comments.</summary>
internal sealed class TsWriter
{
    private readonly StringBuilder _text = new();
    private int _depth;

    public TsWriter Line(string line = "")
    {
        if (line.Length > 0)
        {
            _text.Append(' ', _depth * 2).Append(line);
        }

        _text.Append('\n');
        return this;
    }

    /// <summary>Writes each line of <paramref name="text"/> (another writer's text) at the current indentation.</summary>
    public TsWriter Lines(string text)
    {
        if (text.Length > 0)
        {
            foreach (var line in text.TrimEnd('\n').Split('\n'))
            {
                Line(line);
            }
        }

        return this;
    }

    /// <summary>Writes <paramref name="header"/> followed by <c>{</c> and indents.</summary>
    public TsWriter Open(string header)
    {
        Line(header + " {");
        _depth++;
        return this;
    }

    /// <summary>Writes a bare <c>{</c> (a block of its own) and indents.</summary>
    public TsWriter OpenBlock()
    {
        Line("{");
        _depth++;
        return this;
    }

    /// <summary>Dedents and writes <c>}</c> with an optional suffix.</summary>
    public TsWriter Close(string suffix = "")
    {
        _depth--;
        return Line("}" + suffix);
    }

    /// <summary>A JSDoc comment of one or more lines; nothing for empty text.</summary>
    public TsWriter Doc(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return this;
        }

        var lines = text.Replace("*/", "*\\/", StringComparison.Ordinal).Split('\n').Select(l => l.TrimEnd()).ToList();
        if (lines.Count == 1)
        {
            return Line($"/** {lines[0]} */");
        }

        Line("/**");
        foreach (var line in lines)
        {
            Line(line.Length == 0 ? " *" : $" * {line}");
        }

        return Line(" */");
    }

    public override string ToString() => _text.ToString();

    /// <summary>A TypeScript string literal (JSON's escaping is valid TypeScript).</summary>
    public static string String(string value)
    {
        var text = new StringBuilder("\"");
        foreach (var c in value)
        {
            text.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                '\u2028' => "\\u2028",
                '\u2029' => "\\u2029",
                < ' ' => $"\\u{(int)c:x4}",
                _ => c.ToString(),
            });
        }

        return text.Append('"').ToString();
    }

    /// <summary>A property name: bare when it is an identifier, quoted otherwise.</summary>
    public static string Property(string name) =>
        name.Length > 0 && (char.IsAsciiLetter(name[0]) || name[0] is '_' or '$') && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '$')
            ? name
            : String(name);

    /// <summary>A member access: <c>value.name</c>, or <c>value["na-me"]</c>.</summary>
    public static string Access(string value, string name) =>
        Property(name) == name ? $"{value}.{name}" : $"{value}[{String(name)}]";
}
