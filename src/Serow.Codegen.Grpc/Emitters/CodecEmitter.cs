// Licensed under the MIT license. See LICENSE in the project root.

using Serow.Codegen.Emitters;
using Serow.Codegen.Grpc.Model;
using Serow.Codegen.Model;
using Serow.Codegen.Writing;
using Serow.Design;

namespace Serow.Codegen.Grpc.Emitters;

/// <summary>
/// Prints the protobuf codecs of a service: per message of its <c>.proto</c>, a <c>ProtoCodec</c> that writes the
/// message straight from its Serow type and reads it straight into one, with the wire format protoc's code has for the
/// same <c>.proto</c> (fields in number order, numbers packed, defaults of non-optional fields left out).
/// </summary>
internal static class CodecEmitter
{
    private const string Codec = "global::Serow.Grpc.Protobuf.ProtoCodec";
    private const string Fields = "global::Serow.Grpc.Protobuf.ProtoFields";
    private const string Repeated = "global::Serow.Grpc.Protobuf.ProtoRepeated";
    private const string Wrapper = "global::Serow.Grpc.Protobuf.ProtoWrapper";
    private const string Envelope = "global::Serow.Grpc.Protobuf.ProtoEnvelope";
    private const string Empty = "global::Serow.Grpc.Protobuf.ProtoEmpty";
    private const string Output = "global::Google.Protobuf.WriteContext";
    private const string Input = "global::Google.Protobuf.ParseContext";
    private const string Sizes = "global::Google.Protobuf.CodedOutputStream";
    private const string KeyValuePair = "global::System.Collections.Generic.KeyValuePair";

    public static string ClassName(ProtoFile file) => file.Service.Name + "GrpcCodec";

    public static string ClassRef(ProtoFile file) => $"global::{file.Service.Namespace}.{ClassName(file)}";

    /// <summary>The type a message is read into: the Serow class, or the runtime's wrapper, envelope or empty message.</summary>
    public static string WireType(ProtoFile file, string messageName)
    {
        var message = Find(file, messageName);
        return message.Source switch
        {
            ObjectSource { Spec: var spec } => spec.FullName,
            UnionSource { Spec: var union } => union.FullName,
            WrapperSource wrapper => $"{Wrapper}<{wrapper.TypeRef}>",
            EnvelopeSource envelope => $"{Envelope}<{WireType(file, envelope.Payload)}, {WireType(file, envelope.Message)}>",
            _ => Empty,
        };
    }

    /// <summary>The codec instance of a message.</summary>
    public static string CodecRef(ProtoFile file, string messageName) =>
        Find(file, messageName).Source is EmptySource ? $"{Empty}.Codec" : $"{ClassRef(file)}.{messageName}";

    // internal static partial class <Service>GrpcCodec
    // {
    //     public static readonly <Message>Codec <Message> = new();                    one per message (and map entry)
    //     public static int <Enum>Number(string value) / string <Enum>Name(int number)   proto enums
    //     public sealed class <Message>Codec : ProtoCodec<T> { CalculateSize, WriteTo, ReadFrom }
    // }
    public static GeneratedFile Emit(CodeModel model, ProtoFile file) =>
        CSharpFile.Create(model, $"{file.Service.Name}/Grpc/{ClassName(file)}.g.cs", file.Service.Namespace, "codec", writer =>
        {
            var messages = file.Messages.Where(m => m.Source is not EmptySource).ToList();
            var entries = messages.SelectMany(m => m.Fields.Where(f => f.Shape is MapShape).Select(f => (Message: m, Field: f))).ToList();
            writer.Summary($"Reads and writes the protobuf messages of the \"{file.Service.Design.Name}\" service ({file.Package}) straight from and to Serow types.");
            CSharpFile.GeneratedCodeAttribute(writer, model);
            writer.Open($"internal static partial class {ClassName(file)}");
            foreach (var message in messages)
            {
                writer.Summary($"The codec of {file.Package}.{message.Name}.");
                writer.Line($"public static readonly {message.Name}Codec {message.Name} = new();");
                writer.Line();
            }

            foreach (var (message, field) in entries)
            {
                writer.Summary($"The codec of an entry of {file.Package}.{message.Name}.{field.Name}.");
                writer.Line($"public static readonly {EntryName(message, field)}Codec {EntryName(message, field)} = new();");
                writer.Line();
            }

            foreach (var @enum in file.Enums)
            {
                Enum(writer, file, @enum);
                writer.Line();
            }

            var first = true;
            foreach (var message in messages)
            {
                if (!first)
                {
                    writer.Line();
                }

                first = false;
                MessageCodec(writer, file, message);
            }

            foreach (var (message, field) in entries)
            {
                writer.Line();
                EntryCodec(writer, file, message, field);
            }

            writer.Close();
        });

