// Licensed under the MIT license. See LICENSE in the project root.

using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Serow.Http.Internal;

/// <summary>
/// Serializes messages with one <see cref="Utf8JsonWriter"/> per thread, reset onto each destination: a message costs
/// no writer and no intermediate string.
/// </summary>
internal static class ThreadJsonWriter
{
    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    /// <summary>Writes the compact JSON of <paramref name="value"/> into <paramref name="destination"/>.</summary>
    public static void Serialize<T>(IBufferWriter<byte> destination, T value, JsonTypeInfo<T> type)
    {
        var writer = t_writer;
        if (writer is null || !ReferenceEquals(writer.Options.Encoder, type.Options.Encoder))
        {
            writer = t_writer = new Utf8JsonWriter(destination, new JsonWriterOptions { Encoder = type.Options.Encoder, SkipValidation = true });
        }
        else
        {
            writer.Reset(destination);
        }

        JsonSerializer.Serialize(writer, value, type);
    }
}
