// Licensed under the MIT license. See LICENSE in the project root.

using System.Text;

namespace Serow.Codegen.Writing;

/// <summary>Writes indented C# text with LF line endings; blocks are opened and closed explicitly.</summary>
internal sealed class CodeWriter
{
    private readonly StringBuilder _text = new();
    private int _indent;

    public CodeWriter Line(string line = "")
    {
        if (line.Length > 0)
        {
            _text.Append(' ', _indent * 4);
        }

        _text.Append(line).Append('\n');
        return this;
    }

    /// <summary>Writes several lines, each indented at the current level (a raw string's own indentation is kept).</summary>
    public CodeWriter Lines(string lines)
    {
        foreach (var line in lines.Replace("\r\n", "\n").Split('\n'))
        {
            Line(line.TrimEnd());
        }

        return this;
    }

    public CodeWriter Open(string header)
    {
        Line(header);
        Line("{");
        _indent++;
        return this;
    }

    /// <summary>Opens a bare block, for locals that must not leak into the enclosing scope.</summary>
    public CodeWriter OpenBlock()
    {
        Line("{");
        _indent++;
        return this;
    }

    public CodeWriter Close(string suffix = "")
    {
        _indent--;
        Line("}" + suffix);
        return this;
    }

    /// <summary>Writes an XML doc summary, escaping the text and keeping its line breaks.</summary>
    public CodeWriter Summary(string text)
    {
        Line("/// <summary>");
        foreach (var line in Xml.Escape(text.Trim()).Split('\n'))
        {
            Line("/// " + line.TrimEnd());
        }

        Line("/// </summary>");
        return this;
    }

    public CodeWriter Param(string name, string text) => Line($"/// <param name=\"{name}\">{Xml.Escape(OneLine(text))}</param>");

    public CodeWriter Returns(string text) => Line($"/// <returns>{Xml.Escape(OneLine(text))}</returns>");

    public override string ToString() => _text.ToString();

    private static string OneLine(string text) => string.Join(' ', text.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
}