    // public static int <Enum>Number(string value) => value switch { "<VALUE>" => 0, …, _ => throw … };
    // public static string <Enum>Name(int number) => number switch { 0 => "<VALUE>", …, _ => ProtoFields.UnknownEnumValue(number) };
    private static void Enum(CodeWriter writer, ProtoFile file, ProtoEnum @enum)
    {
        writer.Summary($"The number of a value of the proto enum {@enum.Name}.");
        writer.Line($"public static int {@enum.Name}Number(string value) => value switch");
        writer.Line("{");
        for (var i = 0; i < @enum.Values.Count; i++)
        {
            writer.Line($"    {CSharp.String(@enum.Values[i])} => {i},");
        }

        writer.Line($"    _ => throw {Fields}.NotInEnum({CSharp.String(@enum.Name)}, value),");
        writer.Line("};");
        writer.Line();
        writer.Summary($"The value of a number of the proto enum {@enum.Name} (its digits when the number is not one of them).");
        writer.Line($"public static string {@enum.Name}Name(int number) => number switch");
        writer.Line("{");
        for (var i = 0; i < @enum.Values.Count; i++)
        {
            writer.Line($"    {i} => {CSharp.String(@enum.Values[i])},");
        }

        writer.Line($"    _ => {Fields}.UnknownEnumValue(number),");
        writer.Line("};");
    }

    private static void MessageCodec(CodeWriter writer, ProtoFile file, ProtoMessage message)
    {
        var type = WireType(file, message.Name);
        writer.Summary($"Reads and writes {file.Package}.{message.Name}.");
        writer.Open($"public sealed class {message.Name}Codec : {Codec}<{type}>");
        switch (message.Source)
        {
            case ObjectSource source:
                ObjectCodec(writer, file, message, source);
                break;
            case WrapperSource wrapper:
                WrapperCodec(writer, file, message, wrapper);
                break;
            case UnionSource union:
                UnionCodec(writer, file, message, union);
                break;
            case EnvelopeSource envelope:
                EnvelopeCodec(writer, file, envelope, type);
                break;
        }

        writer.Close();
    }

    private static void ObjectCodec(CodeWriter writer, ProtoFile file, ProtoMessage message, ObjectSource source)
    {
        var spec = source.Spec;
        var plain = message.Fields.Where(f => f.Group is null).ToList();
        var ordered = plain.OrderBy(f => f.Number).ToList();
        var groups = message.Fields.Select(f => f.Group).OfType<OneofGroup>().Distinct().ToList();
        var type = spec.FullName;

        writer.Line("/// <inheritdoc/>");
        writer.Open($"public override int CalculateSize({type} value)");
        writer.Line("var size = 0;");
        for (var i = 0; i < ordered.Count; i++)
        {
            Present(writer, spec, ordered[i], i, local => Size(writer, file, message, ordered[i], local));
        }

        foreach (var group in groups)
        {
            Branches(writer, spec, message, group, (inner, field) => Size(inner, file, message, field, "b.Value"));
        }

        writer.Line("return size;");
        writer.Close();
        writer.Line();

        writer.Line("/// <inheritdoc/>");
        writer.Open($"public override void WriteTo(ref {Output} output, {type} value)");
        for (var i = 0; i < ordered.Count; i++)
        {
            Present(writer, spec, ordered[i], i, local => Write(writer, file, message, ordered[i], local));
        }

        foreach (var group in groups)
        {
            Branches(writer, spec, message, group, (inner, field) => Write(inner, file, message, field, "b.Value"));
        }

        writer.Close();
        writer.Line();

        writer.Line("/// <inheritdoc/>");
        writer.Open($"public override {type} ReadFrom(ref {Input} input)");
        for (var i = 0; i < plain.Count; i++)
        {
            var field = plain[i];
            writer.Line(NonOptionalValue(spec, field)
                ? $"var f{i} = default({ScalarType(((ScalarShape)field.Shape).Kind)});"
                : $"{LocalType(file, field.Shape)}? f{i} = null;");
        }

        for (var g = 0; g < groups.Count; g++)
        {
            writer.Line($"{groups[g].Spec.FullName}? g{g} = null;");
        }

        ReadLoop(writer, file, message, plain, groups);
        writer.Line($"return new {type}");
        writer.Line("{");
        for (var i = 0; i < plain.Count; i++)
        {
            var field = plain[i];
            writer.Line($"    {TypeEmitter.PropertyName(spec, field.Attribute!.Name)} = {Final(file, spec, field, $"f{i}")},");
        }

        for (var g = 0; g < groups.Count; g++)
        {
            var attribute = groups[g].Attribute;
            writer.Line($"    {TypeEmitter.PropertyName(spec, attribute.Name)} = g{g}{(IsRequired(spec, attribute) ? "!" : string.Empty)},");
        }

        // Attributes carried in request metadata are set from it when the payload is decoded.
        foreach (var entry in source.Metadata)
        {
            writer.Line($"    {TypeEmitter.PropertyName(spec, entry.Attribute.Name)} = default!,");
        }

        writer.Line("};");
        writer.Close();
    }

