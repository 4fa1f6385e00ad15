// Licensed under the MIT license. See LICENSE in the project root.

using Serow.Codegen.Model;
using Serow.Codegen.Writing;

namespace Serow.Codegen.Emitters;

/// <summary>Prints one exception class per designed error, and per service a factory that maps names back to them.</summary>
internal static class ErrorEmitter
{
    // public sealed partial class <Name>Error : ServiceError
    // {
    //     public const string ErrorName = "<name>";
    //     public <Name>Error(string message, Exception? innerException = null) : base(ErrorName, message, <flags>) { }
    //     public <Detail>? Detail { get; init; }      custom error types only
    // }
    public static GeneratedFile Emit(CodeModel model, ErrorSpec error, string folder) =>
        CSharpFile.Create(model, $"{folder}/{error.ClassName}.g.cs", error.Namespace, "error", writer =>
        {
            var design = error.Design;
            writer.Summary(design.Description ?? $"The designed error \"{design.Name}\".");
            CSharpFile.GeneratedCodeAttribute(writer, model);
            writer.Open($"public sealed partial class {error.ClassName} : {KnownTypes.ServiceError}");
            writer.Summary("The error's designed name, carried over every transport.");
            writer.Line($"public const string ErrorName = {CSharp.String(design.Name)};");
            writer.Line();
            writer.Summary($"Creates the \"{design.Name}\" error.");
            writer.Param("message", "A message for the caller.");
            writer.Param("innerException", "The underlying exception, if any; never sent over a transport.");
            writer.Line($"public {error.ClassName}(string message, {KnownTypes.Exception}? innerException = null)");
            writer.Line($"    : base(ErrorName, message, temporary: {CSharp.Bool(design.Temporary)}, timeout: {CSharp.Bool(design.Timeout)}, fault: {CSharp.Bool(design.Fault)}, innerException: innerException)");
            writer.Line("{").Line("}");
            if (error.DetailType is { } detail)
            {
                writer.Line();
                writer.Summary("The error's designed details.");
                writer.Line($"public {detail}? Detail {{ get; init; }}");
            }

            writer.Close();
        });

    // public static class <Service>Errors
    // {
    //     public static ServiceError Create(string name, string message) => name switch { "<name>" => new <Name>Error(message), … };
    // }
    public static GeneratedFile EmitFactory(CodeModel model, ServiceSpec service) =>
        CSharpFile.Create(model, $"{service.Name}/{service.ErrorFactory}.g.cs", service.Namespace, "errors", writer =>
        {
            writer.Summary($"Creates the typed exception of an error of the \"{service.Design.Name}\" service from its name, as transports receive it.");
            CSharpFile.GeneratedCodeAttribute(writer, model);
            writer.Open($"public static class {service.ErrorFactory}");
            writer.Summary("Every error name the service's methods may return, in design order.");
            var names = model.ApiErrors.Concat(service.Errors).Select(e => CSharp.String(e.Design.Name));
            writer.Line($"public static {KnownTypes.ReadOnlyList}<string> Names {{ get; }} = [{string.Join(", ", names)}];");
            writer.Line();
            writer.Summary("Creates the typed exception for a designed error name, or a plain service error for another name.");
            writer.Param("name", "The error's name.");
            writer.Param("message", "The error's message.");
            writer.Param("temporary", "The temporary flag received, used when the name is not designed.");
            writer.Param("timeout", "The timeout flag received, used when the name is not designed.");
            writer.Param("fault", "The fault flag received, used when the name is not designed.");
            writer.Open($"public static {KnownTypes.ServiceError} Create(string name, string message, bool temporary = false, bool timeout = false, bool fault = false) => name switch");
            foreach (var error in model.ApiErrors.Concat(service.Errors))
            {
                writer.Line($"{CSharp.String(error.Design.Name)} => new {error.FullName}(message),");
            }

            writer.Line($"_ => new {KnownTypes.ServiceError}(name, message, temporary, timeout, fault),");
            writer.Close(";");
            writer.Close();
        });
}
