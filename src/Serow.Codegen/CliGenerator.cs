// Licensed under the MIT license. See LICENSE in the project root.

using Serow.Codegen.Emitters;
using Serow.Codegen.Model;
using Serow.Design;

namespace Serow.Codegen;

/// <summary>
/// Generates the command-line client of a design (<c>Cli/&lt;Api&gt;Cli.g.cs</c>): one command per service, one
/// sub-command per method served over one of the given transports, one option per payload attribute, on the
/// Serow.Runtime.Cli runtime. A pure function of its inputs; no file when no method is served over a network transport.
/// </summary>
public sealed class CliGenerator : ICodeGenerator
{
    private readonly IReadOnlyList<TransportBinding> _transports;

    /// <summary>Creates the generator of a client that reaches the services over the given transports.</summary>
    /// <param name="transports">The transports whose generated clients the command-line client uses, the default first.</param>
    public CliGenerator(IReadOnlyList<TransportBinding> transports)
    {
        ArgumentNullException.ThrowIfNull(transports);
        _transports = transports;
    }

    /// <inheritdoc/>
    public string Name => "cli";

    /// <summary>Generates the command-line client, or nothing when no method is served over the transports.</summary>
    /// <param name="design">The validated design.</param>
    /// <param name="options">Generation settings.</param>
    /// <exception cref="CodegenException">Two design elements map to one C# name.</exception>
    public IReadOnlyList<GeneratedFile> Generate(DesignRoot design, GenerationOptions options)
    {
        ArgumentNullException.ThrowIfNull(design);
        ArgumentNullException.ThrowIfNull(options);
        var model = CodeModelBuilder.Build(design, options);
        var cli = CliModelBuilder.Build(model, _transports);
        return cli.Services.Count == 0 ? [] : [CliEmitter.Emit(model, cli)];
    }
}