    // if (value.<Union> is { } u) { switch (u) { case <Union>.<Branch> b: …; break; … } }
    private static void Branches(CodeWriter writer, ObjectSpec spec, ProtoMessage message, OneofGroup group, Action<CodeWriter, ProtoField> body)
    {
        writer.Open($"if (value.{TypeEmitter.PropertyName(spec, group.Attribute.Name)} is {{ }} {group.Name}Value)");
        BranchSwitch(writer, $"{group.Name}Value", group.Spec, message.Fields.Where(f => f.Group == group), body);
        writer.Close();
    }

    // switch (<subject>) { case <Union>.<Branch> b: <body with b.Value> break; … }     in field-number order
    private static void BranchSwitch(CodeWriter writer, string subject, UnionSpec union, IEnumerable<ProtoField> fields, Action<CodeWriter, ProtoField> body)
    {
        writer.Line($"switch ({subject})");
        writer.Line("{");
        foreach (var field in fields.OrderBy(f => f.Number))
        {
            writer.Line($"    case {union.CaseFullName(field.Attribute!.Name)} b:");
            var inner = new CodeWriter();
            body(inner, field);
            inner.Line("break;");
            writer.Lines(Indent(inner.ToString()));
        }

        writer.Line("}");
    }

    // A field is written when present: always for a non-nullable optional value, when not the default for a
    // non-optional one (proto3 leaves defaults out), when not null otherwise.
    private static void Present(CodeWriter writer, ObjectSpec spec, ProtoField field, int index, Action<string> body)
    {
        var property = "value." + TypeEmitter.PropertyName(spec, field.Attribute!.Name);
        if (IsNonNullableValue(spec, field.Attribute))
        {
            if (field.Optional)
            {
                body(property);
                return;
            }

            writer.Open($"if ({NotDefault(((ScalarShape)field.Shape).Kind, property)})");
            body(property);
            writer.Close();
            return;
        }

        writer.Open($"if ({property} is {{ }} f{index})");
        body($"f{index}");
        writer.Close();
    }

    private static void WrapperCodec(CodeWriter writer, ProtoFile file, ProtoMessage message, WrapperSource source)
    {
        var field = message.Fields[0];
        var type = $"{Wrapper}<{source.TypeRef}>";
        var scalar = field.Shape as ScalarShape;
        var condition = scalar is null ? "value.Value is { } v" : NotDefault(scalar.Kind, "value.Value");
        var local = scalar is null ? "v" : "value.Value";

        writer.Line("/// <inheritdoc/>");
        writer.Open($"public override int CalculateSize({type} value)");
        writer.Line("var size = 0;");
        writer.Open($"if ({condition})");
        Size(writer, file, message, field, local);
        writer.Close();
        writer.Line("return size;");
        writer.Close();
        writer.Line();

        writer.Line("/// <inheritdoc/>");
        writer.Open($"public override void WriteTo(ref {Output} output, {type} value)");
        writer.Open($"if ({condition})");
        Write(writer, file, message, field, local);
        writer.Close();
        writer.Close();
        writer.Line();

        writer.Line("/// <inheritdoc/>");
        writer.Open($"public override {type} ReadFrom(ref {Input} input)");
        writer.Line(scalar is null
            ? $"{LocalType(file, field.Shape)}? f0 = null;"
            : $"var f0 = {ScalarDefault(scalar.Kind)};");
        ReadLoop(writer, file, message, message.Fields);
        writer.Line($"return new {type}({(scalar is null ? $"f0 ?? new {LocalType(file, field.Shape)}()" : "f0")});");
        writer.Close();
    }

