// Licensed under the MIT license. See LICENSE in the project root.

using Google.Protobuf;

namespace Serow.Grpc.Protobuf;

/// <summary>Field-level helpers of generated codecs: skipping unknown fields, bytes, and enum numbers.</summary>
public static class ProtoFields
{
    /// <summary>Skips the field whose tag was just read (a field this message does not know, or of another wire type).</summary>
    /// <param name="input">Where to read.</param>
    public static void Skip(ref ParseContext input) => UnknownFieldSet.MergeFieldFrom(null, ref input);

    /// <summary>The size of a bytes field value: its length prefix and its bytes.</summary>
    /// <param name="value">The bytes.</param>
    /// <returns>The size, without the tag.</returns>
    public static int BytesSize(byte[] value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return CodedOutputStream.ComputeLengthSize(value.Length) + value.Length;
    }

    /// <summary>Writes a bytes field value (after its tag).</summary>
    /// <param name="output">Where to write.</param>
    /// <param name="value">The bytes.</param>
    public static void WriteBytes(ref WriteContext output, byte[] value)
    {
        ArgumentNullException.ThrowIfNull(value);
        output.WriteBytes(UnsafeByteOperations.UnsafeWrap(value));
    }

    /// <summary>Reads a bytes field value into a new array.</summary>
    /// <param name="input">Where to read.</param>
    /// <returns>The bytes.</returns>
    public static byte[] ReadBytes(ref ParseContext input) => input.ReadBytes().ToByteArray();

    /// <summary>The error of a string that is not one of a proto enum's values; validation refuses such values before they are sent.</summary>
    /// <param name="enumName">The proto enum.</param>
    /// <param name="value">The value.</param>
    /// <returns>The exception to throw.</returns>
    public static ArgumentOutOfRangeException NotInEnum(string enumName, string? value) =>
        new(nameof(value), value, $"\"{value}\" is not a value of the proto enum {enumName}.");

    /// <summary>The error for a union message whose oneof holds no branch: a union value always names one.</summary>
    /// <param name="unionName">The union's designed name.</param>
    /// <param name="branches">Its branches.</param>
    /// <returns>The exception to throw; the server answers it as an undecodable message.</returns>
    public static InvalidDataException EmptyUnion(string unionName, string branches) =>
        new($"the message of the union {unionName} sets none of its branches ({branches}); set exactly one");

    /// <summary>
    /// The string of an enum number the design does not know (proto3 enums are open): the number in invariant digits,
    /// which the attribute's <c>Enum</c> validation then reports.
    /// </summary>
    /// <param name="number">The number received.</param>
    /// <returns>The number as a string.</returns>
    public static string UnknownEnumValue(int number) => number.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
