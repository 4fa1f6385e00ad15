// Licensed under the MIT license. See LICENSE in the project root.

using Serow.Codegen.Emitters;
using Serow.Codegen.Grpc.Model;
using Serow.Codegen.Model;
using Serow.Codegen.Writing;
using Serow.Design;

namespace Serow.Codegen.Grpc.Emitters;

/// <summary>
/// Prints what the gRPC service and client of a service share: per method its descriptor (the grpc-dotnet method with
/// the codecs' marshallers, error codes, and how payload, messages and results map to the messages on the wire;
/// validation and stream contracts come from the service's contracts), and the request metadata of payload attributes.
/// </summary>
internal static class MethodsEmitter
{
    private const string Wrapper = "global::Serow.Grpc.Protobuf.ProtoWrapper";
    private const string Empty = "global::Serow.Grpc.Protobuf.ProtoEmpty";

    public static string ClassName(ProtoFile file) => file.Service.Name + "GrpcMethods";

    public static string ClassRef(ProtoFile file) => $"global::{file.Service.Namespace}.{ClassName(file)}";

    // internal static partial class <Service>GrpcMethods
    // {
    //     public static readonly GrpcUnaryMethod<…> / GrpcStreamMethod<…> <Method>Method = new() { … };
    //     public static Metadata <Message>Metadata(<T> value) / <T> With<Message>Metadata(<T> value, Metadata headers)
    // }
    public static GeneratedFile Emit(CodeModel model, ProtoFile file) =>
        CSharpFile.Create(model, $"{file.Service.Name}/Grpc/{ClassName(file)}.g.cs", file.Service.Namespace, "methods", writer =>
        {
            writer.Summary($"How the methods of the \"{file.Service.Design.Name}\" service travel over gRPC: what its gRPC service and client share.");
            CSharpFile.GeneratedCodeAttribute(writer, model);
            writer.Open($"internal static partial class {ClassName(file)}");
            var first = true;
            foreach (var rpc in file.Rpcs)
            {
                if (!first)
                {
                    writer.Line();
                }

                first = false;
                Method(writer, model, file, rpc);
            }

            var responses = file.Rpcs.Where(r => r.ResponseHeaders.Count + r.ResponseTrailers.Count > 0).ToList();
            foreach (var message in file.Messages)
            {
                if (message.Source is ObjectSource { Metadata.Count: > 0 } source && responses.All(r => r.Response != message.Name))
                {
                    RequestMetadata(writer, message, source.Spec, source.Metadata);
                }
            }

            foreach (var rpc in responses)
            {
                ResponseMetadata(writer, Find(file, rpc.Response), rpc);
            }

            writer.Close();
        });

    // public static Metadata <Message>Metadata(<T> value) { var headers = new Metadata(); GrpcMetadata.Add<Kind>(headers, "<key>", value.<Property>); … return headers; }
    // public static <T> With<Message>Metadata(<T> value, Metadata headers) { value.<Property> = GrpcMetadata.Get<Kind>(headers, "<key>") …; return value; }
    private static void RequestMetadata(CodeWriter writer, ProtoMessage message, ObjectSpec spec, EquatableArray<ProtoMetadata> metadata)
    {
        writer.Line();
        writer.Summary($"The request metadata that carries the attributes of {message.Name} not in the message.");
        writer.Open($"public static {GrpcKnownTypes.Metadata} {message.Name}Metadata({spec.FullName} value)");
        writer.Line($"var headers = new {GrpcKnownTypes.Metadata}();");
        foreach (var entry in metadata)
        {
            writer.Line($"{GrpcKnownTypes.RequestMetadata}.Add{entry.Kind.ToMetadataName()}(headers, {CSharp.String(entry.Key)}, value.{TypeEmitter.PropertyName(spec, entry.Attribute.Name)});");
        }

        writer.Line("return headers;");
        writer.Close();
        writer.Line();
        writer.Summary($"Sets the attributes of {message.Name} carried in request metadata.");
        writer.Open($"public static {spec.FullName} With{message.Name}Metadata({spec.FullName} value, {GrpcKnownTypes.Metadata} headers)");
        foreach (var entry in metadata)
        {
            writer.Line($"value.{TypeEmitter.PropertyName(spec, entry.Attribute.Name)} = {FromMetadata(spec, entry)};");
        }

        writer.Line("return value;");
        writer.Close();
    }