    // A branch is written whatever its value (a oneof field has presence); reading keeps the last branch seen, as
    // protobuf does, and a message that sets none is undecodable.
    private static void UnionCodec(CodeWriter writer, ProtoFile file, ProtoMessage message, UnionSource source)
    {
        var spec = source.Spec;
        var type = spec.FullName;

        writer.Line("/// <inheritdoc/>");
        writer.Open($"public override int CalculateSize({type} value)");
        writer.Line("var size = 0;");
        BranchSwitch(writer, "value", spec, message.Fields, (inner, field) => Size(inner, file, message, field, "b.Value"));
        writer.Line();
        writer.Line("return size;");
        writer.Close();
        writer.Line();

        writer.Line("/// <inheritdoc/>");
        writer.Open($"public override void WriteTo(ref {Output} output, {type} value)");
        BranchSwitch(writer, "value", spec, message.Fields, (inner, field) => Write(inner, file, message, field, "b.Value"));
        writer.Close();
        writer.Line();

        writer.Line("/// <inheritdoc/>");
        writer.Open($"public override {type} ReadFrom(ref {Input} input)");
        writer.Line($"{type}? result = null;");
        writer.Line("uint tag;");
        writer.Open("while ((tag = input.ReadTag()) != 0)");
        writer.Open("switch (tag)");
        foreach (var field in message.Fields)
        {
            ReadBranch(writer, file, spec, field, "result");
        }

        writer.Line("default:");
        writer.Line($"    {Fields}.Skip(ref input);");
        writer.Line("    break;");
        writer.Close();
        writer.Close();
        writer.Line();
        writer.Line($"return result ?? throw {Fields}.EmptyUnion({CSharp.String(spec.DesignName)}, {CSharp.String(string.Join(", ", spec.Type.Branches.Select(b => b.Name)))});");
        writer.Close();
    }

    // case <tag>: <local> = new <Union>.<Branch>(<read>); break;      the last branch read wins, as in protobuf
    private static void ReadBranch(CodeWriter writer, ProtoFile file, UnionSpec spec, ProtoField field, string local)
    {
        var (tag, read) = field.Shape switch
        {
            ScalarShape scalar => (Tag(field.Number, WireOf(scalar.Kind)), ReadScalar(scalar.Kind)),
            EnumShape @enum => (Tag(field.Number, 0), $"{ClassRef(file)}.{@enum.Enum}Name(input.ReadEnum())"),
            MessageShape shape => (Tag(field.Number, 2), $"{CodecRef(file, shape.Message)}.ReadMessage(ref input)"),
            _ => throw new InvalidOperationException($"A oneof cannot hold {field.Shape}."),
        };
        writer.Line($"case {tag}U:");
        writer.Line($"    {local} = new {spec.CaseFullName(field.Attribute!.Name)}({read});");
        writer.Line("    break;");
    }

    private static string Indent(string text) =>
        string.Join("\n", text.TrimEnd('\n').Split('\n').Select(line => line.Length == 0 ? line : "        " + line));

