// Licensed under the MIT license. See LICENSE in the project root.

using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Serow.Http.ServerSentEvents;

/// <summary>Encodes and decodes the <c>data</c> of Server-Sent Events for generated contracts.</summary>
public static class SseData
{
    /// <summary>The compact (single-line) JSON of a value.</summary>
    /// <typeparam name="T">The value's type.</typeparam>
    /// <param name="value">The value.</param>
    /// <param name="type">The value's JSON metadata.</param>
    public static string Json<T>(T value, JsonTypeInfo<T> type) => JsonSerializer.Serialize(value, type);

    /// <summary>Writes the compact (single-line) JSON of a value as UTF-8, without an intermediate string.</summary>
    /// <typeparam name="T">The value's type.</typeparam>
    /// <param name="destination">Receives the bytes.</param>
    /// <param name="value">The value.</param>
    /// <param name="type">The value's JSON metadata.</param>
    public static void WriteJson<T>(IBufferWriter<byte> destination, T value, JsonTypeInfo<T> type) =>
        Serow.Http.Internal.ThreadJsonWriter.Serialize(destination, value, type);

    /// <summary>Decodes JSON data.</summary>
    /// <typeparam name="T">The value's type.</typeparam>
    /// <param name="data">The event's data.</param>
    /// <param name="type">The value's JSON metadata.</param>
    /// <exception cref="JsonException">The data is not valid JSON for <typeparamref name="T"/>.</exception>
    public static T FromJson<T>(string data, JsonTypeInfo<T> type) => JsonSerializer.Deserialize(data, type)!;

    /// <summary>Decodes JSON data from its UTF-8 bytes.</summary>
    /// <typeparam name="T">The value's type.</typeparam>
    /// <param name="data">The event's data.</param>
    /// <param name="type">The value's JSON metadata.</param>
    /// <exception cref="JsonException">The data is not valid JSON for <typeparamref name="T"/>.</exception>
    public static T ReadJson<T>(ReadOnlySpan<byte> data, JsonTypeInfo<T> type) => JsonSerializer.Deserialize(data, type)!;
}
