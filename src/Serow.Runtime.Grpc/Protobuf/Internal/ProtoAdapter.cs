// Licensed under the MIT license. See LICENSE in the project root.

using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace Serow.Grpc.Protobuf.Internal;

/// <summary>
/// Lends a <see cref="ProtoCodec{T}"/> to Google.Protobuf's readers and writers, which only hand their
/// <see cref="ParseContext"/> and <see cref="WriteContext"/> to message objects. One per thread and type, reused:
/// encoding and decoding are synchronous, and a nested read of the same type takes its value out before the outer
/// read stores its own.
/// </summary>
/// <typeparam name="T">The codec's type.</typeparam>
internal sealed class ProtoAdapter<T> : IBufferMessage
{
    [ThreadStatic]
    private static ProtoAdapter<T>? t_current;

    private ProtoCodec<T>? _codec;
    private T? _value;

    MessageDescriptor IMessage.Descriptor => throw new NotSupportedException("Serow's protobuf codecs carry no descriptors; read the .proto Serow generates.");

    public static ProtoAdapter<T> Rent(ProtoCodec<T> codec, T? value = default)
    {
        var adapter = t_current ??= new ProtoAdapter<T>();
        adapter._codec = codec;
        adapter._value = value;
        return adapter;
    }

    public T Take()
    {
        var value = _value!;
        _value = default;
        return value;
    }

    /// <summary>Drops the value so that the thread does not keep it alive.</summary>
    public void Release() => _value = default;

    public int CalculateSize() => _codec!.CalculateSize(_value!);

    public void MergeFrom(CodedInputStream input) => input.ReadRawMessage(this);

    public void WriteTo(CodedOutputStream output) => output.WriteRawMessage(this);

    void IBufferMessage.InternalMergeFrom(ref ParseContext ctx)
    {
        var codec = _codec!;
        _value = codec.ReadFrom(ref ctx);
    }

    void IBufferMessage.InternalWriteTo(ref WriteContext ctx) => _codec!.WriteTo(ref ctx, _value!);
}
