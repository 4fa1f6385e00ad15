// Licensed under the MIT license. See LICENSE in the project root.

using Google.Protobuf;

namespace Serow.Grpc.Protobuf;

/// <summary>A message without fields: the request of a method without payload, the response of one without result.</summary>
public sealed class ProtoEmpty
{
    private ProtoEmpty()
    {
    }

    /// <summary>The one instance.</summary>
    public static ProtoEmpty Instance { get; } = new();

    /// <summary>Writes nothing and skips whatever fields it receives.</summary>
    public static ProtoCodec<ProtoEmpty> Codec { get; } = new EmptyCodec();

    private sealed class EmptyCodec : ProtoCodec<ProtoEmpty>
    {
        public override int CalculateSize(ProtoEmpty value) => 0;

        public override void WriteTo(ref WriteContext output, ProtoEmpty value)
        {
        }

        public override ProtoEmpty ReadFrom(ref ParseContext input)
        {
            while (input.ReadTag() != 0)
            {
                ProtoFields.Skip(ref input);
            }

            return Instance;
        }
    }
}
