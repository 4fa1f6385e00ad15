// Licensed under the MIT license. See LICENSE in the project root.

using Serow.Dsl;

namespace Serow.TestDesigns;

/// <summary>
/// Every shape a message can take over gRPC, for the protobuf codec tests: each scalar kind with and without presence,
/// defaults, repeated numbers (packed), strings, bytes, enums and messages, maps with each key kind, nested messages,
/// a payload attribute in request metadata, primitive and collection payloads and results (wrapper messages), and a
/// one-shot payload before a stream (the envelope). Its .proto is compiled by protoc in the tests, as the peer.
/// </summary>
public sealed class ProtoWireDesign : Serow.Dsl.Design
{
    public ProtoWireDesign()
    {
        API("protowire", () => Title("protobuf wire shapes"));

        var scalars = Type("Scalars", () =>
        {
            Description("One field of each scalar kind; the numbers are required (no presence), the rest optional.");
            Field(1, "flag", Boolean);
            Field(2, "small", Int);
            Field(3, "medium", Int32);
            Field(4, "large", Int64);
            Field(5, "count", UInt);
            Field(6, "count32", UInt32);
            Field(7, "count64", UInt64);
            Field(8, "ratio", Float32);
            Field(9, "precise", Float64);
            Field(10, "text", String);
            Field(11, "blob", Bytes);
            Field(12, "maybe", Int64, "An optional number: present or absent.");
            Field(13, "level", Int32, "A number with a default.", () => Default(7));
            Field(14, "kind", String, "A proto enum.", () =>
            {
                Enum("NONE", "SMALL", "LARGE");
                Meta("grpc:enum", "Kind");
            });
            Required("flag", "small", "medium", "large", "count", "count32", "count64", "ratio", "precise");
        });

        var lists = Type("Lists", () =>
        {
            Description("Repeated fields of every element kind.");
            Field(1, "flags", ArrayOf(Boolean));
            Field(2, "ints", ArrayOf(Int32));
            Field(3, "longs", ArrayOf(Int64));
            Field(4, "uints", ArrayOf(UInt32));
            Field(5, "ulongs", ArrayOf(UInt64));
            Field(6, "floats", ArrayOf(Float32));
            Field(7, "doubles", ArrayOf(Float64));
            Field(8, "texts", ArrayOf(String));
            Field(9, "blobs", ArrayOf(Bytes));
            Field(10, "kinds", ArrayOf(String, () =>
            {
                Enum("NONE", "SMALL", "LARGE");
                Meta("grpc:enum", "Kind");
            }));
            Field(11, "items", ArrayOf(scalars));
        });

        var maps = Type("Maps", () =>
        {
            Description("Maps with each key kind and with scalar, bytes and message values.");
            Field(1, "by_name", MapOf(String, Int64));
            Field(2, "by_number", MapOf(Int32, String));
            Field(3, "by_id", MapOf(UInt64, Bytes));
            Field(4, "by_flag", MapOf(Boolean, scalars));
            Field(5, "by_long", MapOf(Int64, Float64));
        });

        var everything = Type("Everything", () =>
        {
            Description("The shapes together, nested.");
            Field(1, "scalars", scalars);
            Field(2, "lists", lists);
            Field(3, "maps", maps);
            Field(4, "note", String);
            Field(5, "inline", () =>
            {
                Field(1, "depth", Int32);
                Field(2, "child", scalars);
                Required("depth");
            });
        });

        Service("wire", () =>
        {
            Description("Echoes every shape.");
            GRPC(() => { });

            Method("echo", () =>
            {
                Payload(() =>
                {
                    Field(1, "value", everything);
                    Attribute("trace", String, "Travels in request metadata.");
                });
                Result(everything);
                GRPC(() => Metadata(() => Attribute("trace")));
            });

            Method("square", () =>
            {
                Description("A primitive payload and result travel in wrapper messages.");
                Payload(Int64);
                Result(Float64);
            });

            Method("tags", () =>
            {
                Description("A map payload and an array result travel in wrapper messages.");
                Payload(MapOf(String, Int32));
                Result(ArrayOf(String));
            });

            Method("upload", () =>
            {
                Description("A one-shot payload before a stream of bytes: the envelope.");
                Payload(() =>
                {
                    Field(1, "name", String);
                    Required("name");
                });
                StreamingPayload(Bytes);
                StreamingResult(Int64);
            });

            Method("collect", () =>
            {
                Description("Objects in, numbers out.");
                StreamingPayload(scalars);
                StreamingResult(Int32);
            });
        });
    }
}
