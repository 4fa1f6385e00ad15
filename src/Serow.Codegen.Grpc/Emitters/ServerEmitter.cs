// Licensed under the MIT license. See LICENSE in the project root.

using Serow.Codegen.Emitters;
using Serow.Codegen.Grpc.Model;
using Serow.Codegen.Model;
using Serow.Codegen.Writing;
using Serow.Design;

namespace Serow.Codegen.Grpc.Emitters;

/// <summary>
/// Prints the Grpc.AspNetCore service of a Serow service: one method per rpc, calling the user's implementation, and
/// the method provider that tells grpc-dotnet the rpcs with the codecs' marshallers (no protoc-generated base class).
/// </summary>
internal static class ServerEmitter
{
    private const string MethodProvider = "global::Grpc.AspNetCore.Server.Model.IServiceMethodProvider";
    private const string ProviderContext = "global::Grpc.AspNetCore.Server.Model.ServiceMethodProviderContext";
    private const string ServiceSource = "global::Serow.Grpc.GrpcServiceSource";
    private const string GetRequiredService = "global::Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService";

    public static string ClassName(ProtoFile file) => file.Service.Name + "GrpcService";

    // public sealed partial class <Service>GrpcService
    // {
    //     public <Service>GrpcService(I<Service>Service service, IOptionsMonitor<SerowGrpcOptions> options) { … }
    //     public Task<R> <Rpc>(Q request, ServerCallContext context) => GrpcServerInvoker.UnaryAsync(…);
    //     public Task <Rpc>(…streams…, ServerCallContext context) => GrpcServerInvoker.<Shape>Async(…);
    //     public sealed class MethodProvider : IServiceMethodProvider<<Service>GrpcService>
    //     {
    //         grpc-dotnet does not create the service (SuppressCreatingService): GrpcServiceSource gives each call one.
    //         public void OnServiceMethodDiscovery(…) { context.Add<Shape>Method(<Method>Method.Definition, …, (_, …, call) => source.Get(call).<Rpc>(…)); … }
    //     }
    // }
    public static GeneratedFile Emit(CodeModel model, ProtoFile file) =>
        CSharpFile.Create(model, $"{file.Service.Name}/Grpc/{ClassName(file)}.g.cs", file.Service.Namespace, "server", writer =>
        {
            var service = file.Service;
            var iface = $"global::{service.Namespace}.{service.Interface}";
            var name = ClassName(file);
            writer.Summary($"Serves the \"{service.Design.Name}\" service over gRPC (Grpc.AspNetCore): reads the protobuf messages into Serow types, validates what the client sends and calls the {service.Interface} registered in dependency injection. Register it with Add{service.Name}Grpc and map it with Map{service.Name}Grpc.");
            CSharpFile.GeneratedCodeAttribute(writer, model);
            writer.Open($"public sealed partial class {name}");
            writer.Line($"private readonly {iface} _service;");
            writer.Line($"private readonly {GrpcKnownTypes.Options} _options;");
            writer.Line();
            writer.Summary("Creates the gRPC service over an implementation.");
            writer.Param("service", "The implementation to call.");
            writer.Param("options", $"The Serow gRPC options, named after the service (\"{service.Design.Name}\").");
            writer.Open($"public {name}({iface} service, {GrpcKnownTypes.OptionsMonitor}<{GrpcKnownTypes.Options}> options)");
            writer.Line($"{KnownTypes.ArgumentNullException}.ThrowIfNull(service);");
            writer.Line($"{KnownTypes.ArgumentNullException}.ThrowIfNull(options);");
            writer.Line("_service = service;");
            writer.Line($"_options = options.Get({iface}.ServiceName);");
            writer.Close();
            foreach (var rpc in file.Rpcs)
            {
                writer.Line();
                writer.Summary($"Serves {service.Design.Name}.{rpc.Method.Design.Name} (the rpc {rpc.Name}).");
                if (rpc.Method.Kind == StreamKind.None)
                {
                    Unary(writer, file, rpc);
                }
                else
                {
                    Streaming(writer, file, rpc);
                }
            }

            writer.Line();
            writer.Summary($"Tells grpc-dotnet the rpcs of {name}; registered by Add{service.Name}Grpc.");
            writer.Open($"public sealed class MethodProvider : {MethodProvider}<{name}>");
            writer.Line($"private readonly {ServiceSource}<{name}, {iface}> _source;");
            writer.Line();
            writer.Summary("Creates the provider.");
            writer.Param("services", "The application's services, where the implementation and the options are registered.");
            writer.Line($"public MethodProvider(global::System.IServiceProvider services) =>");
            // With server interceptors, every call's implementation runs inside them, as on every other transport.
            var implementation = model.Interception.Of(service, server: true).Count > 0
                ? $"new global::{service.Namespace}.{InterceptorEmitter.InterceptedServiceName(service)}(implementation, {GetRequiredService}<global::{service.Namespace}.{InterceptorEmitter.InterfaceName(service, server: true)}>(provider))"
                : "implementation";
            writer.Line($"    _source = new(services, static (implementation, provider) => new {name}({implementation}, {GetRequiredService}<{GrpcKnownTypes.OptionsMonitor}<{GrpcKnownTypes.Options}>>(provider)));");
            writer.Line();
            writer.Line("/// <inheritdoc/>");
            writer.Open($"public void OnServiceMethodDiscovery({ProviderContext}<{name}> context)");
            writer.Line($"{KnownTypes.ArgumentNullException}.ThrowIfNull(context);");
            writer.Line("var source = _source;");
            foreach (var rpc in file.Rpcs)
            {
                var (shape, arguments) = rpc.Method.Kind switch
                {
                    StreamKind.None => ("Unary", "request, call"),
                    StreamKind.Server => ("ServerStreaming", "request, responses, call"),
                    StreamKind.Client => ("ClientStreaming", "requests, call"),
                    _ => ("DuplexStreaming", "requests, responses, call"),
                };
                writer.Line($"context.Add{shape}Method({MethodsEmitter.ClassRef(file)}.{rpc.Method.Name}Method.Definition, source.EndpointMetadata(),");
                writer.Line($"    (_, {arguments}) => source.Get(call).{rpc.Name}({arguments}));");
            }

            writer.Close();
            writer.Close();
            writer.Close();
        });

