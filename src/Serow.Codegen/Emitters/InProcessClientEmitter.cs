// Licensed under the MIT license. See LICENSE in the project root.

using Serow.Codegen.Model;
using Serow.Codegen.Writing;
using Serow.Design;

namespace Serow.Codegen.Emitters;

/// <summary>
/// Prints the in-process client of a service: it calls an implementation directly through the runtime's bounded
/// in-memory streams, validating what each side receives exactly as a network transport does.
/// </summary>
internal static class InProcessClientEmitter
{
    // public sealed partial class <Service>InProcessClient : I<Service>Client
    // {
    //     public <Service>InProcessClient(I<Service>Service service, InProcessOptions? options = null) { … }
    //     public Task<R> <Method>Async(P payload, CancellationToken cancellationToken = default) => InProcessInvoker.UnaryAsync(…);
    //     public Task<I…ClientStream> <Method>Async(P payload, CancellationToken cancellationToken = default) { validate; Start(contract, …); }
    //     private static readonly StreamContract<TIn, TOut> <Method>Contract = new() { … };
    //     private static void Validate<Method><Slot>(T value, ValidationReport report) { … }
    // }
    // file sealed class <Service><Method>ServerStream(InProcessCall<TIn, TOut> call) : InProcessServerStream<TIn, TOut>(call), I…ServerStream;
    // file sealed class <Service><Method>ClientStream(InProcessCall<TIn, TOut> call) : InProcessClientStream<TIn, TOut>(call), I…ClientStream;
    public static GeneratedFile Emit(CodeModel model, ServiceSpec service) =>
        CSharpFile.Create(model, $"{service.Name}/{service.InProcessClient}.g.cs", service.Namespace, "inprocess", writer =>
        {
            var validation = new ValidationEmitter(model.Design);
            var iface = $"global::{service.Namespace}.{service.Interface}";
            writer.Summary($"Calls an implementation of {service.Interface} directly, through bounded in-memory streams: the \"{service.Design.Name}\" service without a network, for tests and for composing services in one process.");
            CSharpFile.GeneratedCodeAttribute(writer, model);
            writer.Open($"public sealed partial class {service.InProcessClient} : global::{service.Namespace}.{service.ClientInterface}");
            writer.Line($"private readonly {iface} _service;");
            writer.Line($"private readonly {KnownTypes.InProcessOptions} _options;");
            writer.Line();
            writer.Summary("Creates a client that calls the given implementation.");
            writer.Param("service", "The service implementation to call.");
            writer.Param("options", "Buffer sizes of the in-memory streams; the defaults when null.");
            writer.Open($"public {service.InProcessClient}({iface} service, {KnownTypes.InProcessOptions}? options = null)");
            writer.Line($"{KnownTypes.ArgumentNullException}.ThrowIfNull(service);");
            writer.Line("_service = service;");
            writer.Line($"_options = options ?? {KnownTypes.InProcessOptions}.Default;");
            writer.Close();

            foreach (var method in service.Methods)
            {
                writer.Line();
                if (method.Kind == StreamKind.None)
                {
                    Unary(writer, service, method, validation);
                }
                else
                {
                    Streaming(writer, service, method, validation);
                }
            }

            writer.Close();

            foreach (var method in service.Methods.Where(m => m.Kind != StreamKind.None))
            {
                var call = $"{KnownTypes.InProcessCall}<{method.InType}, {method.OutType}>";
                writer.Line();
                writer.Line($"file sealed class {service.Name}{method.Name}ServerStream({call} call)");
                writer.Line($"    : {KnownTypes.InProcessServerStream}<{method.InType}, {method.OutType}>(call), global::{service.Namespace}.{method.ServerStream};");
                writer.Line();
                writer.Line($"file sealed class {service.Name}{method.Name}ClientStream({call} call)");
                writer.Line($"    : {KnownTypes.InProcessClientStream}<{method.InType}, {method.OutType}>(call), global::{service.Namespace}.{method.ClientStream};");
            }
        });

