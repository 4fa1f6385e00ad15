// Licensed under the MIT license. See LICENSE in the project root.

using Serow.Codegen.Model;
using Serow.Codegen.Writing;
using Serow.Design;

namespace Serow.Codegen.Emitters;

/// <summary>
/// Prints the design's interceptors: per interceptor its info class and typed accessors, per service the interfaces
/// users implement (one method per interceptor) and the intercepted service and client that run them in order around
/// every call and streamed message, on every transport and in-process.
/// </summary>
internal static class InterceptorEmitter
{
    public static IEnumerable<GeneratedFile> Emit(CodeModel model)
    {
        foreach (var interceptor in model.Interception.Interceptors)
        {
            yield return Info(model, interceptor);
            foreach (var accessor in interceptor.Accessors)
            {
                yield return Accessor(model, interceptor, accessor);
            }
        }
    }

    public static IEnumerable<GeneratedFile> Emit(CodeModel model, ServiceSpec service)
    {
        if (model.Interception.Of(service, server: true).Count > 0)
        {
            yield return Interface(model, service, server: true);
            yield return InterceptedService(model, service);
        }

        if (model.Interception.Of(service, server: false).Count > 0)
        {
            yield return Interface(model, service, server: false);
            yield return InterceptedClient(model, service);
        }
    }

    public static string InterfaceName(ServiceSpec service, bool server) => $"I{service.Name}{(server ? "Server" : "Client")}Interceptors";

    public static string InterceptedServiceName(ServiceSpec service) => $"{service.Name}InterceptedService";

    public static string InterceptedClientName(ServiceSpec service) => $"{service.Name}InterceptedClient";

    // public interface IStampStreamingResult { long Seq { get; set; } string Message { get; } }
    private static GeneratedFile Accessor(CodeModel model, InterceptorSpec interceptor, AccessorSpec accessor) =>
        CSharpFile.Create(model, $"Interceptors/{accessor.Name}.g.cs", accessor.Namespace, "accessor", writer =>
        {
            var words = InterceptorModel.Words(accessor.Position);
            writer.Summary($"The attributes of the {words} the \"{interceptor.Design.Name}\" interceptor reads or writes; the {words} types of the methods it is applied to implement it.");
            CSharpFile.GeneratedCodeAttribute(writer, model);
            writer.Open($"public interface {accessor.Name}");
            var first = true;
            foreach (var property in accessor.Properties)
            {
                if (!first)
                {
                    writer.Line();
                }

                first = false;
                writer.Summary($"The \"{property.Attribute}\" attribute{(property.Writable ? ", which the interceptor may change" : string.Empty)}.");
                writer.Line($"{property.Type} {property.Name} {{ get;{(property.Writable ? " set;" : string.Empty)} }}");
            }

            writer.Close();
        });

    // public sealed class StampInfo : InterceptorInfo { public IStampStreamingResult? StreamingResult => …; }
    private static GeneratedFile Info(CodeModel model, InterceptorSpec interceptor) =>
        CSharpFile.Create(model, $"Interceptors/{interceptor.Info}.g.cs", interceptor.Namespace, "info", writer =>
        {
            var description = interceptor.Design.Description is { } d ? " " + d : string.Empty;
            writer.Summary($"What the \"{interceptor.Design.Name}\" interceptor sees of the call or message it runs around.{description}");
            CSharpFile.GeneratedCodeAttribute(writer, model);
            writer.Open($"public sealed class {interceptor.Info} : {KnownTypes.InterceptorInfo}");
            writer.Summary("Creates the info over a call; the intercepted service or client does this once per call and stream direction.");
            writer.Param("call", "The call or message the interceptor runs around.");
            writer.Line($"public {interceptor.Info}({KnownTypes.InterceptedCall} call)");
            writer.Line("    : base(call)");
            writer.OpenBlock();
            writer.Close();
            foreach (var accessor in interceptor.Accessors)
            {
                writer.Line();
                writer.Summary(accessor.Position switch
                {
                    MessagePosition.Payload => "The call's payload (on the call and on each of its streamed messages); null when the method has none.",
                    MessagePosition.Result => "The result: a unary call's once next returned, a client stream's final result as it passes; null otherwise.",
                    MessagePosition.StreamingPayload => "The client's streamed message passing now; null for the call and at the end of the stream.",
                    _ => "The server's streamed result passing now; null for the call and at the end of the stream.",
                });
                writer.Line($"public {accessor.FullName}? {accessor.PositionName} => Call.{accessor.PositionName} as {accessor.FullName};");
            }

            writer.Close();
        });

