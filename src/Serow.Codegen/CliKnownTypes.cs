// Licensed under the MIT license. See LICENSE in the project root.

namespace Serow.Codegen;

/// <summary>Fully qualified names of the types the generated command-line client refers to.</summary>
internal static class CliKnownTypes
{
    public const string Application = "global::Serow.CommandLine.CliApplication";
    public const string Service = "global::Serow.CommandLine.CliService";
    public const string Method = "global::Serow.CommandLine.CliMethod";
    public const string Field = "global::Serow.CommandLine.CliField";
    public const string FieldKind = "global::Serow.CommandLine.CliFieldKind";
    public const string MethodKind = "global::Serow.CommandLine.CliMethodKind";
    public const string Transport = "global::Serow.CommandLine.CliTransport";
    public const string Call = "global::Serow.CommandLine.CliCall";
    public const string TextReader = "global::System.IO.TextReader";
    public const string TextWriter = "global::System.IO.TextWriter";
    public const string NotSupportedException = "global::System.NotSupportedException";
}
