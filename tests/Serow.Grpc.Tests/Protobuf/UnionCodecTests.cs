// Licensed under the MIT license. See LICENSE in the project root.

using Google.Protobuf;
using Unions;
using Unions.Rooms;
using Proto = Unions.Rooms.Grpc.Proto;

namespace Serow.Grpc.Tests.Protobuf;

/// <summary>Serow's union codecs against protoc's classes of the same .proto: a named union and an inline oneof.</summary>
public sealed class UnionCodecTests
{
    [Fact]
    public void NamedUnion_EachBranch_IsTheOneofCaseProtocReads_AndReadsBack()
    {
        RoomEvent[] values =
        [
            new ChatMessage { User = "ada", Text = "hi" },
            new Joined { User = "bo" },
            new Left { User = "cy", Reason = "late" },
            new RoomEvent.Notice(string.Empty),
            new RoomEvent.Count(0),
        ];
        Proto.RoomEvent.ValueOneofCase[] cases =
        [
            Proto.RoomEvent.ValueOneofCase.Message, Proto.RoomEvent.ValueOneofCase.Joined, Proto.RoomEvent.ValueOneofCase.Left,
            Proto.RoomEvent.ValueOneofCase.Notice, Proto.RoomEvent.ValueOneofCase.Count,
        ];

        for (var i = 0; i < values.Length; i++)
        {
            var ours = RoomsGrpcCodec.RoomEvent.ToByteArray(values[i]);
            var theirs = Proto.RoomEvent.Parser.ParseFrom(ours);

            // A oneof branch has presence: an empty notice and a zero count are still sent and seen.
            Assert.Equal(cases[i], theirs.ValueCase);
            Assert.Equal(Convert.ToHexString(ours), Convert.ToHexString(theirs.ToByteArray()));
            var back = RoomsGrpcCodec.RoomEvent.Parse(theirs.ToByteArray());
            Assert.Equal(values[i].Branch, back.Branch);
            Assert.Equal(RoomsService(values[i]), RoomsService(back));
        }
    }

    [Fact]
    public void InlineOneOf_IsAOneofOfTheObjectsMessage()
    {
        var shape = new Shape { Name = "sq", Geometry = new Square { Side = 2 } };

        var theirs = Proto.Shape.Parser.ParseFrom(RoomsGrpcCodec.Shape.ToByteArray(shape));

        Assert.Equal(Proto.Shape.GeometryOneofCase.Square, theirs.GeometryCase);
        Assert.Equal(2, theirs.Square.Side);
        var labelled = RoomsGrpcCodec.Shape.Parse(new Proto.Shape { Name = "l", Label = "x" }.ToByteArray());
        Assert.Equal("x", Assert.IsType<ShapeGeometry.Label>(labelled.Geometry).Value);

        // No branch set: the attribute is absent, and validation reports it required.
        var empty = RoomsGrpcCodec.Shape.Parse(new Proto.Shape { Name = "none" }.ToByteArray());
        Assert.Null(empty.Geometry);
        var error = Assert.Throws<Serow.Validation.ValidationException>(empty.Validate);
        Assert.Contains(error.Errors, e => e.Field == "geometry" && e.Rule == "required");
    }

    [Fact]
    public void NamedUnion_WithNoBranchSet_IsUndecodable()
    {
        var error = Assert.Throws<InvalidDataException>(() => RoomsGrpcCodec.RoomEvent.Parse(new Proto.RoomEvent().ToByteArray()));

        Assert.Contains("RoomEvent", error.Message, StringComparison.Ordinal);
    }

    private static string RoomsService(RoomEvent e) => e.Match(
        message: m => $"m:{m.User}:{m.Text}",
        joined: j => "j:" + j.User,
        left: l => $"l:{l.User}:{l.Reason}",
        notice: n => "n:" + n,
        count: c => "c:" + c);
}