    // public interface IChatServerInterceptors { ValueTask StampAsync(StampInfo info, Func<ValueTask> next, CancellationToken cancellationToken); }
    private static GeneratedFile Interface(CodeModel model, ServiceSpec service, bool server)
    {
        var name = InterfaceName(service, server);
        return CSharpFile.Create(model, $"{service.Name}/{name}.g.cs", service.Namespace, "interceptors", writer =>
        {
            writer.Summary(server
                ? $"The server interceptors of the \"{service.Design.Name}\" service. Register an implementation in the services: every transport (and the in-process client) runs them around the handler, outermost first, and around each streamed message."
                : $"The client interceptors of the \"{service.Design.Name}\" service. {InterceptedClientName(service)} runs them around every call of any transport's client, outermost first, and around each streamed message.");
            CSharpFile.GeneratedCodeAttribute(writer, model);
            writer.Open($"public interface {name}");
            var first = true;
            foreach (var interceptor in model.Interception.Of(service, server))
            {
                if (!first)
                {
                    writer.Line();
                }

                first = false;
                writer.Summary(interceptor.Design.Description ?? $"The \"{interceptor.Design.Name}\" interceptor.");
                writer.Param("info", "The call or message: its method, operation, sequence number and the attributes the interceptor declares.");
                writer.Param("next", "Runs the inner interceptors and the operation itself; call it exactly once (throw a ServiceError to refuse instead).");
                writer.Param("cancellationToken", "The call's or the message's token.");
                writer.Returns("A task that completes when the interceptor is done.");
                writer.Line($"{KnownTypes.ValueTask} {interceptor.Method}({interceptor.InfoFullName} info, {KnownTypes.Func}<{KnownTypes.ValueTask}> next, {KnownTypes.CancellationToken} cancellationToken);");
            }

            writer.Close();
        });
    }

