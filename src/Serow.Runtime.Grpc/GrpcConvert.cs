// Licensed under the MIT license. See LICENSE in the project root.

using Google.Protobuf;
using Google.Protobuf.Collections;

namespace Serow.Grpc;

/// <summary>Collection and bytes conversions between Serow types and protobuf messages, used by generated converters.</summary>
public static class GrpcConvert
{
    /// <summary>Copies bytes into a <see cref="ByteString"/>.</summary>
    /// <param name="value">The bytes.</param>
    /// <returns>The protobuf bytes.</returns>
    public static ByteString Bytes(byte[] value) => ByteString.CopyFrom(value);

    /// <summary>The error of a string that is not one of a proto enum's values; validation refuses such values before they are sent.</summary>
    /// <param name="enumName">The proto enum.</param>
    /// <param name="value">The value.</param>
    /// <returns>The exception to throw.</returns>
    public static ArgumentOutOfRangeException NotInEnum(string enumName, string value) =>
        new(nameof(value), value, $"\"{value}\" is not a value of the proto enum {enumName}.");

    /// <summary>
    /// The string of an enum number the design does not know (proto3 enums are open): the number in invariant digits,
    /// which the attribute's <c>Enum</c> validation then reports.
    /// </summary>
    /// <param name="number">The number received.</param>
    /// <returns>The number as a string.</returns>
    public static string UnknownEnumValue(int number) => number.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Copies a protobuf repeated field into a list.</summary>
    /// <typeparam name="TProto">The protobuf element type.</typeparam>
    /// <typeparam name="T">The Serow element type.</typeparam>
    /// <param name="source">The repeated field.</param>
    /// <param name="convert">Converts one element.</param>
    /// <returns>The list.</returns>
    public static List<T> ToList<TProto, T>(RepeatedField<TProto> source, Func<TProto, T> convert)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(convert);
        var list = new List<T>(source.Count);
        foreach (var item in source)
        {
            list.Add(convert(item));
        }

        return list;
    }

    /// <summary>Adds every element of a list to a protobuf repeated field.</summary>
    /// <typeparam name="T">The Serow element type.</typeparam>
    /// <typeparam name="TProto">The protobuf element type.</typeparam>
    /// <param name="target">The repeated field.</param>
    /// <param name="source">The list.</param>
    /// <param name="convert">Converts one element.</param>
    public static void AddAll<T, TProto>(RepeatedField<TProto> target, IEnumerable<T> source, Func<T, TProto> convert)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(convert);
        foreach (var item in source)
        {
            target.Add(convert(item));
        }
    }

    /// <summary>Copies a protobuf map field into a dictionary.</summary>
    /// <typeparam name="TKey">The key type.</typeparam>
    /// <typeparam name="TProto">The protobuf value type.</typeparam>
    /// <typeparam name="T">The Serow value type.</typeparam>
    /// <param name="source">The map field.</param>
    /// <param name="convert">Converts one value.</param>
    /// <returns>The dictionary.</returns>
    public static Dictionary<TKey, T> ToDictionary<TKey, TProto, T>(MapField<TKey, TProto> source, Func<TProto, T> convert)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(convert);
        var dictionary = new Dictionary<TKey, T>(source.Count);
        foreach (var entry in source)
        {
            dictionary[entry.Key] = convert(entry.Value);
        }

        return dictionary;
    }

    /// <summary>Adds every entry of a dictionary to a protobuf map field.</summary>
    /// <typeparam name="TKey">The key type.</typeparam>
    /// <typeparam name="T">The Serow value type.</typeparam>
    /// <typeparam name="TProto">The protobuf value type.</typeparam>
    /// <param name="target">The map field.</param>
    /// <param name="source">The dictionary.</param>
    /// <param name="convert">Converts one value.</param>
    public static void AddAll<TKey, T, TProto>(MapField<TKey, TProto> target, IEnumerable<KeyValuePair<TKey, T>> source, Func<T, TProto> convert)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(convert);
        foreach (var entry in source)
        {
            target[entry.Key] = convert(entry.Value);
        }
    }
}
