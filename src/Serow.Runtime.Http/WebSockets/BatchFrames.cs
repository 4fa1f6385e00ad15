// Licensed under the MIT license. See LICENSE in the project root.

using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Serow.Http.WebSockets;

/// <summary>
/// The frames of the <c>serow.v1.batch</c> subprotocol: on the sending side messages gather into a JSON array in one
/// buffer while the previous array is written from the other (not thread-safe: the caller serializes access); on the
/// receiving side <see cref="TryReadNext"/> takes an array frame's messages one at a time.
/// </summary>
/// <typeparam name="T">The type of the messages.</typeparam>
internal sealed class BatchFrames<T>
{
    private Buffer _gathering = new();
    private Buffer _sending = new();
    private Utf8JsonWriter? _writer;

    /// <summary>How many messages are gathered for the next frame.</summary>
    public int Count { get; private set; }

    /// <summary>How many bytes the next frame holds so far (without its closing bracket).</summary>
    public int Length => _gathering.Length;

    /// <summary>
    /// Appends <paramref name="message"/> unless the frame would then exceed <paramref name="limit"/> bytes; an empty
    /// frame always takes its first message, whatever its size.
    /// </summary>
    public bool TryAppend(T message, JsonTypeInfo<T> type, int limit)
    {
        var start = _gathering.Length;
        _gathering.WriteByte(Count == 0 ? (byte)'[' : (byte)',');
        var writer = _writer ??= new Utf8JsonWriter(_gathering, new JsonWriterOptions { Encoder = type.Options.Encoder, SkipValidation = true });
        writer.Reset(_gathering);
        try
        {
            JsonSerializer.Serialize(writer, message, type);
        }
        catch
        {
            _gathering.Truncate(start);
            throw;
        }

        if (Count > 0 && _gathering.Length + 1 > limit)
        {
            _gathering.Truncate(start);
            return false;
        }

        Count++;
        return true;
    }

    /// <summary>
    /// Closes the gathered array and hands it out for writing (valid until the next call); empty when nothing is
    /// gathered. Later messages gather in the other buffer.
    /// </summary>
    public ReadOnlyMemory<byte> TakeFrame()
    {
        if (Count == 0)
        {
            return ReadOnlyMemory<byte>.Empty;
        }

        _gathering.WriteByte((byte)']');
        (_gathering, _sending) = (_sending, _gathering);
        _gathering.Truncate(0);
        Count = 0;
        return _sending.Written;
    }

    /// <summary>
    /// Reads the next message of a frame of the subprotocol, a JSON array of messages, from where
    /// <paramref name="cursor"/> left off: one message at a time, so a receiver decodes no further than its queue has
    /// room for (however many messages the frame holds).
    /// </summary>
    /// <returns>False at the end of the array.</returns>
    /// <exception cref="JsonException">The frame is not exactly one JSON array of messages.</exception>
    public static bool TryReadNext(ref BatchCursor cursor, ReadOnlySpan<byte> frame, JsonTypeInfo<T> type, out T message)
    {
        var reader = new Utf8JsonReader(frame[cursor.Consumed..], isFinalBlock: true, cursor.State);
        if (!cursor.Started)
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
            {
                throw new JsonException($"under the {WebSocketProtocol.BatchSubprotocol} subprotocol every frame is a JSON array of messages");
            }

            cursor.Started = true;
        }

        if (!reader.Read())
        {
            throw new JsonException("a batch frame ends inside its array");
        }

        if (reader.TokenType == JsonTokenType.EndArray)
        {
            if (reader.Read())
            {
                throw new JsonException("a batch frame must hold exactly one JSON array");
            }

            message = default!;
            return false;
        }

        message = JsonSerializer.Deserialize(ref reader, type) ?? throw new JsonException("a batch frame holds null where a message is expected");
        cursor.Consumed += (int)reader.BytesConsumed;
        cursor.State = reader.CurrentState;
        return true;
    }

    /// <summary>Drops the gathered messages.</summary>
    public void Clear()
    {
        _gathering.Truncate(0);
        Count = 0;
    }

    private sealed class Buffer : IBufferWriter<byte>
    {
        private byte[] _bytes = new byte[1024];

        public int Length { get; private set; }

        public ReadOnlyMemory<byte> Written => _bytes.AsMemory(0, Length);

        public void Advance(int count) => Length += count;

        public Memory<byte> GetMemory(int sizeHint = 0) => Reserve(sizeHint);

        public Span<byte> GetSpan(int sizeHint = 0) => Reserve(sizeHint).Span;

        public void WriteByte(byte value)
        {
            Reserve(1).Span[0] = value;
            Length++;
        }

        public void Truncate(int length) => Length = length;

        private Memory<byte> Reserve(int sizeHint)
        {
            var needed = Length + Math.Max(sizeHint, 1);
            if (needed > _bytes.Length)
            {
                Array.Resize(ref _bytes, Math.Max(needed, _bytes.Length * 2));
            }

            return _bytes.AsMemory(Length);
        }
    }
}

/// <summary>Where the reading of a batch frame stands, between two messages.</summary>
internal struct BatchCursor
{
    public int Consumed;
    public JsonReaderState State;
    public bool Started;
}
