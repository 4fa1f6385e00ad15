// Licensed under the MIT license. See LICENSE in the project root.

using CsCheck;
using Google.Protobuf;
using Protowire;
using Protowire.Wire;
using Serow.Grpc.Protobuf;
using Proto = Protowire.Wire.Grpc.Proto;

namespace Serow.Grpc.Tests.Protobuf;

/// <summary>
/// Serow's generated codecs against protoc's C# classes of the same generated .proto (the independent peer): what one
/// writes the other reads, field by field, and both write the same bytes.
/// </summary>
public sealed class ProtobufCodecTests
{
    [Fact]
    public void Everything_RandomValues_AreTheBytesProtocWrites_AndReadBackWhole()
    {
        WireValues.Everything.Sample(value =>
        {
            var ours = WireGrpcCodec.Everything.ToByteArray(value);

            // protoc reads every field and, writing what it read, produces the very same bytes.
            var theirs = Proto.Everything.Parser.ParseFrom(ours);
            Assert.Equal(Convert.ToHexString(ours), Convert.ToHexString(theirs.ToByteArray()));

            // Serow reads protoc's bytes back into an equal value (equal bytes when written again).
            var back = WireGrpcCodec.Everything.Parse(theirs.ToByteArray());
            Assert.Equal(Convert.ToHexString(ours), Convert.ToHexString(WireGrpcCodec.Everything.ToByteArray(back)));
        }, iter: 400);
    }

    [Fact]
    public void Scalars_FieldByField_MatchProtoc()
    {
        var value = new Scalars
        {
            Flag = true, Small = -1, Medium = int.MinValue, Large = long.MaxValue, Count = uint.MaxValue, Count32 = 5,
            Count64 = ulong.MaxValue, Ratio = 1.5f, Precise = -2.25, Text = "h\u00e9llo \U0001F600", Blob = [0, 1, 255], Maybe = 0,
            Level = 3, Kind = "LARGE",
        };

        var theirs = Proto.Scalars.Parser.ParseFrom(WireGrpcCodec.Scalars.ToByteArray(value));

        Assert.True(theirs.Flag);
        Assert.Equal((-1, int.MinValue, long.MaxValue, uint.MaxValue, 5U, ulong.MaxValue), (theirs.Small, theirs.Medium, theirs.Large, theirs.Count, theirs.Count32, theirs.Count64));
        Assert.Equal((1.5f, -2.25), (theirs.Ratio, theirs.Precise));
        Assert.Equal("h\u00e9llo \U0001F600", theirs.Text);
        Assert.Equal([0, 1, 255], theirs.Blob.ToByteArray());
        Assert.True(theirs.HasMaybe);
        Assert.Equal(0, theirs.Maybe);
        Assert.Equal(3, theirs.Level);
        Assert.Equal(Proto.Kind.Large, theirs.Kind);
    }

    [Fact]
    public void Scalars_AbsentFields_ReadAsProto3Defaults_PresenceAsNull_AndDesignedDefaults()
    {
        var value = WireGrpcCodec.Scalars.Parse([]);

        Assert.Equal((false, 0, 0L, 0UL, 0f, 0d), (value.Flag, value.Small, value.Large, value.Count64, value.Ratio, value.Precise));
        Assert.Null(value.Text);
        Assert.Null(value.Blob);
        Assert.Null(value.Maybe);
        Assert.Null(value.Kind);
        Assert.Equal(7, value.Level);

        // Proto3 cannot tell a zero from an absent number without presence: both are values, so validation passes.
        value.Validate();
    }

    [Fact]
    public void Scalars_DefaultsOfFieldsWithoutPresence_AreLeftOut_AsProtocLeavesThemOut()
    {
        var value = new Scalars { Flag = false, Small = 0, Medium = 0, Large = 0, Count = 0, Count32 = 0, Count64 = 0, Ratio = 0, Precise = 0, Level = 7 };

        var ours = WireGrpcCodec.Scalars.ToByteArray(value);

        // Only level (optional, so present) is written: tag 13 varint, 7.
        Assert.Equal("6807", Convert.ToHexString(ours));
        Assert.Equal(ours, new Proto.Scalars { Level = 7 }.ToByteArray());
    }

    [Fact]
    public void Lists_UnpackedNumbers_AreRead_AsProtobufRequires()
    {
        // ints (field 2) as three unpacked varints, then a packed run of two: five elements in order.
        var unpacked = new byte[] { 0x10, 0x01, 0x10, 0x02, 0x10, 0x7F, 0x12, 0x02, 0x03, 0x04 };

        var value = WireGrpcCodec.Lists.Parse(unpacked);

        Assert.Equal([1, 2, 127, 3, 4], value.Ints!);
        Assert.Equal(Proto.Lists.Parser.ParseFrom(unpacked).Ints, value.Ints!);
    }

    [Fact]
    public void Lists_EnumsBeyondTheDesign_ReadAsTheirDigits()
    {
        var bytes = new Proto.Lists { Kinds = { Proto.Kind.Small, (Proto.Kind)9 } }.ToByteArray();

        var value = WireGrpcCodec.Lists.Parse(bytes);

        Assert.Equal(["SMALL", "9"], value.Kinds!);
    }

