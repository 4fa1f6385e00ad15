// Licensed under the MIT license. See LICENSE in the project root.

using Serow.Codegen.Emitters;
using Serow.Codegen.Http.Model;
using Serow.Codegen.Model;

namespace Serow.Codegen.Http.Emitters;

/// <summary>Prints the System.Text.Json source-generation context that lists every type a service exchanges over HTTP.</summary>
internal static class JsonContextEmitter
{
    // [JsonSerializable(typeof(<T>))]   one per payload, result and stream message type
    // public sealed partial class <Service>JsonContext : JsonSerializerContext;
    // (no GeneratedCode attribute: the System.Text.Json generator adds its own to the other half of the class)
    public static GeneratedFile Emit(CodeModel model, HttpServiceSpec http) =>
        CSharpFile.Create(model, $"{http.Service.Name}/Http/{http.JsonContext}.g.cs", http.Service.Namespace, "json", writer =>
        {
            writer.Summary($"The System.Text.Json metadata, generated at build time, of every type the \"{http.Service.Design.Name}\" service exchanges over HTTP.");
            foreach (var type in http.JsonTypes)
            {
                writer.Line($"[{HttpKnownTypes.JsonSerializable}(typeof({type}))]");
            }

            writer.Line($"public sealed partial class {http.JsonContext} : {HttpKnownTypes.JsonSerializerContext}");
            writer.Line("{");
            writer.Line("}");
        });
}
