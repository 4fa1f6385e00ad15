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
    //     public override Task <Rpc>(…streams…, ServerCallContext context) => GrpcServerInvoker.<Shape>Async(…);
    // }
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
                    Unary(writer, file, rpc);
                }
                else
                {
                    Streaming(writer, file, rpc);
                }
            }

            writer.Close();
        });

    // public override Task<P.R> <Rpc>(P.Q request, ServerCallContext context) =>
    //     GrpcServerInvoker.UnaryAsync(<Service>GrpcConverters.<Method>Method, _options, _service, request, context, static (service, payload, token) => service.<Method>Async(payload, token));
    private static void Unary(CodeWriter writer, ProtoFile file, ProtoRpc rpc)
    {
        var method = rpc.Method;
        var converters = ConvertersEmitter.ClassRef(file);
        var request = file.MessageRef(rpc.Request);
        var response = file.MessageRef(rpc.Response);
        var invoke = method.Result is null ? "UnaryWithoutResultAsync" : "UnaryAsync";
        var (payload, arguments) = method.Payload is null ? ("_", "token") : ("payload", "payload, token");
        writer.Line($"public override {KnownTypes.Task}<{response}> {rpc.Name}({request} request, {GrpcKnownTypes.ServerCallContext} context) =>");
        writer.Line($"    {GrpcKnownTypes.ServerInvoker}.{invoke}({converters}.{method.Name}Method, _options, _service, request, context,");
        writer.Line($"        static (service, {payload}, token) => service.{method.Name}Async({arguments}));");
    }

    // public override Task <Rpc>([P.Q request | IAsyncStreamReader<P.Q> requestStream,] [IServerStreamWriter<P.S> responseStream,] ServerCallContext context) =>
    //     GrpcServerInvoker.<Shape>Async(<Service>GrpcConverters.<Method>Method, _options, _service, …, context,
    //         static (service, payload, call, token) => service.<Method>Async(payload, new <Service>Contracts.<Method>ServerStream(call), token));
    private static void Streaming(CodeWriter writer, ProtoFile file, ProtoRpc rpc)
    {
        var method = rpc.Method;
        var service = file.Service;
        var converters = ConvertersEmitter.ClassRef(file);
        var request = file.MessageRef(rpc.Request);
        var response = file.MessageRef(rpc.Response);
        var (parameters, arguments, shape, returns) = method.Kind switch
        {
            StreamKind.Server => (
                $"{request} request, {GrpcKnownTypes.ServerStreamWriter}<{response}> responseStream",
                "request, responseStream", "ServerStreamingAsync", KnownTypes.Task),
            StreamKind.Client => (
                $"{GrpcKnownTypes.AsyncStreamReader}<{request}> requestStream",
                "requestStream", "ClientStreamingAsync", $"{KnownTypes.Task}<{response}>"),
            _ => (
                $"{GrpcKnownTypes.AsyncStreamReader}<{request}> requestStream, {GrpcKnownTypes.ServerStreamWriter}<{response}> responseStream",
                "requestStream, responseStream", "DuplexStreamingAsync", KnownTypes.Task),
        };
        var (payload, handlerArguments) = method.Payload is null ? ("_", string.Empty) : ("payload", "payload, ");
        writer.Line($"public override {returns} {rpc.Name}({parameters}, {GrpcKnownTypes.ServerCallContext} context) =>");
        writer.Line($"    {GrpcKnownTypes.ServerInvoker}.{shape}({converters}.{method.Name}Method, _options, _service, {arguments}, context,");
        writer.Line($"        static (service, {payload}, call, token) => service.{method.Name}Async({handlerArguments}new {ServiceContractsEmitter.ServerStream(service, method)}(call), token));");
    }
}