    private static void EnvelopeCodec(CodeWriter writer, ProtoFile file, EnvelopeSource envelope, string type)
    {
        var payload = CodecRef(file, envelope.Payload);
        var streamed = CodecRef(file, envelope.Message);
        var kind = "global::Serow.Grpc.Protobuf.ProtoEnvelopeKind";

        writer.Line("/// <inheritdoc/>");
        writer.Line($"public override int CalculateSize({type} value) => value.Kind switch");
        writer.Line("{");
        writer.Line($"    {kind}.Payload => 1 + {payload}.CalculateMessageSize(value.Payload!),");
        writer.Line($"    {kind}.Message => 1 + {streamed}.CalculateMessageSize(value.Message!),");
        writer.Line("    _ => 0,");
        writer.Line("};");
        writer.Line();

        writer.Line("/// <inheritdoc/>");
        writer.Open($"public override void WriteTo(ref {Output} output, {type} value)");
        writer.Open($"if (value.Kind == {kind}.Payload)");
        writer.Line("output.WriteTag(10U);");
        writer.Line($"{payload}.WriteMessage(ref output, value.Payload!);");
        writer.Close();
        writer.Open($"else if (value.Kind == {kind}.Message)");
        writer.Line("output.WriteTag(18U);");
        writer.Line($"{streamed}.WriteMessage(ref output, value.Message!);");
        writer.Close();
        writer.Close();
        writer.Line();

        // oneof: the last of the two fields on the wire wins.
        writer.Line("/// <inheritdoc/>");
        writer.Open($"public override {type} ReadFrom(ref {Input} input)");
        writer.Line($"var result = {type}.Empty;");
        writer.Line("uint tag;");
        writer.Open("while ((tag = input.ReadTag()) != 0)");
        writer.Open("switch (tag)");
        writer.Line("case 10U:");
        writer.Line($"    result = {type}.OfPayload({payload}.ReadMessage(ref input));");
        writer.Line("    break;");
        writer.Line("case 18U:");
        writer.Line($"    result = {type}.OfMessage({streamed}.ReadMessage(ref input));");
        writer.Line("    break;");
        writer.Line("default:");
        writer.Line($"    {Fields}.Skip(ref input);");
        writer.Line("    break;");
        writer.Close();
        writer.Close();
        writer.Line("return result;");
        writer.Close();
    }

    // A map entry: key = 1, value = 2, each left out when it is the default (as protoc's map codec does); an absent
    // value reads as the type's default (an empty message for message values).
    private static void EntryCodec(CodeWriter writer, ProtoFile file, ProtoMessage message, ProtoField field)
    {
        var map = (MapShape)field.Shape;
        var keyType = ScalarType(map.Key);
        var valueType = LocalType(file, map.Value);
        var type = $"{KeyValuePair}<{keyType}, {valueType}>";
        var key = new ProtoField("key", 1, new ScalarShape(map.Key), false, null, null);
        var value = new ProtoField("value", 2, map.Value, false, null, null);

        writer.Summary($"Reads and writes an entry of {file.Package}.{message.Name}.{field.Name}.");
        writer.Open($"public sealed class {EntryName(message, field)}Codec : {Codec}<{type}>");
        writer.Line("/// <inheritdoc/>");
        var keyPresent = NotDefault(map.Key, "value.Key");
        var valuePresent = map.Value is ScalarShape valueKind ? NotDefault(valueKind.Kind, "value.Value") : "value.Value is not null";
        writer.Open($"public override int CalculateSize({type} value)");
        writer.Line("var size = 0;");
        writer.Open($"if ({keyPresent})");
        Size(writer, file, message, key, "value.Key");
        writer.Close();
        writer.Open($"if ({valuePresent})");
        Size(writer, file, message, value, "value.Value");
        writer.Close();
        writer.Line("return size;");
        writer.Close();
        writer.Line();

        writer.Line("/// <inheritdoc/>");
        writer.Open($"public override void WriteTo(ref {Output} output, {type} value)");
        writer.Open($"if ({keyPresent})");
        Write(writer, file, message, key, "value.Key");
        writer.Close();
        writer.Open($"if ({valuePresent})");
        Write(writer, file, message, value, "value.Value");
        writer.Close();
        writer.Close();
        writer.Line();

        writer.Line("/// <inheritdoc/>");
        writer.Open($"public override {type} ReadFrom(ref {Input} input)");
        writer.Line($"var f0 = {ScalarDefault(map.Key)};");
        writer.Line(map.Value is ScalarShape valueScalar ? $"var f1 = {ScalarDefault(valueScalar.Kind)};" : $"{valueType}? f1 = null;");
        ReadLoop(writer, file, message, [key, value]);
        var absent = map.Value is MessageShape nested ? $"f1 ?? {CodecRef(file, nested.Message)}.ReadEmpty()" : "f1";
        writer.Line($"return new {type}(f0, {absent});");
        writer.Close();
        writer.Close();
    }

