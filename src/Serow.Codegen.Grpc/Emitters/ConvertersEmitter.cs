// Licensed under the MIT license. See LICENSE in the project root.

using Serow.Codegen.Emitters;
using Serow.Codegen.Grpc.Model;
using Serow.Codegen.Grpc.Writing;
using Serow.Codegen.Model;
using Serow.Codegen.Writing;
using Serow.Design;

namespace Serow.Codegen.Grpc.Emitters;

/// <summary>
/// Prints what the gRPC service and client of a service share: one converter pair per protobuf message, and per method
/// its descriptor (error codes and conversions; validation and stream contracts come from the service's contracts).
/// </summary>
internal static class ConvertersEmitter
{
    public static string ClassName(ProtoFile file) => file.Service.Name + "GrpcConverters";

    public static string ClassRef(ProtoFile file) => $"global::{file.Service.Namespace}.{ClassName(file)}";

    // internal static partial class <Service>GrpcConverters
    // {
    //     public static P.<Message> To<Message>(<T> value) { … }       Serow → protobuf
    //     public static <T> From<Message>(P.<Message> message) => …;   protobuf → Serow
    //     public static readonly GrpcUnaryMethod<…> / GrpcStreamMethod<…> <Method>Method = new() { … };
    // }
    public static GeneratedFile Emit(CodeModel model, ProtoFile file) =>
        CSharpFile.Create(model, $"{file.Service.Name}/Grpc/{ClassName(file)}.g.cs", file.Service.Namespace, "converters", writer =>
        {
            writer.Summary($"Converts the messages of the \"{file.Service.Design.Name}\" service between Serow types and protobuf, and holds what its gRPC service and client share.");
            CSharpFile.GeneratedCodeAttribute(writer, model);
            writer.Open($"internal static partial class {ClassName(file)}");
            var first = true;
            foreach (var message in file.Messages)
            {
                if (message.Source is EmptySource)
                {
                    continue;
                }

                if (!first)
                {
                    writer.Line();
                }

                first = false;
                Converters(writer, file, message, model.Options.ProtoPresence);
            }

            foreach (var @enum in file.Enums)
            {
                if (!first)
                {
                    writer.Line();
                }

                first = false;
                Enum(writer, file, @enum);
            }

            foreach (var rpc in file.Rpcs)
            {
                writer.Line();
                Method(writer, model, file, rpc);
            }

            writer.Close();
        });

    private static void Converters(CodeWriter writer, ProtoFile file, ProtoMessage message, ProtoPresence presence)
    {
        var proto = file.MessageRef(message.Name);
        switch (message.Source)
        {
            case ObjectSource { Spec: var spec } source:
                writer.Open($"public static {proto} To{message.Name}({spec.FullName} value)");
                writer.Line($"var message = new {proto}();");
                var next = 0;
                foreach (var field in message.Fields)
                {
                    var property = "value." + TypeEmitter.PropertyName(spec, field.Attribute!.Name);
                    var target = "message." + ProtoNames.Property(field.Name, message.Name);
                    if (IsNonNullableValue(spec, field.Attribute))
                    {
                        writer.Line($"{target} = {ToValue(field.Shape, property)};");
                    }
                    else
                    {
                        var local = $"f{next++}";
                        writer.Open($"if ({property} is {{ }} {local})");
                        Assign(writer, field.Shape, target, local);
                        writer.Close();
                    }
                }

                writer.Line("return message;");
                writer.Close();
                writer.Line();
                var headers = source.Metadata.Count > 0 ? $", {GrpcKnownTypes.Metadata} headers" : string.Empty;
                writer.Line($"public static {spec.FullName} From{message.Name}({proto} message{headers}) => new {spec.FullName}");
                writer.Line("{");
                foreach (var field in message.Fields)
                {
                    var from = "message." + ProtoNames.Property(field.Name, message.Name);
                    writer.Line($"    {TypeEmitter.PropertyName(spec, field.Attribute!.Name)} = {FromField(spec, field, from, message.Name, presence)},");
                }

                foreach (var entry in source.Metadata)
                {
                    writer.Line($"    {TypeEmitter.PropertyName(spec, entry.Attribute.Name)} = {FromMetadata(spec, entry)},");
                }

                writer.Line("};");
                if (source.Metadata.Count > 0)
                {
                    RequestMetadata(writer, message, spec, source.Metadata);
                }

                break;

            case WrapperSource wrapper:
                var only = message.Fields[0];
                var property2 = "message." + ProtoNames.Property(only.Name, message.Name);
                if (only.Shape is RepeatedShape or MapShape)
                {
                    writer.Open($"public static {proto} To{message.Name}({wrapper.TypeRef} value)");
                    writer.Line($"var message = new {proto}();");
                    Assign(writer, only.Shape, property2, "value");
                    writer.Line("return message;");
                    writer.Close();
                }
                else
                {
                    writer.Line($"public static {proto} To{message.Name}({wrapper.TypeRef} value) => new {proto} {{ {ProtoNames.Property(only.Name, message.Name)} = {ToValue(only.Shape, "value")} }};");
                }

                writer.Line();
                writer.Line($"public static {wrapper.TypeRef} From{message.Name}({proto} message) => {FromValue(only.Shape, property2)};");
                break;

            case EnvelopeSource envelope:
                var payload = Find(file, envelope.Payload);
                var streamed = Find(file, envelope.Message);
                var cases = $"{proto}.KindOneofCase";
                writer.Line($"public static {proto} PayloadTo{message.Name}({SerowType(payload)} value) => new {proto} {{ Payload = To{payload.Name}(value) }};");
                writer.Line();
                writer.Line($"public static {proto} MessageTo{message.Name}({SerowType(streamed)} value) => new {proto} {{ Message = To{streamed.Name}(value) }};");
                writer.Line();
                var carried = payload.Source is ObjectSource { Metadata.Count: > 0 };
                writer.Line($"public static {SerowType(payload)} PayloadOf{message.Name}({proto} message{(carried ? $", {GrpcKnownTypes.Metadata} headers" : string.Empty)}) =>");
                writer.Line($"    message.KindCase == {cases}.Payload ? From{payload.Name}(message.Payload{(carried ? ", headers" : string.Empty)}) : throw {GrpcKnownTypes.ServerInvoker}.NotPayload();");
                writer.Line();
                writer.Line($"public static {SerowType(streamed)} MessageOf{message.Name}({proto} message) =>");
                writer.Line($"    message.KindCase == {cases}.Message ? From{streamed.Name}(message.Message) : throw {GrpcKnownTypes.ServerInvoker}.NotMessage();");
                break;
        }
    }

