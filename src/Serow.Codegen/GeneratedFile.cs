// Licensed under the MIT license. See LICENSE in the project root.

using Serow.Design;

namespace Serow.Codegen;

/// <summary>One generated file: a path relative to the output folder and an ordered list of named sections.</summary>
/// <param name="Path">The path relative to the output folder, with <c>/</c> separators.</param>
/// <param name="Sections">The sections; plugins may find a section by name and replace it.</param>
public sealed record GeneratedFile(string Path, EquatableArray<GeneratedSection> Sections)
{
    /// <summary>The file's text: every section's text, in order.</summary>
    public string Content => string.Concat(Sections.Select(s => s.Text));

    /// <summary>Finds a section by name.</summary>
    public GeneratedSection? Section(string name) => Sections.FirstOrDefault(s => s.Name == name);
}

/// <summary>A named part of a generated file.</summary>
/// <param name="Name">The section's name, for example <c>header</c> or <c>type</c>.</param>
/// <param name="Text">The section's text.</param>
public sealed record GeneratedSection(string Name, string Text);