    // uint tag;
    // while ((tag = input.ReadTag()) != 0) { switch (tag) { case <tag>: f<i> = …; break; … default: ProtoFields.Skip(ref input); break; } }
    private static void ReadLoop(CodeWriter writer, ProtoFile file, ProtoMessage owner, IReadOnlyList<ProtoField> fields, IReadOnlyList<OneofGroup>? groups = null)
    {
        writer.Line("uint tag;");
        writer.Open("while ((tag = input.ReadTag()) != 0)");
        writer.Open("switch (tag)");
        for (var i = 0; i < fields.Count; i++)
        {
            Read(writer, file, owner, fields[i], $"f{i}");
        }

        for (var g = 0; g < (groups?.Count ?? 0); g++)
        {
            foreach (var field in owner.Fields.Where(f => f.Group == groups![g]))
            {
                ReadBranch(writer, file, groups![g].Spec, field, $"g{g}");
            }
        }

        writer.Line("default:");
        writer.Line($"    {Fields}.Skip(ref input);");
        writer.Line("    break;");
        writer.Close();
        writer.Close();
    }

    private static void Read(CodeWriter writer, ProtoFile file, ProtoMessage owner, ProtoField field, string local)
    {
        var number = field.Number;
        switch (field.Shape)
        {
            case ScalarShape scalar:
                writer.Line($"case {Tag(number, WireOf(scalar.Kind))}U:");
                writer.Line($"    {local} = {ReadScalar(scalar.Kind)};");
                break;
            case EnumShape @enum:
                writer.Line($"case {Tag(number, 0)}U:");
                writer.Line($"    {local} = {ClassRef(file)}.{@enum.Enum}Name(input.ReadEnum());");
                break;
            case MessageShape message:
                writer.Line($"case {Tag(number, 2)}U:");
                writer.Line($"    {local} = {CodecRef(file, message.Message)}.ReadMessage(ref input);");
                break;
            case RepeatedShape { Element: ScalarShape { Kind: PrimitiveKind.String or PrimitiveKind.Bytes } element }:
                writer.Line($"case {Tag(number, 2)}U:");
                writer.Line($"    {Repeated}.Read{RepeatedName(element.Kind)}(ref input, ref {local});");
                break;
            case RepeatedShape { Element: ScalarShape element }:
                writer.Line($"case {Tag(number, 2)}U:");
                writer.Line($"case {Tag(number, WireOf(element.Kind))}U:");
                writer.Line($"    {Repeated}.Read{RepeatedName(element.Kind)}(ref input, ref {local});");
                break;
            case RepeatedShape { Element: EnumShape element }:
                writer.Line($"case {Tag(number, 2)}U:");
                writer.Line($"case {Tag(number, 0)}U:");
                writer.Line($"    {Repeated}.ReadEnum(ref input, ref {local}, static n => {ClassRef(file)}.{element.Enum}Name(n));");
                break;
            case RepeatedShape { Element: MessageShape element }:
                writer.Line($"case {Tag(number, 2)}U:");
                writer.Line($"    ({local} ??= new {LocalType(file, field.Shape)}()).Add({CodecRef(file, element.Message)}.ReadMessage(ref input));");
                break;
            case MapShape:
                writer.Line($"case {Tag(number, 2)}U:");
                writer.OpenBlock();
                writer.Line($"var entry = {ClassRef(file)}.{EntryName(owner, field)}.ReadMessage(ref input);");
                writer.Line($"({local} ??= new {LocalType(file, field.Shape)}())[entry.Key] = entry.Value;");
                writer.Line("break;");
                writer.Close();
                return;
            default:
                throw new InvalidOperationException($"Unsupported shape {field.Shape}.");
        }

        writer.Line("    break;");
    }

