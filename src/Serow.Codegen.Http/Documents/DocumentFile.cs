// Licensed under the MIT license. See LICENSE in the project root.

using Serow.Design;

namespace Serow.Codegen.Http.Documents;

/// <summary>A generated document: one section named <c>document</c>.</summary>
internal static class DocumentFile
{
    public const string Section = "document";

    public static GeneratedFile Create(string path, string text) =>
        new(path, EquatableArray.Create(new GeneratedSection(Section, text)));
}
