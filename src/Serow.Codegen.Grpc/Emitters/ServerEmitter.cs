// Licensed under the MIT license. See LICENSE in the project root.

using Serow.Codegen.Emitters;
using Serow.Codegen.Grpc.Model;
using Serow.Codegen.Model;
using Serow.Codegen.Writing;
using Serow.Design;

namespace Serow.Codegen.Grpc.Emitters;

/// <summary>Prints the Grpc.AspNetCore service of a Serow service: one override per rpc, calling the user's implementation.</summary>
internal static class ServerEmitter
{
    public static string ClassName(ProtoFile file) => file.Service.Name + "GrpcService";

    // public sealed partial class <Service>GrpcService : P.<Service>.<Service>Base
    // {
    //     public <Service>GrpcService(I<Service>Service service, IOptionsMonitor<SerowGrpcOptions> options) { … }
    //     public override Task<P.R> <Rpc>(P.Q request, ServerCallContext context) => GrpcServerInvoker.UnaryAsync(…);
    //     public override Task <Rpc>(…streams…, ServerCallContext context) => GrpcServerInvoker.StreamAsync<…>(…);
    // }
    // file sealed class <Service><Method>GrpcServerStream(GrpcServerCall<TIn, TOut> call) : GrpcServerStream<TIn, TOut>(call), I…ServerStream;
    public static GeneratedFile Emit(CodeModel model, ProtoFile file) =>
        CSharpFile.Create(model, $"{file.Service.Name}/Grpc/{ClassName(file)}.g.cs", file.Service.Namespace, "server", writer =>
        {
            var service = file.Service;
            var iface = $"global::{service.Namespace}.{service.Interface}";
            writer.Summary($"Serves the \"{service.Design.Name}\" service over gRPC (Grpc.AspNetCore): converts the protobuf messages, validates what the client sends and calls the {service.Interface} registered in dependency injection. Register it with Add{service.Name}Grpc and map it with Map{service.Name}Grpc.");
            CSharpFile.GeneratedCodeAttribute(writer, model);
            writer.Open($"public sealed partial class {ClassName(file)} : {file.ServiceBase}");
            writer.Line($"private readonly {iface} _service;");
            writer.Line($"private readonly {GrpcKnownTypes.Options} _options;");
            writer.Line();
            writer.Summary("Creates the gRPC service over an implementation.");
            writer.Param("service", "The implementation to call.");
            writer.Param("options", $"The Serow gRPC options, named after the service (\"{service.Design.Name}\").");
            writer.Open($"public {ClassName(file)}({iface} service, {GrpcKnownTypes.OptionsMonitor}<{GrpcKnownTypes.Options}> options)");
            writer.Line($"{KnownTypes.ArgumentNullException}.ThrowIfNull(service);");
            writer.Line($"{KnownTypes.ArgumentNullException}.ThrowIfNull(options);");
            writer.Line("_service = service;");
            writer.Line($"_options = options.Get({iface}.ServiceName);");
            writer.Close();
            foreach (var rpc in file.Rpcs)
            {
                writer.Line();
                writer.Line("/// <inheritdoc/>");
                if (rpc.Method.Kind == StreamKind.None)
                {
                    Unary(writer, model, file, rpc);
                }
                else
                {
                    Streaming(writer, model, file, rpc);
                }
            }

            writer.Close();

            foreach (var rpc in file.Rpcs.Where(r => r.Method.Kind != StreamKind.None))
            {
                var method = rpc.Method;
                writer.Line();
                writer.Line($"file sealed class {StreamClass(service, method)}({GrpcKnownTypes.ServerCall}<{method.InType}, {method.OutType}> call)");
                writer.Line($"    : {GrpcKnownTypes.ServerStream}<{method.InType}, {method.OutType}>(call), global::{service.Namespace}.{method.ServerStream};");
            }
        });

    private static string StreamClass(ServiceSpec service, MethodSpec method) => $"{service.Name}{method.Name}GrpcServerStream";

    /// <summary>The request metadata argument of a payload converter, when payload attributes travel in metadata.</summary>
    private static string Headers(ProtoRpc rpc) => rpc.Metadata.Count > 0 ? ", context.RequestHeaders" : string.Empty;

    private static void Unary(CodeWriter writer, CodeModel model, ProtoFile file, ProtoRpc rpc)
    {
        var method = rpc.Method;
        var converters = ConvertersEmitter.ClassRef(file);
        var request = file.MessageRef(rpc.Request);
        var response = file.MessageRef(rpc.Response);
        writer.Line($"public override {KnownTypes.Task}<{response}> {rpc.Name}({request} request, {GrpcKnownTypes.ServerCallContext} context) =>");
        writer.Line($"    {GrpcKnownTypes.ServerInvoker}.UnaryAsync({converters}.{method.Name}Method, _options, context, async token =>");
        writer.Line("    {");
        var arguments = "token";
        if (method.Payload is { } payload)
        {
            var validate = ConvertersEmitter.HasValidator(model, payload) ? $"{converters}.Validate{method.Name}Payload" : "null";
            writer.Line($"        var payload = {GrpcKnownTypes.ServerInvoker}.Payload({converters}.From{rpc.Payload}(request{Headers(rpc)}), {validate});");
            arguments = "payload, token";
        }

        if (method.Result is not null)
        {
            writer.Line($"        var result = await _service.{method.Name}Async({arguments}).ConfigureAwait(false);");
            writer.Line($"        return {converters}.To{rpc.Response}(result);");
        }
        else
        {
            writer.Line($"        await _service.{method.Name}Async({arguments}).ConfigureAwait(false);");
            writer.Line($"        return new {response}();");
        }

        writer.Line("    });");
    }

