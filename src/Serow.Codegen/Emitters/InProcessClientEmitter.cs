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
    //     public Task<I…ClientStream> <Method>Async(P payload, CancellationToken cancellationToken = default)
    //     {
    //         validate the payload;
    //         var call = InProcessInvoker.Start(<Service>Contracts.<Method>Stream, _options, (call, token) => _service.<Method>Async(payload, new <Service>Contracts.<Method>ServerStream(call), token), cancellationToken);
    //         return Task.FromResult<I…ClientStream>(new <Service>Contracts.<Method>ClientStream(call));
    //     }
    // }
    public static GeneratedFile Emit(CodeModel model, ServiceSpec service) =>
        CSharpFile.Create(model, $"{service.Name}/{service.InProcessClient}.g.cs", service.Namespace, "inprocess", writer =>
        {
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
            if (model.Interception.Of(service, server: true).Count > 0)
            {
                // The server interceptors run in-process too, as they do behind every transport.
                var interceptors = $"global::{service.Namespace}.{InterceptorEmitter.InterfaceName(service, server: true)}";
                writer.Line();
                writer.Summary("Creates a client that calls the given implementation through the service's server interceptors.");
                writer.Param("service", "The service implementation to call.");
                writer.Param("serverInterceptors", "The server interceptors, run around each call and streamed message as on a network transport.");
                writer.Param("options", "Buffer sizes of the in-memory streams; the defaults when null.");
                writer.Line($"public {service.InProcessClient}({iface} service, {interceptors} serverInterceptors, {KnownTypes.InProcessOptions}? options = null)");
                writer.Line($"    : this(new global::{service.Namespace}.{InterceptorEmitter.InterceptedServiceName(service)}(service, serverInterceptors), options)");
                writer.OpenBlock();
                writer.Close();
            }

            foreach (var method in service.Methods)
            {
                writer.Line();
                if (method.Kind == StreamKind.None)
                {
                    Unary(writer, model, service, method);
                }
                else
                {
                    Streaming(writer, model, service, method);
                }
            }

            writer.Close();
        });

    private static void Unary(CodeWriter writer, CodeModel model, ServiceSpec service, MethodSpec method)
    {
        var validatePayload = ServiceContractsEmitter.Validator(model, service, method, MessageSlot.Payload) ?? "null";
        var validateResult = ServiceContractsEmitter.Validator(model, service, method, MessageSlot.Result) ?? "null";
        writer.Line("/// <inheritdoc/>");
        var invoker = KnownTypes.InProcessInvoker;
        var signature = "public " + Signatures.Client(service, method);

        // A raw request body is passed through to the implementation as is; a raw response body comes back as is.
        var body = method.BodyArgument is { } argument ? argument + ", " : string.Empty;
        var resultType = method.RawResponse ? KnownTypes.IOStream : method.Result?.TypeRef;
        var names = $"{CSharp.String(service.Design.Name)}, {CSharp.String(method.Design.Name)}";
        var call = (method.Payload, resultType) switch
        {
            ({ } payload, { } result) => $"{invoker}.UnaryAsync<{payload.TypeRef}, {result}>({names}, payload, {validatePayload}, (payload, token) => _service.{method.Name}Async(payload, {body}token), {validateResult}, cancellationToken)",
            ({ } payload, null) => $"{invoker}.UnaryAsync<{payload.TypeRef}>({names}, payload, {validatePayload}, (payload, token) => _service.{method.Name}Async(payload, {body}token), cancellationToken)",
            (null, { } result) => $"{invoker}.UnaryAsync<{result}>({names}, token => _service.{method.Name}Async({body}token), {validateResult}, cancellationToken)",
            _ => $"{invoker}.UnaryAsync({names}, token => _service.{method.Name}Async({body}token), cancellationToken)",
        };
        if (ServiceContractsEmitter.Security(model, service, method) is { } security)
        {
            // The caller's credentials are checked first; the handler then runs with the call's SerowCallContext.
            writer.Open("public async " + Signatures.Client(service, method));
            writer.Line($"await {invoker}.AuthorizeAsync({security}, _options, cancellationToken).ConfigureAwait(false);");
            writer.Line((resultType is null ? "await " : "return await ") + call + ".ConfigureAwait(false);");
            writer.Close();
            return;
        }

        writer.Line(signature + " =>");
        writer.Line("    " + call + ";");
    }

    private static void Streaming(CodeWriter writer, CodeModel model, ServiceSpec service, MethodSpec method)
    {
        var clientStream = $"global::{service.Namespace}.{method.ClientStream}";
        writer.Line("/// <inheritdoc/>");
        writer.Open("public " + Signatures.Client(service, method));
        if (method.Payload is { } payload)
        {
            if (!payload.IsValueType)
            {
                writer.Line($"{KnownTypes.ArgumentNullException}.ThrowIfNull(payload);");
            }

            if (ServiceContractsEmitter.Validator(model, service, method, MessageSlot.Payload) is { } validatePayload)
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
        writer.Line($"var call = {KnownTypes.InProcessInvoker}.Start({ServiceContractsEmitter.Stream(service, method)}, _options,");
        writer.Line($"    (call, token) => _service.{method.Name}Async({arguments}new {ServiceContractsEmitter.ServerStream(service, method)}(call), token), cancellationToken);");
        writer.Line($"return {KnownTypes.Task}.FromResult<{clientStream}>(new {ServiceContractsEmitter.ClientStream(service, method)}(call));");
        writer.Close();
    }
}
