// Licensed under the MIT license. See LICENSE in the project root.

using Serow.Design;

namespace Serow.Codegen;

/// <summary>A generator: a pure function from a validated design to files (the service layer, a transport, a document).</summary>
public interface ICodeGenerator
{
    /// <summary>A short name for messages, for example <c>service</c> or <c>grpc</c>.</summary>
    string Name { get; }

    /// <summary>Generates this generator's files; an empty list when the design does not use what it generates.</summary>
    IReadOnlyList<GeneratedFile> Generate(DesignRoot design, GenerationOptions options);
}
