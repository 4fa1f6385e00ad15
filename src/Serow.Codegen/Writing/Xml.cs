// Licensed under the MIT license. See LICENSE in the project root.

namespace Serow.Codegen.Writing;

/// <summary>Escapes design text for XML doc comments.</summary>
internal static class Xml
{
    public static string Escape(string text) => text
        .Replace("\r\n", "\n")
        .Replace("&", "&amp;")
        .Replace("<", "&lt;")
        .Replace(">", "&gt;");
}
