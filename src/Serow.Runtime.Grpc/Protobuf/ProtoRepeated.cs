// Licensed under the MIT license. See LICENSE in the project root.

using Google.Protobuf;
using Google.Protobuf.Collections;

namespace Serow.Grpc.Protobuf;

/// <summary>
/// Repeated fields of generated codecs. Numbers and booleans are written packed (proto3's default) and read packed or
/// not, as protobuf requires; strings, bytes and messages take one tag per element.
/// </summary>
public static class ProtoRepeated
{
    private static readonly uint PackedTag = WireFormat.MakeTag(1, WireFormat.WireType.LengthDelimited);

    /// <summary>Reads int32 elements.</summary>
    /// <param name="input">Where to read, just after the field's tag.</param>
    /// <param name="list">The list so far, created on first use.</param>
    public static void ReadInt32(ref ParseContext input, ref List<int>? list) => Read(ref input, Scalars.Int32, ref list);

    /// <summary>Reads int64 elements.</summary>
    /// <param name="input">Where to read, just after the field's tag.</param>
    /// <param name="list">The list so far, created on first use.</param>
    public static void ReadInt64(ref ParseContext input, ref List<long>? list) => Read(ref input, Scalars.Int64, ref list);

    /// <summary>Reads uint32 elements.</summary>
    /// <param name="input">Where to read, just after the field's tag.</param>
    /// <param name="list">The list so far, created on first use.</param>
    public static void ReadUInt32(ref ParseContext input, ref List<uint>? list) => Read(ref input, Scalars.UInt32, ref list);

    /// <summary>Reads uint64 elements.</summary>
    /// <param name="input">Where to read, just after the field's tag.</param>
    /// <param name="list">The list so far, created on first use.</param>
    public static void ReadUInt64(ref ParseContext input, ref List<ulong>? list) => Read(ref input, Scalars.UInt64, ref list);

    /// <summary>Reads float elements.</summary>
    /// <param name="input">Where to read, just after the field's tag.</param>
    /// <param name="list">The list so far, created on first use.</param>
    public static void ReadFloat(ref ParseContext input, ref List<float>? list) => Read(ref input, Scalars.Float, ref list);

    /// <summary>Reads double elements.</summary>
    /// <param name="input">Where to read, just after the field's tag.</param>
    /// <param name="list">The list so far, created on first use.</param>
    public static void ReadDouble(ref ParseContext input, ref List<double>? list) => Read(ref input, Scalars.Double, ref list);

    /// <summary>Reads bool elements.</summary>
    /// <param name="input">Where to read, just after the field's tag.</param>
    /// <param name="list">The list so far, created on first use.</param>
    public static void ReadBool(ref ParseContext input, ref List<bool>? list) => Read(ref input, Scalars.Bool, ref list);

    /// <summary>Reads string elements.</summary>
    /// <param name="input">Where to read, just after the field's tag.</param>
    /// <param name="list">The list so far, created on first use.</param>
    public static void ReadString(ref ParseContext input, ref List<string>? list) => Read(ref input, Scalars.String, ref list);

    /// <summary>Reads bytes elements.</summary>
    /// <param name="input">Where to read, just after the field's tag.</param>
    /// <param name="list">The list so far, created on first use.</param>
    public static void ReadBytes(ref ParseContext input, ref List<byte[]>? list) => (list ??= []).Add(ProtoFields.ReadBytes(ref input));

    /// <summary>Reads enum elements and names them.</summary>
    /// <param name="input">Where to read, just after the field's tag.</param>
    /// <param name="list">The list so far, created on first use.</param>
    /// <param name="name">The name of a number (the number's digits when the enum does not know it).</param>
    public static void ReadEnum(ref ParseContext input, ref List<string>? list, Func<int, string> name)
    {
        ArgumentNullException.ThrowIfNull(name);
        List<int>? numbers = null;
        Read(ref input, Scalars.Int32, ref numbers);
        list ??= [];
        foreach (var number in numbers!)
        {
            list.Add(name(number));
        }
    }