    // public static P.<Enum> To<Enum>(string value) => value switch { "<VALUE>" => (P.<Enum>)0, …, _ => throw … };
    // public static string From<Enum>(P.<Enum> value) => (int)value switch { 0 => "<VALUE>", …, var n => GrpcConvert.UnknownEnumValue(n) };
    private static void Enum(CodeWriter writer, ProtoFile file, ProtoEnum @enum)
    {
        var proto = file.MessageRef(@enum.Name);
        writer.Line($"public static {proto} To{@enum.Name}(string value) => value switch");
        writer.Line("{");
        for (var i = 0; i < @enum.Values.Count; i++)
        {
            writer.Line($"    {CSharp.String(@enum.Values[i])} => ({proto}){i},");
        }

        writer.Line($"    _ => throw {GrpcKnownTypes.Convert}.NotInEnum({CSharp.String(@enum.Name)}, value),");
        writer.Line("};");
        writer.Line();
        writer.Line($"public static string From{@enum.Name}({proto} value) => (int)value switch");
        writer.Line("{");
        for (var i = 0; i < @enum.Values.Count; i++)
        {
            writer.Line($"    {i} => {CSharp.String(@enum.Values[i])},");
        }

        writer.Line($"    var number => {GrpcKnownTypes.Convert}.UnknownEnumValue(number),");
        writer.Line("};");
    }

