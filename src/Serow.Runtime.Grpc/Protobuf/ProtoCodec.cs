// Licensed under the MIT license. See LICENSE in the project root.

using Google.Protobuf;
using Grpc.Core;
using Serow.Grpc.Protobuf.Internal;

namespace Serow.Grpc.Protobuf;

/// <summary>
/// Reads and writes one protobuf message straight from and to its Serow type, the way protoc's generated code does for
/// its own classes: the wire bytes are those of the generated <c>.proto</c>, but no second (protobuf) object is made
/// per message. Generated once per message of a service's <c>.proto</c>; the gRPC marshaller comes from it.
/// </summary>
/// <typeparam name="T">The type the message is read into and written from.</typeparam>
public abstract class ProtoCodec<T>
{
    private Marshaller<T>? _marshaller;

    /// <summary>The number of bytes <see cref="WriteTo"/> writes for <paramref name="value"/>.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The encoded size, without a length prefix.</returns>
    public abstract int CalculateSize(T value);

    /// <summary>Writes the fields of <paramref name="value"/> (without a length prefix).</summary>
    /// <param name="output">Where to write.</param>
    /// <param name="value">The value.</param>
    public abstract void WriteTo(ref WriteContext output, T value);

    /// <summary>Reads fields until the end of the message (its length limit or the end of the input) and builds the value.</summary>
    /// <param name="input">Where to read.</param>
    /// <returns>The value; fields the message does not know are skipped.</returns>
    public abstract T ReadFrom(ref ParseContext input);

    /// <summary>The gRPC marshaller of the message: serializes straight into the transport's buffer.</summary>
    public Marshaller<T> Marshaller => _marshaller ??= Marshallers.Create<T>(Serialize, Deserialize);

    /// <summary>The size of <paramref name="value"/> as a length-delimited field value: its length prefix and its fields.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The size in bytes, without the tag.</returns>
    public int CalculateMessageSize(T value)
    {
        var size = CalculateSize(value);
        return CodedOutputStream.ComputeLengthSize(size) + size;
    }

    /// <summary>Writes <paramref name="value"/> as a length-delimited field value (after its tag).</summary>
    /// <param name="output">Where to write.</param>
    /// <param name="value">The value.</param>
    public void WriteMessage(ref WriteContext output, T value)
    {
        output.WriteLength(CalculateSize(value));
        WriteTo(ref output, value);
    }

    /// <summary>Reads a length-delimited field value (after its tag) as a message, within protobuf's nesting limit.</summary>
    /// <param name="input">Where to read.</param>
    /// <returns>The value.</returns>
    public T ReadMessage(ref ParseContext input)
    {
        // ParseContext keeps its length limits to itself; ReadMessage applies them around a message object.
        var adapter = ProtoAdapter<T>.Rent(this);
        try
        {
            input.ReadMessage(adapter);
            return adapter.Take();
        }
        finally
        {
            adapter.Release();
        }
    }

    /// <summary>The value of an empty message: every field absent, as when a map entry carries no value.</summary>
    /// <returns>The value.</returns>
    public T ReadEmpty()
    {
        var adapter = ProtoAdapter<T>.Rent(this);
        try
        {
            adapter.MergeFrom(ReadOnlySpan<byte>.Empty);
            return adapter.Take();
        }
        finally
        {
            adapter.Release();
        }
    }

    /// <summary>Encodes <paramref name="value"/> into a new array (tests and tools; calls use the marshaller).</summary>
    /// <param name="value">The value.</param>
    /// <returns>The encoded message.</returns>
    public byte[] ToByteArray(T value)
    {
        var adapter = ProtoAdapter<T>.Rent(this, value);
        try
        {
            var bytes = new byte[CalculateSize(value)];
            adapter.WriteTo(bytes.AsSpan());
            return bytes;
        }
        finally
        {
            adapter.Release();
        }
    }

    /// <summary>Decodes a message (tests and tools; calls use the marshaller).</summary>
    /// <param name="data">The encoded message.</param>
    /// <returns>The value.</returns>
    /// <exception cref="InvalidProtocolBufferException">The bytes are not a valid message.</exception>
    public T Parse(ReadOnlySpan<byte> data)
    {
        var adapter = ProtoAdapter<T>.Rent(this);
        try
        {
            adapter.MergeFrom(data);
            return adapter.Take();
        }
        finally
        {
            adapter.Release();
        }
    }

    private void Serialize(T value, SerializationContext context)
    {
        var adapter = ProtoAdapter<T>.Rent(this, value);
        try
        {
            context.SetPayloadLength(CalculateSize(value));
            adapter.WriteTo(context.GetBufferWriter());
            context.Complete();
        }
        finally
        {
            adapter.Release();
        }
    }

    private T Deserialize(DeserializationContext context)
    {
        var adapter = ProtoAdapter<T>.Rent(this);
        try
        {
            adapter.MergeFrom(context.PayloadAsReadOnlySequence());
            return adapter.Take();
        }
        finally
        {
            adapter.Release();
        }
    }
}
