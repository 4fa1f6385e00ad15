// Licensed under the MIT license. See LICENSE in the project root.

using Serow.Codegen.Emitters;
using Serow.Codegen.Grpc.Model;
using Serow.Codegen.Model;
using Serow.Codegen.Writing;
using Serow.Design;

namespace Serow.Codegen.Grpc.Emitters;

/// <summary>Prints the gRPC client of a service: <c>I&lt;Service&gt;Client</c> over a call invoker, the method descriptors and the runtime's streams.</summary>
internal static class ClientEmitter
{
    public static string ClassName(ProtoFile file) => file.Service.Name + "GrpcClient";

    // public sealed partial class <Service>GrpcClient : I<Service>Client
    // {
    //     public <Service>GrpcClient(GrpcChannel channel, SerowGrpcClientOptions? options = null) …
    //     public <Service>GrpcClient(CallInvoker invoker, SerowGrpcClientOptions? options = null) …
    //     public Task<R> <Method>Async(P payload, CancellationToken cancellationToken = default) => GrpcClientInvoker.UnaryAsync(…);
    //     public Task<I…ClientStream> <Method>Async([P payload,] CancellationToken cancellationToken = default) => GrpcClientInvoker.<Shape>Async(…);
    // }
    public static GeneratedFile Emit(CodeModel model, ProtoFile file) =>
        CSharpFile.Create(model, $"{file.Service.Name}/Grpc/{ClassName(file)}.g.cs", file.Service.Namespace, "client", writer =>
        {
            var service = file.Service;
            var name = ClassName(file);
            writer.Summary($"Calls the \"{service.Design.Name}\" service over gRPC (Grpc.Net.Client), with the same validation, typed errors, half-close and cancellation as every Serow client.");
            CSharpFile.GeneratedCodeAttribute(writer, model);
            writer.Open($"public sealed partial class {name} : global::{service.Namespace}.{service.ClientInterface}");
            writer.Line($"private readonly {GrpcKnownTypes.CallInvoker} _invoker;");
            writer.Line($"private readonly {GrpcKnownTypes.ClientOptions} _options;");
            writer.Line();
            writer.Summary("Creates a client that calls through a channel.");
            writer.Param("channel", "The channel to the server, for example from Serow.Grpc.SerowGrpcChannel.Create.");
            writer.Param("options", "Deadline, compression and write buffering; the defaults when null.");
            writer.Line($"public {name}({GrpcKnownTypes.GrpcChannel} channel, {GrpcKnownTypes.ClientOptions}? options = null)");
            writer.Line($"    : this((channel ?? throw new {KnownTypes.ArgumentNullException}(nameof(channel))).CreateCallInvoker(), options)");
            writer.Line("{").Line("}");
            writer.Line();
            writer.Summary("Creates a client that calls through a call invoker (for example one with interceptors).");
            writer.Param("invoker", "The call invoker.");
            writer.Param("options", "Deadline, compression and write buffering; the defaults when null.");
            writer.Open($"public {name}({GrpcKnownTypes.CallInvoker} invoker, {GrpcKnownTypes.ClientOptions}? options = null)");
            writer.Line($"{KnownTypes.ArgumentNullException}.ThrowIfNull(invoker);");
            writer.Line("_invoker = invoker;");
            writer.Line($"_options = options ?? {GrpcKnownTypes.ClientOptions}.Default;");
            writer.Close();

            foreach (var rpc in file.Rpcs)
            {
                writer.Line();
                writer.Line("/// <inheritdoc/>");
                Method(writer, file, rpc);
            }

            foreach (var method in service.Methods.Where(m => m.Design.Grpc is null))
            {
                writer.Line();
                writer.Summary($"Not served over gRPC: the design gives \"{method.Design.Name}\" no GRPC mapping.");
                if (method.Payload is not null)
                {
                    writer.Param("payload", "Unused.");
                }

                if (method.BodyArgument is { } body)
                {
                    writer.Param(body, "Unused.");
                }

                writer.Param("cancellationToken", "Unused.");
                writer.Returns("A task that fails with NotSupportedException.");
                var signature = Signatures.Client(service, method);
                var returns = signature[..signature.IndexOf(' ', StringComparison.Ordinal)];
                var result = returns == KnownTypes.Task ? string.Empty : returns[(KnownTypes.Task.Length + 1)..^1];
                writer.Line($"public {signature} =>");
                writer.Line($"    {KnownTypes.Task}.FromException{(result.Length == 0 ? string.Empty : "<" + result + ">")}(new {GrpcKnownTypes.NotSupportedException}({CSharp.String($"{service.Design.Name}.{method.Design.Name} is not served over gRPC.")}));");
            }

            writer.Close();
        });

    // public Task<R> <Method>Async(P payload, CancellationToken cancellationToken = default)
    // {
    //     ArgumentNullException.ThrowIfNull(payload);
    //     return GrpcClientInvoker.<Shape>Async(<Service>GrpcMethods.<Method>Method, _invoker, payload, _options, [wrap,] cancellationToken);
    // }
    private static void Method(CodeWriter writer, ProtoFile file, ProtoRpc rpc)
    {
        var method = rpc.Method;
        var service = file.Service;
        var methods = MethodsEmitter.ClassRef(file);
        var signature = Signatures.Client(service, method);
        var voidUnary = method.Kind == StreamKind.None && method.Result is null;
        writer.Open($"public {(voidUnary ? "async " : string.Empty)}{signature}");
        if (method.Payload is { IsValueType: false })
        {
            writer.Line($"{KnownTypes.ArgumentNullException}.ThrowIfNull(payload);");
        }

        var payload = method.Payload is null ? $"default({KnownTypes.NoMessage})!" : "payload";
        var descriptor = $"{methods}.{method.Name}Method";
        var wrap = $"static call => (global::{service.Namespace}.{method.ClientStream})new {ServiceContractsEmitter.ClientStream(service, method)}(call)";
        switch (method.Kind)
        {
            case StreamKind.None:
                var call = $"{GrpcKnownTypes.ClientInvoker}.UnaryAsync({descriptor}, _invoker, {payload}, _options, cancellationToken)";
                writer.Line(voidUnary ? $"await {call}.ConfigureAwait(false);" : $"return {call};");
                break;

            case StreamKind.Server when method.Design.Resumable is not null:
                var connect = $"{GrpcKnownTypes.ClientInvoker}.ServerStreamingAsync({descriptor}, _invoker, p, _options, static call => call, token)";
                ServiceContractsEmitter.ResumableConnect(writer, service, method, "_options", connect, wrap, awaited: false);
                break;

            case StreamKind.Server:
                writer.Line($"return {GrpcKnownTypes.ClientInvoker}.ServerStreamingAsync({descriptor}, _invoker, {payload}, _options,");
                writer.Line($"    {wrap}, cancellationToken);");
                break;

            default:
                var shape = method.Kind == StreamKind.Client ? "ClientStreamingAsync" : "DuplexStreamingAsync";
                writer.Line($"return {GrpcKnownTypes.ClientInvoker}.{shape}({descriptor}, _invoker, {payload}, _options,");
                writer.Line($"    {wrap}, cancellationToken);");
                break;
        }

        writer.Close();
    }
}