    /// <summary>The size of a packed int32 field, tag included; 0 when empty (not written).</summary>
    /// <param name="tagSize">The size of the field's tag.</param>
    /// <param name="values">The elements.</param>
    /// <returns>The size.</returns>
    public static int SizeInt32(int tagSize, List<int> values) => Packed(tagSize, values, static v => CodedOutputStream.ComputeInt32Size(v));

    /// <summary>The size of a packed int64 field, tag included; 0 when empty (not written).</summary>
    /// <param name="tagSize">The size of the field's tag.</param>
    /// <param name="values">The elements.</param>
    /// <returns>The size.</returns>
    public static int SizeInt64(int tagSize, List<long> values) => Packed(tagSize, values, static v => CodedOutputStream.ComputeInt64Size(v));

    /// <summary>The size of a packed uint32 field, tag included; 0 when empty (not written).</summary>
    /// <param name="tagSize">The size of the field's tag.</param>
    /// <param name="values">The elements.</param>
    /// <returns>The size.</returns>
    public static int SizeUInt32(int tagSize, List<uint> values) => Packed(tagSize, values, static v => CodedOutputStream.ComputeUInt32Size(v));

    /// <summary>The size of a packed uint64 field, tag included; 0 when empty (not written).</summary>
    /// <param name="tagSize">The size of the field's tag.</param>
    /// <param name="values">The elements.</param>
    /// <returns>The size.</returns>
    public static int SizeUInt64(int tagSize, List<ulong> values) => Packed(tagSize, values, static v => CodedOutputStream.ComputeUInt64Size(v));

    /// <summary>The size of a packed float field, tag included; 0 when empty (not written).</summary>
    /// <param name="tagSize">The size of the field's tag.</param>
    /// <param name="values">The elements.</param>
    /// <returns>The size.</returns>
    public static int SizeFloat(int tagSize, List<float> values) => Fixed(tagSize, values, 4);

    /// <summary>The size of a packed double field, tag included; 0 when empty (not written).</summary>
    /// <param name="tagSize">The size of the field's tag.</param>
    /// <param name="values">The elements.</param>
    /// <returns>The size.</returns>
    public static int SizeDouble(int tagSize, List<double> values) => Fixed(tagSize, values, 8);

    /// <summary>The size of a packed bool field, tag included; 0 when empty (not written).</summary>
    /// <param name="tagSize">The size of the field's tag.</param>
    /// <param name="values">The elements.</param>
    /// <returns>The size.</returns>
    public static int SizeBool(int tagSize, List<bool> values) => Fixed(tagSize, values, 1);

    /// <summary>The size of a packed enum field, tag included; 0 when empty (not written).</summary>
    /// <param name="tagSize">The size of the field's tag.</param>
    /// <param name="values">The elements.</param>
    /// <param name="number">The number of a name.</param>
    /// <returns>The size.</returns>
    public static int SizeEnum(int tagSize, List<string> values, Func<string, int> number)
    {
        ArgumentNullException.ThrowIfNull(number);
        return Packed(tagSize, values, v => CodedOutputStream.ComputeEnumSize(number(v)));
    }

    /// <summary>The size of a string field, one tag per element.</summary>
    /// <param name="tagSize">The size of the field's tag.</param>
    /// <param name="values">The elements.</param>
    /// <returns>The size.</returns>
    public static int SizeString(int tagSize, List<string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var size = tagSize * values.Count;
        foreach (var value in values)
        {
            size += CodedOutputStream.ComputeStringSize(value ?? throw NullElement());
        }

        return size;
    }

    /// <summary>The size of a bytes field, one tag per element.</summary>
    /// <param name="tagSize">The size of the field's tag.</param>
    /// <param name="values">The elements.</param>
    /// <returns>The size.</returns>
    public static int SizeBytes(int tagSize, List<byte[]> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var size = tagSize * values.Count;
        foreach (var value in values)
        {
            size += ProtoFields.BytesSize(value ?? throw NullElement());
        }

        return size;
    }

    /// <summary>The size of a message field, one tag per element.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="tagSize">The size of the field's tag.</param>
    /// <param name="values">The elements.</param>
    /// <param name="codec">The elements' codec.</param>
    /// <returns>The size.</returns>
    public static int SizeMessages<T>(int tagSize, IEnumerable<T> values, ProtoCodec<T> codec)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(codec);
        var size = 0;
        foreach (var value in values)
        {
            size += tagSize + codec.CalculateMessageSize(value ?? throw NullElement());
        }