    // public static Metadata <Message>Headers(<T> value) / <Message>Trailers(<T> value)      what the server sends
    // public static <T> With<Message>Metadata(<T> value, Metadata headers, Metadata trailers)  what the client reads back
    private static void ResponseMetadata(CodeWriter writer, ProtoMessage message, ProtoRpc rpc)
    {
        var spec = ((ObjectSource)message.Source).Spec;
        foreach (var (kind, entries) in new[] { ("Headers", rpc.ResponseHeaders), ("Trailers", rpc.ResponseTrailers) })
        {
            if (entries.Count == 0)
            {
                continue;
            }

            writer.Line();
            writer.Summary($"The response {kind.ToLowerInvariant()} that carry the result attributes of {message.Name} not in the message.");
            writer.Open($"public static {GrpcKnownTypes.Metadata} {message.Name}{kind}({spec.FullName} value)");
            writer.Line($"var metadata = new {GrpcKnownTypes.Metadata}();");
            foreach (var entry in entries)
            {
                writer.Line($"{GrpcKnownTypes.RequestMetadata}.Add{entry.Kind.ToMetadataName()}(metadata, {CSharp.String(entry.Key)}, value.{TypeEmitter.PropertyName(spec, entry.Attribute.Name)});");
            }

            writer.Line("return metadata;");
            writer.Close();
        }

        writer.Line();
        writer.Summary($"Sets the result attributes of {message.Name} carried in response headers and trailers; an absent one is left for validation to report.");
        writer.Open($"public static {spec.FullName} With{message.Name}Metadata({spec.FullName} value, {GrpcKnownTypes.Metadata} headers, {GrpcKnownTypes.Metadata} trailers)");
        var index = 0;
        foreach (var (source, entries) in new[] { ("headers", rpc.ResponseHeaders), ("trailers", rpc.ResponseTrailers) })
        {
            foreach (var entry in entries)
            {
                var local = $"m{index++}";
                writer.Open($"if ({GrpcKnownTypes.RequestMetadata}.Get{entry.Kind.ToMetadataName()}({source}, {CSharp.String(entry.Key)}) is {{ }} {local})");
                writer.Line($"value.{TypeEmitter.PropertyName(spec, entry.Attribute.Name)} = {local};");
                writer.Close();
            }
        }

        writer.Line("return value;");
        writer.Close();
    }

    private static string FromMetadata(ObjectSpec spec, ProtoMetadata entry)
    {
        var attribute = entry.Attribute;
        var read = $"{GrpcKnownTypes.RequestMetadata}.Get{entry.Kind.ToMetadataName()}(headers, {CSharp.String(entry.Key)})";
        if (attribute.DefaultJson is { } json && Literals.FromJson(entry.Kind, json) is { } literal)
        {
            return $"{read} ?? {literal}";
        }

        var required = spec.Type.IsRequired(attribute.Name) && (!spec.HasViews || spec.InEveryView(attribute.Name));
        if (required && TypeEmitter.IsValueTypeName(spec.PropertyTypes[attribute.Name]))
        {
            return $"{GrpcKnownTypes.RequestMetadata}.Required({read}, {CSharp.String(entry.Key)})";
        }

        return required ? read + "!" : read;
    }

    private static string ToMetadataName(this PrimitiveKind kind) => kind switch
    {
        PrimitiveKind.Int => "Int32",
        PrimitiveKind.UInt => "UInt32",
        PrimitiveKind.Float32 => "Single",
        PrimitiveKind.Float64 => "Double",
        _ => kind.ToString(),
    };

