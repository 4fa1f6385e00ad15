// Licensed under the MIT license. See LICENSE in the project root.

using Serow.Codegen.Model;
using Serow.Codegen.Writing;

namespace Serow.Codegen.Http.TypeScript;

/// <summary><c>errors.ts</c>: one class per designed error (API-wide and per service), as the C# exception classes.</summary>
internal sealed class TsErrors
{
    private readonly List<(ErrorSpec Error, string Name)> _names = [];

    /// <param name="model">The model.</param>
    /// <param name="taken">Names the package's index exports from elsewhere (the runtime, the types, the clients): an error class with one of them gets the API's name in front.</param>
    public TsErrors(CodeModel model, IReadOnlySet<string> taken)
    {
        // One module holds every error class: a class name two services share gets its service's name in front.
        var all = model.ApiErrors.Select(e => (Error: e, Service: (ServiceSpec?)null))
            .Concat(model.Services.SelectMany(s => s.Errors.Select(e => (Error: e, Service: (ServiceSpec?)s))))
            .ToList();
        foreach (var group in all.GroupBy(e => e.Error.ClassName, StringComparer.Ordinal))
        {
            foreach (var (error, service) in group)
            {
                var name = group.Count() == 1 || service is null ? error.ClassName : service.Name + error.ClassName;
                _names.Add((error, taken.Contains(name) ? CSharp.Pascal(model.Design.Api.Name) + name : name));
            }
        }
    }

    /// <summary>The class of a designed error.</summary>
    public string NameOf(ErrorSpec error) => _names.First(e => ReferenceEquals(e.Error, error)).Name;

    public string EmitModule(string header)
    {
        var writer = new TsWriter();
        writer.Line(header);
        writer.Line(_names.Count > 0 ? "import * as serow from \"./runtime.js\";" : "export {};");
        foreach (var (error, name) in _names)
        {
            var design = error.Design;
            writer.Line();
            writer.Doc(design.Description ?? $"The designed error \"{design.Name}\".");
            writer.Open($"export class {name} extends serow.ServiceError");
            writer.Doc("The error's designed name, carried over every transport.");
            writer.Line($"static readonly errorName = {TsWriter.String(design.Name)};");
            writer.Line();
            writer.Open("constructor(message: string, init: serow.ErrorInit = {})");
            writer.Line($"super({TsWriter.String(design.Name)}, message, {{ ...init, temporary: {Bool(design.Temporary)}, timeout: {Bool(design.Timeout)}, fault: {Bool(design.Fault)} }});");
            writer.Line($"this.name = {TsWriter.String(name)};");
            writer.Close();
            writer.Close();
        }

        return writer.ToString();
    }

    private static string Bool(bool value) => value ? "true" : "false";
}