    private static void Unary(CodeWriter writer, ServiceSpec service, MethodSpec method, ValidationEmitter validation)
    {
        var validatePayload = method.Payload is { } p ? Validator(writer, validation, method, "Payload", p, nullable: false) : null;
        var validateResult = method.Result is { } r && !method.RawResponse ? Validator(writer, validation, method, "Result", r, nullable: false) : null;
        writer.Line("/// <inheritdoc/>");
        var invoker = KnownTypes.InProcessInvoker;
        var signature = "public " + Signatures.Client(service, method);

        // A raw request body is passed through to the implementation as is; a raw response body comes back as is.
        var body = method.RawRequest ? "body, " : string.Empty;
        var resultType = method.RawResponse ? KnownTypes.IOStream : method.Result?.TypeRef;
        var call = (method.Payload, resultType) switch
        {
            ({ } payload, { } result) => $"{invoker}.UnaryAsync<{payload.TypeRef}, {result}>(payload, {validatePayload ?? "null"}, (payload, token) => _service.{method.Name}Async(payload, {body}token), {validateResult ?? "null"}, cancellationToken)",
            ({ } payload, null) => $"{invoker}.UnaryAsync<{payload.TypeRef}>(payload, {validatePayload ?? "null"}, (payload, token) => _service.{method.Name}Async(payload, {body}token), cancellationToken)",
            (null, { } result) => $"{invoker}.UnaryAsync<{result}>(token => _service.{method.Name}Async({body}token), {validateResult ?? "null"}, cancellationToken)",
            _ => $"{invoker}.UnaryAsync(token => _service.{method.Name}Async({body}token), cancellationToken)",
        };
        writer.Line(signature + " =>");
        writer.Line("    " + call + ";");
    }

    private static void Streaming(CodeWriter writer, ServiceSpec service, MethodSpec method, ValidationEmitter validation)
    {
        var validatePayload = method.Payload is { } p ? Validator(writer, validation, method, "Payload", p, nullable: false) : null;
        var validateIn = method.StreamingPayload is { } sp ? Validator(writer, validation, method, "StreamingPayload", sp, nullable: sp.IsValueType) : null;
        var outMessage = method.OutMessage;
        var validateOut = outMessage is not null && method.Views is null
            ? Validator(writer, validation, method, method.StreamingResult is null ? "Result" : "StreamingResult", outMessage, nullable: outMessage.IsValueType)
            : null;

        var contract = $"{KnownTypes.StreamContract}<{method.InType}, {method.OutType}>";
        writer.Line($"private static readonly {contract} {method.Name}Contract = new()");
        writer.Line("{");
        writer.Line($"    Service = {CSharp.String(service.Design.Name)},");
        writer.Line($"    Method = {CSharp.String(method.Design.Name)},");
        if (validateIn is not null)
        {
            writer.Line($"    ValidateIncoming = {validateIn},");
        }

        if (method.Views is { } views)
        {
            writer.Line($"    ValidateOutgoing = static (message, view, report) => message.Validate(report, string.Empty, view),");
            writer.Line($"    Project = static (message, view) => message.Project(view),");
            writer.Line($"    Views = [{string.Join(", ", views.Names.Select(CSharp.String))}],");
            writer.Line($"    DefaultView = {CSharp.String(views.DefaultView)},");
            writer.Line($"    CanSetView = {CSharp.Bool(views.CanSetView)},");
        }
        else if (validateOut is not null)
        {
            writer.Line($"    ValidateOutgoing = static (message, view, report) => {validateOut}(message, report),");
        }

        writer.Line("};");
        writer.Line();

        var clientStream = $"global::{service.Namespace}.{method.ClientStream}";
        writer.Line("/// <inheritdoc/>");
        writer.Open("public " + Signatures.Client(service, method));
        if (method.Payload is { } payload)
        {
            if (!payload.IsValueType)
            {
                writer.Line($"{KnownTypes.ArgumentNullException}.ThrowIfNull(payload);");
            }

            if (validatePayload is not null)
            {
                writer.Line($"var report = new {KnownTypes.ValidationReport}();");
                writer.Line($"{validatePayload}(payload, report);");
                writer.Open("if (!report.IsValid)");
                writer.Line($"return {KnownTypes.Task}.FromException<{clientStream}>(new {KnownTypes.ValidationException}(report.Errors));");
                writer.Close();
                writer.Line();
            }
        }

        var arguments = method.Payload is null ? string.Empty : "payload, ";
        writer.Line($"var call = {KnownTypes.InProcessInvoker}.Start({method.Name}Contract, _options,");
        writer.Line($"    (call, token) => _service.{method.Name}Async({arguments}new {service.Name}{method.Name}ServerStream(call), token), cancellationToken);");
        writer.Line($"return {KnownTypes.Task}.FromResult<{clientStream}>(new {service.Name}{method.Name}ClientStream(call));");
        writer.Close();
    }

    // private static void Validate<Method><Slot>(<T> value, ValidationReport report) { …checks with path "" … }
    private static string? Validator(CodeWriter writer, ValidationEmitter validation, MethodSpec method, string slot, MessageSpec message, bool nullable)
    {
        if (!validation.HasChecks(message.Attribute))
        {
            return null;
        }

        var name = $"Validate{method.Name}{slot}";
        var type = nullable ? message.TypeRef + "?" : message.TypeRef;
        writer.Open($"private static void {name}({type} value, {KnownTypes.ValidationReport} report)");
        validation.Emit(writer, message.Attribute, "value", "string.Empty", required: false, nullable: nullable || !message.IsValueType);
        writer.Close();
        writer.Line();
        return name;
    }
}