    // public static Metadata <Message>Metadata(<T> value) { var headers = new Metadata(); GrpcMetadata.Add<Kind>(headers, "<key>", value.<Property>); … return headers; }
    private static void RequestMetadata(CodeWriter writer, ProtoMessage message, ObjectSpec spec, EquatableArray<ProtoMetadata> metadata)
    {
        writer.Line();
        writer.Open($"public static {GrpcKnownTypes.Metadata} {message.Name}Metadata({spec.FullName} value)");
        writer.Line($"var headers = new {GrpcKnownTypes.Metadata}();");
        foreach (var entry in metadata)
        {
            writer.Line($"{GrpcKnownTypes.RequestMetadata}.Add{entry.Kind.ToMetadataName()}(headers, {CSharp.String(entry.Key)}, value.{TypeEmitter.PropertyName(spec, entry.Attribute.Name)});");
        }

        writer.Line("return headers;");
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

        if (IsNonNullableValue(spec, attribute))
        {
            return $"{GrpcKnownTypes.RequestMetadata}.Required({read}, {CSharp.String(entry.Key)})";
        }

        var required = spec.Type.IsRequired(attribute.Name) && (!spec.HasViews || spec.InEveryView(attribute.Name));
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

    private static ProtoMessage Find(ProtoFile file, string name) => file.Messages.First(m => m.Name == name);

    public static string SerowType(ProtoMessage message) => message.Source switch
    {
        ObjectSource { Spec: var spec } => spec.FullName,
        WrapperSource wrapper => wrapper.TypeRef,
        _ => throw new InvalidOperationException($"Message {message.Name} has no Serow type."),
    };

    private static bool IsNonNullableValue(ObjectSpec spec, AttributeDesign attribute)
    {
        var required = spec.Type.IsRequired(attribute.Name) && (!spec.HasViews || spec.InEveryView(attribute.Name));
        var hasDefault = attribute.DefaultJson is not null && attribute.Type is PrimitiveType;
        return TypeEmitter.IsValueTypeName(spec.PropertyTypes[attribute.Name]) && (required || hasDefault);
    }

    private static void Assign(CodeWriter writer, FieldShape shape, string target, string value)
    {
        switch (shape)
        {
            case RepeatedShape { Element: ScalarShape { Kind: not PrimitiveKind.Bytes } }:
                writer.Line($"{target}.AddRange({value});");
                break;
            case RepeatedShape repeated:
                writer.Line($"{GrpcKnownTypes.Convert}.AddAll({target}, {value}, static e => {ToValue(repeated.Element, "e")});");
                break;
            case MapShape map:
                writer.Line($"{GrpcKnownTypes.Convert}.AddAll({target}, {value}, static e => {ToValue(map.Value, "e")});");
                break;
            default:
                writer.Line($"{target} = {ToValue(shape, value)};");
                break;
        }
    }

    private static string ToValue(FieldShape shape, string value) => shape switch
    {
        ScalarShape { Kind: PrimitiveKind.Bytes } => $"{GrpcKnownTypes.Convert}.Bytes({value})",
        ScalarShape => value,
        MessageShape message => $"To{message.Message}({value})",
        EnumShape @enum => $"To{@enum.Enum}({value})",
        _ => throw new InvalidOperationException($"Unsupported element {shape}."),
    };

    private static string FromValue(FieldShape shape, string value) => shape switch
    {
        ScalarShape { Kind: PrimitiveKind.Bytes } => $"{value}.ToByteArray()",
        ScalarShape => value,
        MessageShape message => $"From{message.Message}({value})",
        EnumShape @enum => $"From{@enum.Enum}({value})",
        RepeatedShape { Element: ScalarShape { Kind: not PrimitiveKind.Bytes } } => $"{GrpcKnownTypes.Enumerable}.ToList({value})",
        RepeatedShape repeated => $"{GrpcKnownTypes.Convert}.ToList({value}, static e => {FromValue(repeated.Element, "e")})",
        MapShape map => $"{GrpcKnownTypes.Convert}.ToDictionary({value}, static e => {FromValue(map.Value, "e")})",
        _ => throw new InvalidOperationException($"Unsupported shape {shape}."),
    };

    private static string FromField(ObjectSpec spec, ProtoField field, string source, string messageName, ProtoPresence presence)
    {
        var attribute = field.Attribute!;
        var required = spec.Type.IsRequired(attribute.Name) && (!spec.HasViews || spec.InEveryView(attribute.Name));
        var absent = attribute.DefaultJson is { } json && attribute.Type is PrimitiveType primitive && Literals.FromJson(primitive.Kind, json) is { } literal
            ? literal
            : required ? "null!" : "null";
        var owner = source[..(source.LastIndexOf('.') + 1)];

        // A field in a one-field oneof (ProtoPresence.Oneof) is present when its oneof's case is set (not None, 0).
        var has = presence == ProtoPresence.Oneof
            ? $"{owner}{ProtoNames.Property(ProtoNames.PresenceOneof(field.Name), messageName)}Case != 0"
            : owner + "Has" + ProtoNames.Property(field.Name, messageName);
        return field.Shape switch
        {
            ScalarShape or EnumShape when field.Optional => $"{has} ? {FromValue(field.Shape, source)} : {absent}",
            ScalarShape => FromValue(field.Shape, source),
            MessageShape => $"{source} is null ? {absent} : {FromValue(field.Shape, source)}",
            _ => FromValue(field.Shape, source),
        };
    }

    // public static readonly GrpcUnaryMethod<P, R, Q, S> <Method>Method = new() { Service, Method, ErrorCodes, Errors, conversions… };
    // public static readonly GrpcStreamMethod<P, TIn, TOut, Q, S> <Method>Method = new() { Stream = <Service>Contracts.<Method>Stream, … };
    private static void Method(CodeWriter writer, CodeModel model, ProtoFile file, ProtoRpc rpc)
    {
        var method = rpc.Method;
        var service = file.Service;
        var converters = ClassRef(file);
        var request = file.MessageRef(rpc.Request);
        var response = file.MessageRef(rpc.Response);
        var payloadType = method.Payload?.TypeRef ?? KnownTypes.NoMessage;
        var headers = rpc.Metadata.Count > 0 ? ", h" : string.Empty;
        var unary = method.Kind == StreamKind.None;
        var type = unary
            ? $"{GrpcKnownTypes.UnaryMethod}<{payloadType}, {method.Result?.TypeRef ?? KnownTypes.NoMessage}, {request}, {response}>"
            : $"{GrpcKnownTypes.StreamMethod}<{payloadType}, {method.InType}, {method.OutType}, {request}, {response}>";
        writer.Summary($"How {service.Design.Name}.{method.Design.Name} travels over gRPC: its messages, error codes and conversions.");
        writer.Line($"public static readonly {type} {method.Name}Method = new()");
        writer.Line("{");
        writer.Line($"    Service = {CSharp.String(service.Design.Name)},");
        writer.Line($"    Method = {CSharp.String(method.Design.Name)},");
        var codes = ErrorCodes(service, method);
        if (codes.Count > 0)
        {
            var dictionary = $"{GrpcKnownTypes.Dictionary}<string, {GrpcKnownTypes.StatusCode}>";
            var entries = string.Join(", ", codes.Select(c => $"[{CSharp.String(c.Name)}] = {GrpcKnownTypes.StatusCode}.{StatusName(c.Code)}"));
            writer.Line($"    ErrorCodes = new {dictionary} {{ {entries} }},");
        }

        writer.Line($"    Errors = global::{service.Namespace}.{service.ErrorFactory}.Create,");
        if (!unary)
        {
            writer.Line($"    Stream = {ServiceContractsEmitter.Stream(service, method)},");
        }

        // The payload: in the request (unary and server streams) or in the first envelope of the request stream.
        if (method.Payload is not null)
        {
            if (rpc.Envelope)
            {
                writer.Line($"    DecodePayload = static (m, h) => {converters}.PayloadOf{rpc.Request}(m{headers}),");
                writer.Line($"    EncodePayload = static p => {converters}.PayloadTo{rpc.Request}(p),");
            }
            else
            {
                writer.Line($"    DecodePayload = static (m, h) => {converters}.From{rpc.Payload}(m{headers}),");
                writer.Line($"    EncodePayload = static p => {converters}.To{rpc.Payload}(p),");
            }

            if (rpc.Metadata.Count > 0)
            {
                writer.Line($"    PayloadMetadata = static p => {converters}.{rpc.Payload}Metadata(p),");
            }

            if (ServiceContractsEmitter.Validator(model, service, method, MessageSlot.Payload) is { } validatePayload)
            {
                writer.Line($"    ValidatePayload = {validatePayload},");
            }
        }
        else if (!rpc.RequestStream)
        {
            writer.Line($"    EncodePayload = static _ => new {request}(),");
        }

        if (rpc.RequestStream)
        {
            var value = method.StreamingPayload!.IsValueType ? "m.GetValueOrDefault()" : "m";
            writer.Line(rpc.Envelope
                ? $"    DecodeMessage = static m => {converters}.MessageOf{rpc.Request}(m),"
                : $"    DecodeMessage = static m => {converters}.From{rpc.StreamIn}(m),");
            writer.Line(rpc.Envelope
                ? $"    EncodeMessage = static m => {converters}.MessageTo{rpc.Request}(m),"
                : $"    EncodeMessage = static m => {converters}.To{rpc.StreamIn}({value}),");
        }

        if (unary)
        {
            if (method.Result is { } result)
            {
                writer.Line($"    EncodeResult = static r => {converters}.To{rpc.Response}(r),");
                writer.Line($"    DecodeResult = static m => {converters}.From{rpc.Response}(m),");
                if (ServiceContractsEmitter.Validator(model, service, method, MessageSlot.Result) is { } validateResult)
                {
                    writer.Line($"    ValidateResult = {validateResult},");
                }
            }
            else
            {
                writer.Line($"    EncodeResult = static _ => new {response}(),");
                writer.Line($"    DecodeResult = static _ => null!,");
            }
        }
        else if (method.OutMessage is { } outMessage)
        {
            writer.Line($"    EncodeResult = static m => {converters}.To{rpc.Out}({(outMessage.IsValueType ? "m.GetValueOrDefault()" : "m")}),");
            writer.Line($"    DecodeResult = static m => {converters}.From{rpc.Out}(m),");
        }

        writer.Line("};");
    }

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
}
