// Licensed under the MIT license. See LICENSE in the project root.

using Serow.Codegen.Emitters;
using Serow.Codegen.Model;
using Serow.Design;

namespace Serow.Codegen;

/// <summary>Where the scaffold finds what it builds on, as seen from each scaffolded project's folder.</summary>
public sealed record ExampleOptions
{
    /// <summary>The generated code's folder (what <c>serow gen</c> wrote), relative to a project folder, with <c>/</c> separators.</summary>
    public required string GenPath { get; init; }

    /// <summary>
    /// The Serow source tree (the folder holding <c>Serow.slnx</c>), relative to a project folder, with <c>/</c>
    /// separators; null to reference Serow's packages of <see cref="SerowPackageVersion"/> instead.
    /// </summary>
    public string? SerowRoot { get; init; }

    /// <summary>The version of the Serow packages the projects reference when there is no <see cref="SerowRoot"/>.</summary>
    public string? SerowPackageVersion { get; init; }

    /// <summary>The versions of the packages the transports need at build (from the Serow tree's central package versions); a transport's default otherwise.</summary>
    public IReadOnlyDictionary<string, string> PackageVersions { get; init; } = new Dictionary<string, string>();

    /// <summary>The transports the scaffold serves and calls the services over, the default first.</summary>
    public required IReadOnlyList<TransportBinding> Transports { get; init; }
}

/// <summary>
/// The files <c>serow example</c> writes once and the user then owns: a server project hosting every service on the
/// transports its design names, with one stub implementation per service, and a client project running the generated
/// command-line client. A pure function of its inputs; the caller never overwrites an existing file.
/// </summary>
public static class ExampleScaffold
{
    /// <summary>The scaffold's files, with paths relative to the scaffold's folder (<c>&lt;Api&gt;.Server/…</c>, <c>&lt;Api&gt;.Client/…</c>).</summary>
    /// <param name="design">The validated design.</param>
    /// <param name="options">Generation settings; the root namespace must match the one the generated code was written with.</param>
    /// <param name="example">Where the projects find the generated code and Serow.</param>
    /// <exception cref="CodegenException">Two design elements map to one C# name.</exception>
    public static IReadOnlyList<GeneratedFile> Generate(DesignRoot design, GenerationOptions options, ExampleOptions example)
    {
        ArgumentNullException.ThrowIfNull(design);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(example);
        var model = CodeModelBuilder.Build(design, options);
        return ExampleEmitter.Emit(model, CliModelBuilder.Build(model, example.Transports), example);
    }

    /// <summary>The name of the scaffold's projects' prefix: the API name in PascalCase (<c>Streaming</c> for <c>Streaming.Server</c>).</summary>
    /// <param name="design">The design.</param>
    public static string ProjectPrefix(DesignRoot design)
    {
        ArgumentNullException.ThrowIfNull(design);
        return Writing.CSharp.Pascal(design.Api.Name);
    }
}