    // public static readonly GrpcUnaryMethod<P, R, Q, S> <Method>Method = new() { Service, Method, Definition, ErrorCodes, Errors, conversions… };
    // public static readonly GrpcStreamMethod<P, TIn, TOut, Q, S> <Method>Method = new() { Stream = <Service>Contracts.<Method>Stream, … };
    private static void Method(CodeWriter writer, CodeModel model, ProtoFile file, ProtoRpc rpc)
    {
        var method = rpc.Method;
        var service = file.Service;
        var request = CodecEmitter.WireType(file, rpc.Request);
        var response = CodecEmitter.WireType(file, rpc.Response);
        var payloadType = method.Payload?.TypeRef ?? KnownTypes.NoMessage;
        var unary = method.Kind == StreamKind.None;
        var type = unary
            ? $"{GrpcKnownTypes.UnaryMethod}<{payloadType}, {method.Result?.TypeRef ?? KnownTypes.NoMessage}, {request}, {response}>"
            : $"{GrpcKnownTypes.StreamMethod}<{payloadType}, {method.InType}, {method.OutType}, {request}, {response}>";
        var methodType = method.Kind switch
        {
            StreamKind.None => "Unary",
            StreamKind.Server => "ServerStreaming",
            StreamKind.Client => "ClientStreaming",
            _ => "DuplexStreaming",
        };
        var serviceName = string.IsNullOrEmpty(file.Package) ? file.ServiceName : file.Package + "." + file.ServiceName;
        writer.Summary($"How {service.Design.Name}.{method.Design.Name} travels over gRPC: the rpc {serviceName}/{rpc.Name}, its error codes and messages.");
        writer.Line($"public static readonly {type} {method.Name}Method = new()");
        writer.Line("{");
        writer.Line($"    Service = {CSharp.String(service.Design.Name)},");
        writer.Line($"    Method = {CSharp.String(method.Design.Name)},");
        writer.Line($"    Definition = new global::Grpc.Core.Method<{request}, {response}>(global::Grpc.Core.MethodType.{methodType}, {CSharp.String(serviceName)}, {CSharp.String(rpc.Name)},");
        writer.Line($"        {CodecEmitter.CodecRef(file, rpc.Request)}.Marshaller, {CodecEmitter.CodecRef(file, rpc.Response)}.Marshaller),");
        var codes = ErrorCodes(service, method);
        if (codes.Count > 0)
        {
            var dictionary = $"{GrpcKnownTypes.Dictionary}<string, {GrpcKnownTypes.StatusCode}>";
            var entries = string.Join(", ", codes.Select(c => $"[{CSharp.String(c.Name)}] = {GrpcKnownTypes.StatusCode}.{StatusName(c.Code)}"));
            writer.Line($"    ErrorCodes = new {dictionary} {{ {entries} }},");
        }

        writer.Line($"    Errors = global::{service.Namespace}.{service.ErrorFactory}.Create,");
        if (ServiceContractsEmitter.Security(model, service, method) is { } security)
        {
            writer.Line($"    Security = {security},");
        }

        if (!unary)
        {
            writer.Line($"    Stream = {ServiceContractsEmitter.Stream(service, method)},");
            writer.Line($"    RequestSize = {CodecEmitter.CodecRef(file, rpc.Request)}.CalculateSize,");
            writer.Line($"    ResponseSize = {CodecEmitter.CodecRef(file, rpc.Response)}.CalculateSize,");
        }

        // The payload: in the request (unary and server streams) or in the first envelope of the request stream.
        if (method.Payload is not null)
        {
            var payloadMessage = Find(file, rpc.Payload!);
            var metadata = payloadMessage.Source is ObjectSource { Metadata.Count: > 0 };
            var fromWire = Unwrap(payloadMessage, rpc.Envelope ? "m.PayloadOrThrow()" : "m");
            writer.Line($"    DecodePayload = static m => {fromWire},");
            if (metadata)
            {
                writer.Line($"    PayloadFromMetadata = static (p, h) => {ClassRef(file)}.With{payloadMessage.Name}Metadata(p, h),");
            }

            var toWire = Wrap(payloadMessage, "p", nullable: false);
            writer.Line(rpc.Envelope
                ? $"    EncodePayload = static p => {request}.OfPayload({toWire}),"
                : $"    EncodePayload = static p => {toWire},");
            if (metadata)
            {
                writer.Line($"    PayloadMetadata = static p => {ClassRef(file)}.{payloadMessage.Name}Metadata(p),");
            }

            if (ServiceContractsEmitter.Validator(model, service, method, MessageSlot.Payload) is { } validatePayload)
            {
                writer.Line($"    ValidatePayload = {validatePayload},");
            }
        }
        else if (!rpc.RequestStream)
        {
            writer.Line($"    EncodePayload = static _ => {Empty}.Instance,");
        }

        if (rpc.RequestStream)
        {
            var streamIn = Find(file, rpc.StreamIn!);
            var nullable = method.StreamingPayload!.IsValueType;
            writer.Line($"    DecodeMessage = static m => {Unwrap(streamIn, rpc.Envelope ? "m.MessageOrThrow()" : "m")},");
            writer.Line(rpc.Envelope
                ? $"    EncodeMessage = static m => {request}.OfMessage({Wrap(streamIn, "m", nullable)}),"
                : $"    EncodeMessage = static m => {Wrap(streamIn, "m", nullable)},");
        }

        if (unary && (rpc.ResponseHeaders.Count + rpc.ResponseTrailers.Count) > 0)
        {
            var responseMessage = Find(file, rpc.Response).Name;
            if (rpc.ResponseHeaders.Count > 0)
            {
                writer.Line($"    ResultHeaders = static r => {ClassRef(file)}.{responseMessage}Headers(r),");
            }

            if (rpc.ResponseTrailers.Count > 0)
            {
                writer.Line($"    ResultTrailers = static r => {ClassRef(file)}.{responseMessage}Trailers(r),");
            }

            writer.Line($"    ResultFromMetadata = static (r, h, t) => {ClassRef(file)}.With{responseMessage}Metadata(r, h, t),");
        }

        if (unary)
        {
            if (method.Result is not null)
            {
                var result = Find(file, rpc.Response);
                if (result.Source is not ObjectSource)
                {
                    // An object result is its own response; others travel in a wrapper.
                    writer.Line($"    EncodeResult = static r => {Wrap(result, "r", nullable: false)},");
                    writer.Line($"    DecodeResult = static m => {Unwrap(result, "m")},");
                }

                if (ServiceContractsEmitter.Validator(model, service, method, MessageSlot.Result) is { } validateResult)
                {
                    writer.Line($"    ValidateResult = {validateResult},");
                }
            }
            else
            {
                writer.Line($"    EncodeResult = static _ => {Empty}.Instance,");
                writer.Line("    DecodeResult = static _ => null!,");
            }
        }
        else if (method.OutMessage is { } outMessage)
        {
            var @out = Find(file, rpc.Out!);
            writer.Line($"    EncodeResult = static m => {Wrap(@out, "m", outMessage.IsValueType)},");
            writer.Line($"    DecodeResult = static m => {Unwrap(@out, "m")},");
        }

        writer.Line("};");
    }

    private static string Wrap(ProtoMessage message, string value, bool nullable) => message.Source is WrapperSource wrapper
        ? $"new {Wrapper}<{wrapper.TypeRef}>({(nullable ? value + ".GetValueOrDefault()" : value)})"
        : value;

    private static string Unwrap(ProtoMessage message, string value) => message.Source is WrapperSource ? value + ".Value" : value;

    /// <summary>The designed status codes of the method's errors: the method's mappings, then the service's.</summary>
    private static List<(string Name, GrpcCode Code)> ErrorCodes(ServiceSpec service, MethodSpec method)
    {
        var codes = new List<(string, GrpcCode)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var responses = (method.Design.Grpc?.Responses ?? []).Concat(service.Design.Grpc?.Responses ?? []);
        foreach (var response in responses)
        {
            if (response.ErrorName is { } name && seen.Add(name))
            {
                codes.Add((name, response.Code));
            }
        }

        return codes;
    }

    private static string StatusName(GrpcCode code) => code == GrpcCode.Canceled ? "Cancelled" : code.ToString();

    private static ProtoMessage Find(ProtoFile file, string name) => file.Messages.First(m => m.Name == name);
}