    private static void Size(CodeWriter writer, ProtoFile file, ProtoMessage owner, ProtoField field, string value)
    {
        var number = field.Number;
        switch (field.Shape)
        {
            case ScalarShape scalar:
                writer.Line($"size += {TagSize(Tag(number, WireOf(scalar.Kind)))} + {ScalarSize(scalar.Kind, value)};");
                break;
            case EnumShape @enum:
                writer.Line($"size += {TagSize(Tag(number, 0))} + {Sizes}.ComputeEnumSize({ClassRef(file)}.{@enum.Enum}Number({value}));");
                break;
            case MessageShape message:
                writer.Line($"size += {TagSize(Tag(number, 2))} + {CodecRef(file, message.Message)}.CalculateMessageSize({value});");
                break;
            case RepeatedShape { Element: ScalarShape element }:
                writer.Line($"size += {Repeated}.Size{RepeatedName(element.Kind)}({TagSize(Tag(number, 2))}, {value});");
                break;
            case RepeatedShape { Element: EnumShape element }:
                writer.Line($"size += {Repeated}.SizeEnum({TagSize(Tag(number, 2))}, {value}, static e => {ClassRef(file)}.{element.Enum}Number(e));");
                break;
            case RepeatedShape { Element: MessageShape element }:
                writer.Line($"size += {Repeated}.SizeMessages({TagSize(Tag(number, 2))}, {value}, {CodecRef(file, element.Message)});");
                break;
            case MapShape:
                var entry = $"{ClassRef(file)}.{EntryName(owner, field)}";
                writer.Open($"foreach (var entry in {value})");
                writer.Line($"size += {TagSize(Tag(number, 2))} + {entry}.CalculateMessageSize(entry);");
                writer.Close();
                break;
            default:
                throw new InvalidOperationException($"Unsupported shape {field.Shape}.");
        }
    }

    private static void Write(CodeWriter writer, ProtoFile file, ProtoMessage owner, ProtoField field, string value)
    {
        var number = field.Number;
        switch (field.Shape)
        {
            case ScalarShape scalar:
                writer.Line($"output.WriteTag({Tag(number, WireOf(scalar.Kind))}U);");
                writer.Line(scalar.Kind == PrimitiveKind.Bytes
                    ? $"{Fields}.WriteBytes(ref output, {value});"
                    : $"output.Write{WriteName(scalar.Kind)}({value});");
                break;
            case EnumShape @enum:
                writer.Line($"output.WriteTag({Tag(number, 0)}U);");
                writer.Line($"output.WriteEnum({ClassRef(file)}.{@enum.Enum}Number({value}));");
                break;
            case MessageShape message:
                writer.Line($"output.WriteTag({Tag(number, 2)}U);");
                writer.Line($"{CodecRef(file, message.Message)}.WriteMessage(ref output, {value});");
                break;
            case RepeatedShape { Element: ScalarShape element }:
                writer.Line($"{Repeated}.Write{RepeatedName(element.Kind)}(ref output, {Tag(number, 2)}U, {value});");
                break;
            case RepeatedShape { Element: EnumShape element }:
                writer.Line($"{Repeated}.WriteEnum(ref output, {Tag(number, 2)}U, {value}, static e => {ClassRef(file)}.{element.Enum}Number(e));");
                break;
            case RepeatedShape { Element: MessageShape element }:
                writer.Line($"{Repeated}.WriteMessages(ref output, {Tag(number, 2)}U, {value}, {CodecRef(file, element.Message)});");
                break;
            case MapShape:
                var entry = $"{ClassRef(file)}.{EntryName(owner, field)}";
                writer.Open($"foreach (var entry in {value})");
                writer.Line($"output.WriteTag({Tag(number, 2)}U);");
                writer.Line($"{entry}.WriteMessage(ref output, entry);");
                writer.Close();
                break;
            default:
                throw new InvalidOperationException($"Unsupported shape {field.Shape}.");
        }
    }

    // What a field's local becomes in the object: the designed default or null when absent, as the converters of
    // protoc's classes did (a missing required value is then reported by validation).
    private static string Final(ProtoFile file, ObjectSpec spec, ProtoField field, string local)
    {
        var attribute = field.Attribute!;
        if (NonOptionalValue(spec, field))
        {
            return local;
        }

        switch (field.Shape)
        {
            case RepeatedShape or MapShape:
                return $"{local} ?? new {LocalType(file, field.Shape)}()";
            case ScalarShape or EnumShape:
                var kind = field.Shape is ScalarShape scalar ? scalar.Kind : PrimitiveKind.String;
                if (attribute.DefaultJson is { } json && attribute.Type is PrimitiveType && Literals.FromJson(kind, json) is { } literal)
                {
                    return $"{local} ?? {literal}";
                }

                if (IsNonNullableValue(spec, attribute))
                {
                    return $"{local}.GetValueOrDefault()";
                }

                return IsRequired(spec, attribute) ? local + "!" : local;
            default:
                return IsRequired(spec, attribute) ? local + "!" : local;
        }
    }

