// Licensed under the MIT license. See LICENSE in the project root.

using Serow.Codegen.Emitters;
using Serow.Codegen.Model;
using Serow.Design;

namespace Serow.Codegen;

/// <summary>
/// Generates the transport-neutral service layer of a design: types with validation and views, errors, service and
/// client interfaces, stream interfaces, the contracts every transport shares, and the in-process client. A pure function of its inputs.
/// </summary>
public sealed class ServiceGenerator : ICodeGenerator
{
    /// <inheritdoc/>
    public string Name => "service";

    /// <summary>Generates every file of the service layer, ordered by path.</summary>
    /// <param name="design">The validated design.</param>
    /// <param name="options">Generation settings.</param>
    /// <exception cref="CodegenException">Two design elements map to one C# name.</exception>
    public IReadOnlyList<GeneratedFile> Generate(DesignRoot design, GenerationOptions options)
    {
        ArgumentNullException.ThrowIfNull(design);
        ArgumentNullException.ThrowIfNull(options);
        var model = CodeModelBuilder.Build(design, options);
        var files = new List<GeneratedFile>();
        files.AddRange(model.Objects.Select(o => TypeEmitter.Emit(model, o)));
        files.AddRange(model.Unions.Select(u => UnionEmitter.Emit(model, u)));
        if (ServersEmitter.Emit(model) is { } servers)
        {
            files.Add(servers);
        }

        files.AddRange(model.ApiErrors.Select(e => ErrorEmitter.Emit(model, e, "Errors")));
        files.AddRange(InterceptorEmitter.Emit(model));
        foreach (var service in model.Services)
        {
            files.Add(ServiceEmitter.EmitService(model, service));
            files.Add(ServiceEmitter.EmitClient(model, service));
            foreach (var method in service.Methods.Where(m => m.Kind != StreamKind.None))
            {
                files.AddRange(StreamEmitter.Emit(model, service, method));
            }

            files.AddRange(service.Errors.Select(e => ErrorEmitter.Emit(model, e, service.Name)));
            files.Add(ErrorEmitter.EmitFactory(model, service));
            files.Add(ServiceContractsEmitter.Emit(model, service));
            files.Add(InProcessClientEmitter.Emit(model, service));
            files.AddRange(InterceptorEmitter.Emit(model, service));
        }

        return files.OrderBy(f => f.Path, StringComparer.Ordinal).ToList();
    }
}