    // public Task<R> <Rpc>(Q request, ServerCallContext context) =>
    //     GrpcServerInvoker.UnaryAsync(<Service>GrpcMethods.<Method>Method, _options, _service, request, context, static (service, payload, token) => service.<Method>Async(payload, token));
    private static void Unary(CodeWriter writer, ProtoFile file, ProtoRpc rpc)
    {
        var method = rpc.Method;
        var methods = MethodsEmitter.ClassRef(file);
        var request = CodecEmitter.WireType(file, rpc.Request);
        var response = CodecEmitter.WireType(file, rpc.Response);
        var invoke = method.Result is null ? "UnaryWithoutResultAsync" : "UnaryAsync";
        var (payload, arguments) = method.Payload is null ? ("_", "token") : ("payload", "payload, token");
        writer.Param("request", "The request.");
        writer.Param("context", "The call.");
        writer.Returns("The response.");
        writer.Line($"public {KnownTypes.Task}<{response}> {rpc.Name}({request} request, {GrpcKnownTypes.ServerCallContext} context) =>");
        writer.Line($"    {GrpcKnownTypes.ServerInvoker}.{invoke}({methods}.{method.Name}Method, _options, _service, request, context,");
        writer.Line($"        static (service, {payload}, token) => service.{method.Name}Async({arguments}));");
    }

    // public Task <Rpc>([Q request | IAsyncStreamReader<Q> requestStream,] [IServerStreamWriter<S> responseStream,] ServerCallContext context) =>
    //     GrpcServerInvoker.<Shape>Async(<Service>GrpcMethods.<Method>Method, _options, _service, …, context,
    //         static (service, payload, call, token) => service.<Method>Async(payload, new <Service>Contracts.<Method>ServerStream(call), token));
    private static void Streaming(CodeWriter writer, ProtoFile file, ProtoRpc rpc)
    {
        var method = rpc.Method;
        var service = file.Service;
        var methods = MethodsEmitter.ClassRef(file);
        var request = CodecEmitter.WireType(file, rpc.Request);
        var response = CodecEmitter.WireType(file, rpc.Response);
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
        if (method.Kind == StreamKind.Server)
        {
            writer.Param("request", "The request.");
        }
        else
        {
            writer.Param("requestStream", "The request stream.");
        }

        if (method.Kind != StreamKind.Client)
        {
            writer.Param("responseStream", "The response stream.");
        }

        writer.Param("context", "The call.");
        writer.Returns(method.Kind == StreamKind.Client ? "The response." : "A task that completes when the call ends.");
        var (payload, handlerArguments) = method.Payload is null ? ("_", string.Empty) : ("payload", "payload, ");
        writer.Line($"public {returns} {rpc.Name}({parameters}, {GrpcKnownTypes.ServerCallContext} context) =>");
        writer.Line($"    {GrpcKnownTypes.ServerInvoker}.{shape}({methods}.{method.Name}Method, _options, _service, {arguments}, context,");
        writer.Line($"        static (service, {payload}, call, token) => service.{method.Name}Async({handlerArguments}new {ServiceContractsEmitter.ServerStream(service, method)}(call), token));");
    }
}