    private static bool NonOptionalValue(ObjectSpec spec, ProtoField field) =>
        !field.Optional && field.Shape is ScalarShape && IsNonNullableValue(spec, field.Attribute!);

    private static bool IsRequired(ObjectSpec spec, AttributeDesign attribute) =>
        spec.Type.IsRequired(attribute.Name) && (!spec.HasViews || spec.InEveryView(attribute.Name));

    private static bool IsNonNullableValue(ObjectSpec spec, AttributeDesign attribute)
    {
        var hasDefault = attribute.DefaultJson is not null && attribute.Type is PrimitiveType;
        return TypeEmitter.IsValueTypeName(spec.PropertyTypes[attribute.Name]) && (IsRequired(spec, attribute) || hasDefault);
    }

    /// <summary>The C# type a field's value is read into (without nullability).</summary>
    private static string LocalType(ProtoFile file, FieldShape shape) => shape switch
    {
        ScalarShape scalar => ScalarType(scalar.Kind),
        EnumShape => "string",
        MessageShape message => WireType(file, message.Message),
        RepeatedShape repeated => $"{KnownTypes.List}<{LocalType(file, repeated.Element)}>",
        MapShape map => $"{KnownTypes.Dictionary}<{ScalarType(map.Key)}, {LocalType(file, map.Value)}>",
        _ => throw new InvalidOperationException($"Unsupported shape {shape}."),
    };

    private static string ScalarType(PrimitiveKind kind) => CodeModelBuilder.Primitive(kind);

    private static string ScalarDefault(PrimitiveKind kind) => kind switch
    {
        PrimitiveKind.String => "string.Empty",
        PrimitiveKind.Bytes => "global::System.Array.Empty<byte>()",
        _ => $"default({ScalarType(kind)})",
    };

    private static string NotDefault(PrimitiveKind kind, string value) => kind switch
    {
        PrimitiveKind.Boolean => value,
        PrimitiveKind.String or PrimitiveKind.Bytes => $"{value} is {{ Length: > 0 }}",
        _ => $"{value} != 0",
    };

    private static string WriteName(PrimitiveKind kind) => kind switch
    {
        PrimitiveKind.Boolean => "Bool",
        PrimitiveKind.Int or PrimitiveKind.Int32 => "Int32",
        PrimitiveKind.Int64 => "Int64",
        PrimitiveKind.UInt or PrimitiveKind.UInt32 => "UInt32",
        PrimitiveKind.UInt64 => "UInt64",
        PrimitiveKind.Float32 => "Float",
        PrimitiveKind.Float64 => "Double",
        PrimitiveKind.String => "String",
        PrimitiveKind.Bytes => "Bytes",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Any is not allowed in gRPC messages."),
    };

    private static string RepeatedName(PrimitiveKind kind) => WriteName(kind);

    private static string ReadScalar(PrimitiveKind kind) => kind == PrimitiveKind.Bytes
        ? $"{Fields}.ReadBytes(ref input)"
        : $"input.Read{WriteName(kind)}()";

    private static string ScalarSize(PrimitiveKind kind, string value) => kind switch
    {
        PrimitiveKind.Boolean => "1",
        PrimitiveKind.Float32 => "4",
        PrimitiveKind.Float64 => "8",
        PrimitiveKind.Bytes => $"{Fields}.BytesSize({value})",
        _ => $"{Sizes}.Compute{WriteName(kind)}Size({value})",
    };

    /// <summary>The wire type of a scalar: varint, 64-bit, length-delimited or 32-bit.</summary>
    private static int WireOf(PrimitiveKind kind) => kind switch
    {
        PrimitiveKind.Float64 => 1,
        PrimitiveKind.String or PrimitiveKind.Bytes => 2,
        PrimitiveKind.Float32 => 5,
        _ => 0,
    };

    private static uint Tag(int number, int wireType) => ((uint)number << 3) | (uint)wireType;

    private static int TagSize(uint tag)
    {
        var size = 1;
        while ((tag >>= 7) != 0)
        {
            size++;
        }

        return size;
    }

    private static string EntryName(ProtoMessage message, ProtoField field) => message.Name + CSharp.Pascal(field.Name) + "Entry";

    private static ProtoMessage Find(ProtoFile file, string name) => file.Messages.First(m => m.Name == name);
}