        return size;
    }

    /// <summary>Writes a packed int32 field (nothing when empty).</summary>
    /// <param name="output">Where to write.</param>
    /// <param name="tag">The field's tag (length-delimited).</param>
    /// <param name="values">The elements.</param>
    public static void WriteInt32(ref WriteContext output, uint tag, List<int> values) =>
        WritePacked(ref output, tag, values, SizeInt32(0, values), Writers.Int32);

    /// <summary>Writes a packed int64 field (nothing when empty).</summary>
    /// <param name="output">Where to write.</param>
    /// <param name="tag">The field's tag (length-delimited).</param>
    /// <param name="values">The elements.</param>
    public static void WriteInt64(ref WriteContext output, uint tag, List<long> values) =>
        WritePacked(ref output, tag, values, SizeInt64(0, values), Writers.Int64);

    /// <summary>Writes a packed uint32 field (nothing when empty).</summary>
    /// <param name="output">Where to write.</param>
    /// <param name="tag">The field's tag (length-delimited).</param>
    /// <param name="values">The elements.</param>
    public static void WriteUInt32(ref WriteContext output, uint tag, List<uint> values) =>
        WritePacked(ref output, tag, values, SizeUInt32(0, values), Writers.UInt32);

    /// <summary>Writes a packed uint64 field (nothing when empty).</summary>
    /// <param name="output">Where to write.</param>
    /// <param name="tag">The field's tag (length-delimited).</param>
    /// <param name="values">The elements.</param>
    public static void WriteUInt64(ref WriteContext output, uint tag, List<ulong> values) =>
        WritePacked(ref output, tag, values, SizeUInt64(0, values), Writers.UInt64);

    /// <summary>Writes a packed float field (nothing when empty).</summary>
    /// <param name="output">Where to write.</param>
    /// <param name="tag">The field's tag (length-delimited).</param>
    /// <param name="values">The elements.</param>
    public static void WriteFloat(ref WriteContext output, uint tag, List<float> values) =>
        WritePacked(ref output, tag, values, SizeFloat(0, values), Writers.Float);

    /// <summary>Writes a packed double field (nothing when empty).</summary>
    /// <param name="output">Where to write.</param>
    /// <param name="tag">The field's tag (length-delimited).</param>
    /// <param name="values">The elements.</param>
    public static void WriteDouble(ref WriteContext output, uint tag, List<double> values) =>
        WritePacked(ref output, tag, values, SizeDouble(0, values), Writers.Double);

    /// <summary>Writes a packed bool field (nothing when empty).</summary>
    /// <param name="output">Where to write.</param>
    /// <param name="tag">The field's tag (length-delimited).</param>
    /// <param name="values">The elements.</param>
    public static void WriteBool(ref WriteContext output, uint tag, List<bool> values) =>
        WritePacked(ref output, tag, values, SizeBool(0, values), Writers.Bool);

    /// <summary>Writes a packed enum field (nothing when empty).</summary>
    /// <param name="output">Where to write.</param>
    /// <param name="tag">The field's tag (length-delimited).</param>
    /// <param name="values">The elements.</param>
    /// <param name="number">The number of a name.</param>
    public static void WriteEnum(ref WriteContext output, uint tag, List<string> values, Func<string, int> number)
    {
        ArgumentNullException.ThrowIfNull(number);
        var length = SizeEnum(0, values, number);
        if (length > 0)
        {
            output.WriteTag(tag);
            output.WriteLength(length);
            foreach (var value in values)
            {
                output.WriteEnum(number(value));
            }
        }
    }

    /// <summary>Writes a string field, one tag per element.</summary>
    /// <param name="output">Where to write.</param>
    /// <param name="tag">The field's tag.</param>
    /// <param name="values">The elements.</param>
    public static void WriteString(ref WriteContext output, uint tag, List<string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        foreach (var value in values)
        {
            output.WriteTag(tag);
            output.WriteString(value ?? throw NullElement());
        }
    }

    /// <summary>Writes a bytes field, one tag per element.</summary>
    /// <param name="output">Where to write.</param>
    /// <param name="tag">The field's tag.</param>
    /// <param name="values">The elements.</param>
    public static void WriteBytes(ref WriteContext output, uint tag, List<byte[]> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        foreach (var value in values)
        {
            output.WriteTag(tag);
            ProtoFields.WriteBytes(ref output, value ?? throw NullElement());
        }
    }

    /// <summary>Writes a message field, one tag per element.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="output">Where to write.</param>
    /// <param name="tag">The field's tag.</param>
    /// <param name="values">The elements.</param>
    /// <param name="codec">The elements' codec.</param>
    public static void WriteMessages<T>(ref WriteContext output, uint tag, IEnumerable<T> values, ProtoCodec<T> codec)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(codec);
        foreach (var value in values)
        {
            output.WriteTag(tag);
            codec.WriteMessage(ref output, value ?? throw NullElement());
        }
    }

    private static void Read<T>(ref ParseContext input, FieldCodec<T> codec, ref List<T>? list)
    {
        // RepeatedField reads the packed and the unpacked form (and runs of the same tag); a scratch one per thread
        // and type collects the elements, which then go to the Serow list.
        var scratch = Scratch<T>.Field ??= [];
        scratch.AddEntriesFrom(ref input, codec);
        list ??= new List<T>(scratch.Count);
        list.AddRange(scratch);
        scratch.Clear();
    }

    private static int Packed<T>(int tagSize, List<T> values, Func<T, int> size)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            return 0;
        }

        var length = 0;
        foreach (var value in values)
        {
            length += size(value);
        }

        return tagSize == 0 ? length : tagSize + CodedOutputStream.ComputeLengthSize(length) + length;
    }

    private static int Fixed<T>(int tagSize, List<T> values, int width)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            return 0;
        }

        var length = values.Count * width;
        return tagSize == 0 ? length : tagSize + CodedOutputStream.ComputeLengthSize(length) + length;
    }

    private static void WritePacked<T>(ref WriteContext output, uint tag, List<T> values, int length, ScalarWriter<T> write)
    {
        if (length == 0)
        {
            return;
        }

        output.WriteTag(tag);
        output.WriteLength(length);
        foreach (var value in values)
        {
            write(ref output, value);
        }
    }

    private static ArgumentException NullElement() => new("A repeated protobuf field cannot hold null elements.");

    private static class Scratch<T>
    {
        [ThreadStatic]
        public static RepeatedField<T>? Field;
    }

    private delegate void ScalarWriter<T>(ref WriteContext output, T value);

    private static class Writers
    {
        public static readonly ScalarWriter<int> Int32 = static (ref WriteContext output, int value) => output.WriteInt32(value);
        public static readonly ScalarWriter<long> Int64 = static (ref WriteContext output, long value) => output.WriteInt64(value);
        public static readonly ScalarWriter<uint> UInt32 = static (ref WriteContext output, uint value) => output.WriteUInt32(value);
        public static readonly ScalarWriter<ulong> UInt64 = static (ref WriteContext output, ulong value) => output.WriteUInt64(value);
        public static readonly ScalarWriter<float> Float = static (ref WriteContext output, float value) => output.WriteFloat(value);
        public static readonly ScalarWriter<double> Double = static (ref WriteContext output, double value) => output.WriteDouble(value);
        public static readonly ScalarWriter<bool> Bool = static (ref WriteContext output, bool value) => output.WriteBool(value);
    }

    private static class Scalars
    {
        public static readonly FieldCodec<int> Int32 = FieldCodec.ForInt32(PackedTag);
        public static readonly FieldCodec<long> Int64 = FieldCodec.ForInt64(PackedTag);
        public static readonly FieldCodec<uint> UInt32 = FieldCodec.ForUInt32(PackedTag);
        public static readonly FieldCodec<ulong> UInt64 = FieldCodec.ForUInt64(PackedTag);
        public static readonly FieldCodec<float> Float = FieldCodec.ForFloat(PackedTag);
        public static readonly FieldCodec<double> Double = FieldCodec.ForDouble(PackedTag);
        public static readonly FieldCodec<bool> Bool = FieldCodec.ForBool(PackedTag);
        public static readonly FieldCodec<string> String = FieldCodec.ForString(PackedTag);
    }
}
