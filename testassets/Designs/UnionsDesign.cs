// Licensed under the MIT license. See LICENSE in the project root.

using Serow.Dsl;

namespace Serow.TestDesigns;

/// <summary>
/// Unions in every position: a named union (<c>Union</c>) as a payload, a result and the message of a server, client
/// and bidirectional stream (a typed event stream), and an inline <c>OneOf</c> inside a user type, with branches of
/// object, string and integer types and validations on the branches. Every transport runs the same suite.
/// </summary>
public sealed class UnionsDesign : Serow.Dsl.Design
{
    public UnionsDesign()
    {
        var message = Type("ChatMessage", () =>
        {
            Description("A message someone sent to the room.");
            Field(1, "user", String);
            Field(2, "text", String, () => MinLength(1));
            Required("user", "text");
        });
        var joined = Type("Joined", () =>
        {
            Description("Someone joined the room.");
            Field(1, "user", String);
            Required("user");
        });
        var left = Type("Left", () =>
        {
            Description("Someone left the room.");
            Field(1, "user", String);
            Field(2, "reason", String);
            Required("user");
        });
        var roomEvent = Union("RoomEvent", () =>
        {
            Description("What happens in a room.");
            Field(1, "message", message);
            Field(2, "joined", joined);
            Field(3, "left", left);
            Field(4, "notice", String, "A line from the room itself.", () => MaxLength(40));
            Field(5, "count", Int, "How many people are in the room.", () => Minimum(0));
        });
        var circle = Type("Circle", () =>
        {
            Field(1, "radius", Float64, () => ExclusiveMinimum(0));
            Required("radius");
        });
        var square = Type("Square", () =>
        {
            Field(1, "side", Float64, () => ExclusiveMinimum(0));
            Required("side");
        });
        var shape = Type("Shape", () =>
        {
            Description("A named shape; its geometry is one of several kinds.");
            Field(1, "name", String);
            OneOf("geometry", "The shape's geometry.", () =>
            {
                // Configurable members: {"kind": "circle", "data": {…}} instead of Goa's {"Type", "Value"}.
                Meta("serow:union:type", "kind");
                Meta("serow:union:value", "data");
                Field(2, "circle", circle);
                Field(3, "square", square);
                Field(4, "label", String, () => MinLength(1));
            });
            Required("name", "geometry");
        });

        API("unions", () =>
        {
            Title("Unions");
            Server("rooms", () =>
            {
                Host("local", () =>
                {
                    URI("http://localhost:8080/api");
                    URI("grpc://localhost:8090");
                });
                Host("cloud", () =>
                {
                    URI("https://{env}.rooms.example.com");
                    Variable("env", String, "The deployment", () =>
                    {
                        Enum("staging", "live");
                        Default("live");
                    });
                });
            });
        });

        Service("rooms", () =>
        {
            Description("A room whose events are a union: messages, joins, leaves, notices and head counts.");

            Method("describe", () =>
            {
                Description("Answers an event with a notice describing it: a union payload and a union result.");
                Payload(roomEvent);
                Result(roomEvent);
                HTTP(() => POST("/describe"));
                GRPC(() => { });
            });

            Method("measure", () =>
            {
                Description("Returns the shape with its area as a label: a union attribute in a payload and a result.");
                Payload(shape);
                Result(shape);
                HTTP(() => POST("/measure"));
                GRPC(() => { });
            });

            Method("history", () =>
            {
                Description("A room's history at once: unions as array elements and as map values.");
                Payload(() =>
                {
                    Field(1, "room", String);
                    Required("room");
                });
                Result(() =>
                {
                    Field(1, "events", ArrayOf(roomEvent));
                    Field(2, "latest", MapOf(String, roomEvent), "The latest event of each member");
                    Required("events", "latest");
                });
                HTTP(() => GET("/rooms/{room}/history"));
                GRPC(() => { });
            });

            Method("watch", () =>
            {
                Description("Streams a room's history: a typed event stream.");
                Payload(() =>
                {
                    Field(1, "room", String);
                    Required("room");
                });
                StreamingResult(roomEvent);
                HTTP(() =>
                {
                    GET("/rooms/{room}/events");
                    ServerSentEvents();
                });
                GRPC(() => { });
            });

            Method("tally", () =>
            {
                Description("Counts the events a client streams, by branch.");
                StreamingPayload(roomEvent);
                Result(() =>
                {
                    Field(1, "messages", Int);
                    Field(2, "joins", Int);
                    Field(3, "leaves", Int);
                    Field(4, "others", Int);
                    Required("messages", "joins", "leaves", "others");
                });
                HTTP(() => GET("/tally"));
                GRPC(() => { });
            });

            Method("relay", () =>
            {
                Description("Answers each event with the room's reaction: a union-typed bidirectional stream.");
                StreamingPayload(roomEvent);
                StreamingResult(roomEvent);
                HTTP(() => GET("/relay"));
                GRPC(() => { });
            });
        });
    }
}
