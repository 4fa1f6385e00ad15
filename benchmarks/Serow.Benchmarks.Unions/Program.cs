// Licensed under the MIT license. See LICENSE in the project root.

using System.Text.Json;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Running;
using Unions;
using Unions.Rooms;

BenchmarkRunner.Run<UnionEncoding>(args: args);

/// <summary>
/// A union message against its branch value alone, in the same run: the JSON converter's tag and indirection, and the
/// protobuf oneof's extra message level.
/// </summary>
[MemoryDiagnoser]
public class UnionEncoding
{
    private static readonly ChatMessage Message = new() { User = "ada", Text = new string('x', 100) };
    private static readonly RoomEvent Event = new RoomEvent.Message(Message);
    private static readonly byte[] MessageJson = JsonSerializer.SerializeToUtf8Bytes(Message, RoomsHttpContracts.JsonChatMessage);
    private static readonly byte[] EventJson = JsonSerializer.SerializeToUtf8Bytes(Event, RoomsHttpContracts.JsonRoomEvent);
    private static readonly byte[] MessageProto = RoomsGrpcCodec.ChatMessage.ToByteArray(Message);
    private static readonly byte[] EventProto = RoomsGrpcCodec.RoomEvent.ToByteArray(Event);

    [Benchmark(Baseline = true)]
    public byte[] JsonWriteBranchValue() => JsonSerializer.SerializeToUtf8Bytes(Message, RoomsHttpContracts.JsonChatMessage);

    [Benchmark]
    public byte[] JsonWriteUnion() => JsonSerializer.SerializeToUtf8Bytes(Event, RoomsHttpContracts.JsonRoomEvent);

    [Benchmark]
    public ChatMessage? JsonReadBranchValue() => JsonSerializer.Deserialize(MessageJson, RoomsHttpContracts.JsonChatMessage);

    [Benchmark]
    public RoomEvent? JsonReadUnion() => JsonSerializer.Deserialize(EventJson, RoomsHttpContracts.JsonRoomEvent);

    [Benchmark]
    public byte[] ProtoWriteBranchValue() => RoomsGrpcCodec.ChatMessage.ToByteArray(Message);

    [Benchmark]
    public byte[] ProtoWriteUnion() => RoomsGrpcCodec.RoomEvent.ToByteArray(Event);

    [Benchmark]
    public ChatMessage ProtoReadBranchValue() => RoomsGrpcCodec.ChatMessage.Parse(MessageProto);

    [Benchmark]
    public RoomEvent ProtoReadUnion() => RoomsGrpcCodec.RoomEvent.Parse(EventProto);
}
