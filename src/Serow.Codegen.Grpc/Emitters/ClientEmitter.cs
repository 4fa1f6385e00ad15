// Licensed under the MIT license. See LICENSE in the project root.

using Serow.Codegen.Emitters;
using Serow.Codegen.Grpc.Model;
using Serow.Codegen.Model;
using Serow.Codegen.Writing;
using Serow.Design;

namespace Serow.Codegen.Grpc.Emitters;

/// <summary>Prints the gRPC client of a service: <c>I&lt;Service&gt;Client</c> over protoc's client class and the runtime's streams.</summary>
internal static class ClientEmitter
{
    public static string ClassName(ProtoFile file) => file.Service.Name + "GrpcClient";

    // public sealed partial class <Service>GrpcClient : I<Service>Client
    // {
    //     public <Service>GrpcClient(GrpcChannel channel, SerowGrpcClientOptions? options = null) …
    //     public <Service>GrpcClient(CallInvoker invoker, SerowGrpcClientOptions? options = null) …
    //     public async Task<R> <Method>Async(P payload, CancellationToken cancellationToken = default) { validate; GrpcClientInvoker.UnaryAsync(…); validate result }
    //     public async Task<I…ClientStream> <Method>Async([P payload,] CancellationToken cancellationToken = default) { start call; wrap }
    // }
    // file sealed class <Service><Method>GrpcClientStream(GrpcClientCall<TIn, TOut> call) : GrpcClientStream<TIn, TOut>(call), I…ClientStream;
    public static GeneratedFile Emit(CodeModel model, ProtoFile file) =>
        CSharpFile.Create(model, $"{file.Service.Name}/Grpc/{ClassName(file)}.g.cs", file.Service.Namespace, "client", writer =>
        {
            var service = file.Service;
            var name = ClassName(file);
            writer.Summary($"Calls the \"{service.Design.Name}\" service over gRPC (Grpc.Net.Client), with the same validation, typed errors, half-close and cancellation as every Serow client.");
            CSharpFile.GeneratedCodeAttribute(writer, model);
            writer.Open($"public sealed partial class {name} : global::{service.Namespace}.{service.ClientInterface}");
            writer.Line($"private readonly {file.ServiceClient} _client;");
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
            writer.Line($"_client = new {file.ServiceClient}(invoker);");
            writer.Line($"_options = options ?? {GrpcKnownTypes.ClientOptions}.Default;");
            writer.Close();

            foreach (var rpc in file.Rpcs)
            {
                writer.Line();
                writer.Line("/// <inheritdoc/>");
                Method(writer, model, file, rpc);
            }

            foreach (var method in service.Methods.Where(m => m.Design.Grpc is null))
            {
                writer.Line();
                writer.Summary($"Not served over gRPC: the design gives \"{method.Design.Name}\" no GRPC mapping.");
                if (method.Payload is not null)
                {
                    writer.Param("payload", "Unused.");
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

            foreach (var rpc in file.Rpcs.Where(r => r.Method.Kind != StreamKind.None))
            {
                var method = rpc.Method;
                writer.Line();
                writer.Line($"file sealed class {StreamClass(service, method)}({GrpcKnownTypes.ClientCall}<{method.InType}, {method.OutType}> call)");
                writer.Line($"    : {GrpcKnownTypes.ClientStream}<{method.InType}, {method.OutType}>(call), global::{service.Namespace}.{method.ClientStream};");
            }
        });

    private static string StreamClass(ServiceSpec service, MethodSpec method) => $"{service.Name}{method.Name}GrpcClientStream";

    private static void Method(CodeWriter writer, CodeModel model, ProtoFile file, ProtoRpc rpc)
    {
        var method = rpc.Method;
        var service = file.Service;
        var converters = ConvertersEmitter.ClassRef(file);
        var errors = $"global::{service.Namespace}.{service.ErrorFactory}.Create";
        writer.Open("public async " + Signatures.Client(service, method)[KnownTypes.Task.Length..].Insert(0, KnownTypes.Task));
        if (method.Payload is { } payload)
        {
            if (!payload.IsValueType)
            {
                writer.Line($"{KnownTypes.ArgumentNullException}.ThrowIfNull(payload);");
            }

            if (ConvertersEmitter.HasValidator(model, payload))
            {
                writer.Line($"{GrpcKnownTypes.ClientInvoker}.Validate(payload, {converters}.Validate{method.Name}Payload);");
            }
        }

        var options = rpc.Metadata.Count > 0
            ? $"_options.CallOptions({converters}.{rpc.Payload}Metadata(payload), cancellationToken)"
            : "_options.CallOptions(cancellationToken)";
        var request = method.Payload is null ? $"new {file.MessageRef(rpc.Request)}()" : $"{converters}.To{rpc.Payload}(payload)";
        switch (method.Kind)
        {
            case StreamKind.None:
                var call = $"{GrpcKnownTypes.ClientInvoker}.UnaryAsync(() => _client.{rpc.Name}Async({request}, {options}), {errors}, cancellationToken).ConfigureAwait(false)";
                if (method.Result is { } result)
                {
                    var validate = ConvertersEmitter.HasValidator(model, result) ? $"{converters}.Validate{method.Name}Result" : "null";
                    writer.Line($"var response = await {call};");
                    writer.Line($"return {GrpcKnownTypes.ClientInvoker}.Validate({converters}.From{rpc.Response}(response), {validate});");
                }
                else
                {
                    writer.Line($"await {call};");
                }

                break;

            case StreamKind.Server:
                writer.Line($"await {GrpcKnownTypes.ValueTask}.CompletedTask.ConfigureAwait(false);");
                writer.Line($"var call = _client.{rpc.Name}({request}, {options});");
                writer.Line($"return new {StreamClass(service, method)}({GrpcKnownTypes.ClientInvoker}.ServerStreaming<{method.OutType}, {file.MessageRef(rpc.Response)}>(");
                writer.Line($"    {converters}.{method.Name}Contract, {errors}, call, {Decode(file, rpc)}, cancellationToken));");
                break;

            default:
                var factory = method.Kind == StreamKind.Client ? "ClientStreamingAsync" : "DuplexStreamingAsync";
                var inProto = file.MessageRef(rpc.Request);
                var encode = rpc.Envelope
                    ? $"{converters}.MessageTo{rpc.Request}"
                    : $"static m => {converters}.To{rpc.StreamIn}({(method.StreamingPayload!.IsValueType ? "m.GetValueOrDefault()" : "m")})";
                var first = rpc.Envelope ? $"{converters}.PayloadTo{rpc.Request}(payload)" : "null";
                writer.Line($"var call = _client.{rpc.Name}({options});");
                writer.Line($"var stream = await {GrpcKnownTypes.ClientInvoker}.{factory}<{method.InType}, {method.OutType}, {inProto}, {file.MessageRef(rpc.Response)}>(");
                writer.Line($"    {converters}.{method.Name}Contract, {errors}, call, {encode}, {(method.OutMessage is null ? "null" : Decode(file, rpc))}, {first}, cancellationToken).ConfigureAwait(false);");
                writer.Line($"return new {StreamClass(service, method)}(stream);");
                break;
        }

        writer.Close();
    }

    private static string Decode(ProtoFile file, ProtoRpc rpc) =>
        $"static m => {ConvertersEmitter.ClassRef(file)}.From{rpc.Out}(m)";
}