    private static void Streaming(CodeWriter writer, CodeModel model, ProtoFile file, ProtoRpc rpc)
    {
        var method = rpc.Method;
        var service = file.Service;
        var converters = ConvertersEmitter.ClassRef(file);
        var request = file.MessageRef(rpc.Request);
        var response = file.MessageRef(rpc.Response);
        var parameters = new List<string>();
        if (!rpc.RequestStream)
        {
            parameters.Add($"{request} request");
        }
        else
        {
            parameters.Add($"{GrpcKnownTypes.AsyncStreamReader}<{request}> requestStream");
        }

        if (rpc.ResponseStream)
        {
            parameters.Add($"{GrpcKnownTypes.ServerStreamWriter}<{response}> responseStream");
        }

        parameters.Add($"{GrpcKnownTypes.ServerCallContext} context");
        var clientStreamResult = !rpc.ResponseStream;
        var returns = clientStreamResult ? $"{KnownTypes.Task}<{response}>" : KnownTypes.Task;
        var payloadType = method.Payload?.TypeRef ?? KnownTypes.NoMessage;
        var validatePayload = method.Payload is { } payload && ConvertersEmitter.HasValidator(model, payload) ? $"{converters}.Validate{method.Name}Payload" : "null";

        string payloadRead;
        if (method.Payload is null)
        {
            payloadRead = $"static _ => new {GrpcKnownTypes.ValueTask}<{KnownTypes.NoMessage}>(default({KnownTypes.NoMessage})!)";
        }
        else if (rpc.Envelope)
        {
            var payloadOf = rpc.Metadata.Count > 0 ? $"m => {converters}.PayloadOf{rpc.Request}(m{Headers(rpc)})" : $"{converters}.PayloadOf{rpc.Request}";
            payloadRead = $"token => {GrpcKnownTypes.ServerInvoker}.ReadPayloadAsync(requestStream, {payloadOf}, {validatePayload}, token)";
        }
        else
        {
            payloadRead = $"_ => new {GrpcKnownTypes.ValueTask}<{payloadType}>({GrpcKnownTypes.ServerInvoker}.Payload({converters}.From{rpc.Payload}(request{Headers(rpc)}), {validatePayload}))";
        }

        var inProto = rpc.RequestStream ? request : KnownTypes.NoMessage;
        var requests = rpc.RequestStream ? "requestStream" : "null";
        var decode = !rpc.RequestStream
            ? "null"
            : rpc.Envelope ? $"{converters}.MessageOf{rpc.Request}" : $"static m => {converters}.From{rpc.StreamIn}(m)";
        var encode = method.OutMessage is null ? "null" : $"static m => {converters}.To{rpc.Out}({(method.OutMessage.IsValueType ? "m.GetValueOrDefault()" : "m")})";
        var responses = rpc.ResponseStream ? "responseStream" : "null";
        var handlerArguments = method.Payload is null ? string.Empty : "payload, ";
        var generics = $"{payloadType}, {method.InType}, {method.OutType}, {inProto}, {response}";

        writer.Line($"public override async {returns} {rpc.Name}({string.Join(", ", parameters)})");
        writer.OpenBlock();
        writer.Line($"{(clientStreamResult ? "var result = " : string.Empty)}await {GrpcKnownTypes.ServerInvoker}.StreamAsync<{generics}>(");
        writer.Line($"    {converters}.{method.Name}Method, {converters}.{method.Name}Contract, _options, context,");
        writer.Line($"    {requests}, {decode},");
        writer.Line($"    {responses}, {encode},");
        writer.Line($"    {payloadRead},");
        writer.Line($"    ({(method.Payload is null ? "_" : "payload")}, call, token) => _service.{method.Name}Async({handlerArguments}new {StreamClass(service, method)}(call), token){(clientStreamResult && method.Result is not null ? "," : string.Empty)}");
        writer.Line($"    {(clientStreamResult && method.Result is not null ? "resultRequired: true" : string.Empty)}).ConfigureAwait(false);".Replace("    ).", ").", StringComparison.Ordinal));
        if (clientStreamResult && method.Result is not null)
        {
            writer.Line("return result!;");
        }
        else if (clientStreamResult)
        {
            writer.Line($"return result ?? new {response}();");
        }

        writer.Close();
    }
}
