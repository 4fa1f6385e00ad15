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