    // public sealed class ChatInterceptedService : IChatService
    // {
    //     private static readonly InterceptorBinding<IChatServerInterceptors>[] ConnectInterceptors = [new("stamp", Call | Send, …)];
    //     public Task ConnectAsync(IChatConnectServerStream stream, CancellationToken cancellationToken) => Interception.HandleAsync(…);
    // }
    private static GeneratedFile InterceptedService(CodeModel model, ServiceSpec service)
    {
        var name = InterceptedServiceName(service);
        var interceptors = $"global::{service.Namespace}.{InterfaceName(service, server: true)}";
        return CSharpFile.Create(model, $"{service.Name}/{name}.g.cs", service.Namespace, "intercepted-service", writer =>
        {
            writer.Summary($"Runs the server interceptors of the \"{service.Design.Name}\" service around an implementation: the transports and the in-process client wrap the registered {service.Interface} in it.");
            CSharpFile.GeneratedCodeAttribute(writer, model);
            writer.Open($"public sealed class {name} : global::{service.Namespace}.{service.Interface}");
            Bindings(writer, model, service, interceptors, server: true);
            writer.Line($"private readonly global::{service.Namespace}.{service.Interface} _service;");
            writer.Line($"private readonly {interceptors} _interceptors;");
            writer.Line();
            writer.Summary("Wraps an implementation.");
            writer.Param("service", "The implementation.");
            writer.Param("interceptors", "The interceptors' implementation.");
            writer.Open($"public {name}(global::{service.Namespace}.{service.Interface} service, {interceptors} interceptors)");
            writer.Line($"{KnownTypes.ArgumentNullException}.ThrowIfNull(service);");
            writer.Line($"{KnownTypes.ArgumentNullException}.ThrowIfNull(interceptors);");
            writer.Line("_service = service;");
            writer.Line("_interceptors = interceptors;");
            writer.Close();
            foreach (var method in service.Methods)
            {
                writer.Line();
                writer.Line("/// <inheritdoc/>");
                var applied = model.Interception.Of(service, method, server: true).Count > 0;
                var arguments = string.Join(string.Empty, new[] { method.Payload is null ? null : "payload, ", method.BodyArgument is { } body ? body + ", " : null });
                if (!applied)
                {
                    var stream = method.Kind == StreamKind.None ? string.Empty : "stream, ";
                    writer.Line($"public {Signatures.Service(service, method)} => _service.{method.Name}Async({arguments}{stream}cancellationToken);");
                    continue;
                }

                var payload = method.Payload is null ? "null" : "payload";
                var set = $"{KnownTypes.InterceptorSet}.Create(_interceptors, {method.Name}Interceptors, {CSharp.String(service.Design.Name)}, {CSharp.String(method.Design.Name)}, {KnownTypes.InterceptorSide}.Server)";
                if (method.Kind == StreamKind.None)
                {
                    var result = method.RawResponse ? KnownTypes.IOStream : method.Result?.TypeRef;
                    if (result is null)
                    {
                        writer.Line($"public {Signatures.Service(service, method)} =>");
                        writer.Line($"    {KnownTypes.Interception}.HandleAsync({set}, {payload}, token => _service.{method.Name}Async({arguments}token), cancellationToken);");
                    }
                    else
                    {
                        writer.Line($"public {Signatures.Service(service, method)} =>");
                        writer.Line($"    {KnownTypes.Interception}.UnaryAsync({set}, {payload}, token => _service.{method.Name}Async({arguments}token), cancellationToken);");
                    }

                    continue;
                }

                writer.Open($"public {Signatures.Service(service, method)}");
                writer.Line($"var set = {set};");
                writer.Line($"return {KnownTypes.Interception}.HandleAsync(set, {payload}, token => _service.{method.Name}Async({arguments}new {method.Name}Stream(stream, set, {payload}), token), cancellationToken);");
                writer.Close();
            }

            foreach (var method in service.Methods.Where(m => m.Kind != StreamKind.None && model.Interception.Of(service, m, server: true).Count > 0))
            {
                writer.Line();
                writer.Line($"private sealed class {method.Name}Stream(object inner, {KnownTypes.InterceptorSet} set, object? payload)");
                writer.Line($"    : {KnownTypes.InterceptedServerStream}<{method.InType}, {method.OutType}>(inner, set, payload), global::{service.Namespace}.{method.ServerStream};");
            }

            writer.Close();
        });
    }