    [Fact]
    public void UnknownFields_OfEveryWireType_AreSkipped()
    {
        var output = new MemoryStream();
        var writer = new CodedOutputStream(output);
        writer.WriteTag(100, WireFormat.WireType.Varint);
        writer.WriteInt64(-5);
        writer.WriteTag(101, WireFormat.WireType.Fixed64);
        writer.WriteFixed64(1);
        writer.WriteTag(102, WireFormat.WireType.LengthDelimited);
        writer.WriteString("ignored");
        writer.WriteTag(103, WireFormat.WireType.Fixed32);
        writer.WriteFixed32(2);
        writer.WriteTag(104, WireFormat.WireType.StartGroup);
        writer.WriteTag(1, WireFormat.WireType.Varint);
        writer.WriteInt32(1);
        writer.WriteTag(104, WireFormat.WireType.EndGroup);
        writer.WriteTag(10, WireFormat.WireType.LengthDelimited);
        writer.WriteString("kept");
        // Field 2 with the wrong wire type is unknown too.
        writer.WriteTag(2, WireFormat.WireType.LengthDelimited);
        writer.WriteString("wrong type");
        writer.Flush();

        var value = WireGrpcCodec.Scalars.Parse(output.ToArray());

        Assert.Equal("kept", value.Text);
        Assert.Equal(0, value.Small);
    }

    [Fact]
    public void Maps_EntryWithoutValue_ReadsTheValuesDefault_AsProtocDoes()
    {
        // by_flag (4) entry with key true and no value; by_name (1) entry with value 3 and no key.
        var bytes = new byte[] { 0x22, 0x02, 0x08, 0x01, 0x0A, 0x02, 0x10, 0x03 };

        var value = WireGrpcCodec.Maps.Parse(bytes);
        var theirs = Proto.Maps.Parser.ParseFrom(bytes);

        Assert.Equal(0, value.ByFlag![true].Small);
        Assert.Equal(7, value.ByFlag[true].Level);
        Assert.Equal(3, value.ByName![string.Empty]);
        Assert.Equal(theirs.ByName[string.Empty], value.ByName[string.Empty]);
        Assert.NotNull(theirs.ByFlag[true]);
    }

    [Fact]
    public void Truncated_Message_IsAnInvalidProtocolBuffer()
    {
        var bytes = WireGrpcCodec.Everything.ToByteArray(new Everything { Note = "truncate me", Scalars = new Scalars { Flag = true, Small = 1, Medium = 1, Large = 1, Count = 1, Count32 = 1, Count64 = 1, Ratio = 1, Precise = 1 } });

        Assert.Throws<InvalidProtocolBufferException>(() => WireGrpcCodec.Everything.Parse(bytes.AsSpan(0, bytes.Length - 3)));
    }

    [Fact]
    public void Wrappers_AndEnvelopes_MatchProtoc()
    {
        Assert.Equal(
            new Proto.SquareRequest { Field = -3 }.ToByteArray(),
            WireGrpcCodec.SquareRequest.ToByteArray(new ProtoWrapper<long>(-3)));
        Assert.Equal(2.5, WireGrpcCodec.SquareResponse.Parse(new Proto.SquareResponse { Field = 2.5 }.ToByteArray()).Value);
        Assert.Empty(WireGrpcCodec.SquareResponse.ToByteArray(new ProtoWrapper<double>(0)));

        var tags = new Proto.TagsRequest { Field = { ["a"] = 1, ["b"] = 0 } }.ToByteArray();
        Assert.Equal(tags, WireGrpcCodec.TagsRequest.ToByteArray(new ProtoWrapper<Dictionary<string, int>>(new() { ["a"] = 1, ["b"] = 0 })));
        Assert.Equal(["x", string.Empty], WireGrpcCodec.TagsResponse.Parse(new Proto.TagsResponse { Field = { "x", string.Empty } }.ToByteArray()).Value);
        Assert.Empty(WireGrpcCodec.TagsResponse.Parse([]).Value);

        var payload = ProtoEnvelope<UploadPayload, ProtoWrapper<byte[]>>.OfPayload(new UploadPayload { Name = "n" });
        var message = ProtoEnvelope<UploadPayload, ProtoWrapper<byte[]>>.OfMessage(new ProtoWrapper<byte[]>([1, 2]));
        Assert.Equal(
            new Proto.UploadStreamingRequest { Payload = new Proto.UploadRequest { Name = "n" } }.ToByteArray(),
            WireGrpcCodec.UploadStreamingRequest.ToByteArray(payload));
        Assert.Equal(
            new Proto.UploadStreamingRequest { Message = new Proto.UploadStreamingPayloadMessage { Field = ByteString.CopyFrom(1, 2) } }.ToByteArray(),
            WireGrpcCodec.UploadStreamingRequest.ToByteArray(message));

        // oneof: the last field on the wire wins; neither is the empty envelope.
        var both = WireGrpcCodec.UploadStreamingRequest.ToByteArray(payload).Concat(WireGrpcCodec.UploadStreamingRequest.ToByteArray(message)).ToArray();
        Assert.Equal(ProtoEnvelopeKind.Message, WireGrpcCodec.UploadStreamingRequest.Parse(both).Kind);
        Assert.Equal(ProtoEnvelopeKind.None, WireGrpcCodec.UploadStreamingRequest.Parse([]).Kind);
        Assert.Throws<Serow.Validation.ValidationException>(() => WireGrpcCodec.UploadStreamingRequest.Parse([]).PayloadOrThrow());
    }
}