    // public sealed class ChatInterceptedClient : IChatClient — the same around any transport's client.
    private static GeneratedFile InterceptedClient(CodeModel model, ServiceSpec service)
    {
        var name = InterceptedClientName(service);
        var interceptors = $"global::{service.Namespace}.{InterfaceName(service, server: false)}";
        var client = $"global::{service.Namespace}.{service.ClientInterface}";
        return CSharpFile.Create(model, $"{service.Name}/{name}.g.cs", service.Namespace, "intercepted-client", writer =>
        {
            writer.Summary($"Runs the client interceptors of the \"{service.Design.Name}\" service around any client of it (gRPC, HTTP or in-process): wrap the transport's client in it.");
            CSharpFile.GeneratedCodeAttribute(writer, model);
            writer.Open($"public sealed class {name} : {client}");
            Bindings(writer, model, service, interceptors, server: false);
            writer.Line($"private readonly {client} _client;");
            writer.Line($"private readonly {interceptors} _interceptors;");
            writer.Line();
            writer.Summary("Wraps a client.");
            writer.Param("client", "The transport's client.");
            writer.Param("interceptors", "The interceptors' implementation.");
            writer.Open($"public {name}({client} client, {interceptors} interceptors)");
            writer.Line($"{KnownTypes.ArgumentNullException}.ThrowIfNull(client);");
            writer.Line($"{KnownTypes.ArgumentNullException}.ThrowIfNull(interceptors);");
            writer.Line("_client = client;");
            writer.Line("_interceptors = interceptors;");
            writer.Close();
            foreach (var method in service.Methods)
            {
                writer.Line();
                writer.Line("/// <inheritdoc/>");
                var signature = Signatures.Client(service, method);
                var applied = model.Interception.Of(service, method, server: false).Count > 0;
                var arguments = string.Join(string.Empty, new[] { method.Payload is null ? null : "payload, ", method.BodyArgument is { } body ? body + ", " : null });
                if (!applied)
                {
                    writer.Line($"public {signature} => _client.{method.Name}Async({arguments}cancellationToken);");
                    continue;
                }

                var payload = method.Payload is null ? "null" : "payload";
                var set = $"{KnownTypes.InterceptorSet}.Create(_interceptors, {method.Name}Interceptors, {CSharp.String(service.Design.Name)}, {CSharp.String(method.Design.Name)}, {KnownTypes.InterceptorSide}.Client)";
                if (method.Kind == StreamKind.None)
                {
                    var result = method.RawResponse ? KnownTypes.IOStream : method.Result?.TypeRef;
                    writer.Line($"public {signature} =>");
                    writer.Line(result is null
                        ? $"    {KnownTypes.Interception}.HandleAsync({set}, {payload}, token => _client.{method.Name}Async({arguments}token), cancellationToken);"
                        : $"    {KnownTypes.Interception}.UnaryAsync({set}, {payload}, token => _client.{method.Name}Async({arguments}token), cancellationToken);");
                    continue;
                }

                writer.Open($"public async {signature}");
                writer.Line($"var set = {set};");
                writer.Line($"var stream = await {KnownTypes.Interception}.OpenAsync(set, {payload}, token => _client.{method.Name}Async({arguments}token), cancellationToken).ConfigureAwait(false);");
                writer.Line($"return new {method.Name}Stream(stream, set, {payload});");
                writer.Close();
            }

            foreach (var method in service.Methods.Where(m => m.Kind != StreamKind.None && model.Interception.Of(service, m, server: false).Count > 0))
            {
                writer.Line();
                writer.Line($"private sealed class {method.Name}Stream(object inner, {KnownTypes.InterceptorSet} set, object? payload)");
                writer.Line($"    : {KnownTypes.InterceptedClientStream}<{method.InType}, {method.OutType}>(inner, set, payload), global::{service.Namespace}.{method.ClientStream};");
            }

            writer.Close();
        });
    }

    // private static readonly InterceptorBinding<I…Interceptors>[] <Method>Interceptors = [ new("name", operations, static (interceptors, call) => …), ];
    private static void Bindings(CodeWriter writer, CodeModel model, ServiceSpec service, string interceptors, bool server)
    {
        foreach (var method in service.Methods)
        {
            var applied = model.Interception.Of(service, method, server);
            if (applied.Count == 0)
            {
                continue;
            }

            writer.Line($"private static readonly {KnownTypes.InterceptorBinding}<{interceptors}>[] {method.Name}Interceptors =");
            writer.Line("[");
            foreach (var interceptor in applied)
            {
                writer.Line($"    new({CSharp.String(interceptor.Design.Name)}, {InterceptorModel.Operations(interceptor, method, server)}, static (interceptors, call) =>");
                writer.Line("    {");
                writer.Line($"        var info = new {interceptor.InfoFullName}(call);");
                writer.Line($"        return (next, cancellationToken) => interceptors.{interceptor.Method}(info, next, cancellationToken);");
                writer.Line("    }),");
            }

            writer.Line("];");
            writer.Line();
        }
    }
}
