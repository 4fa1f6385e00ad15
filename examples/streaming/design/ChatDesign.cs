using Serow.Dsl;

namespace Streaming.Design;

// Bidirectional streaming, as the gRPC streaming seed defines it, and beside it a typed event stream of the room.
public sealed class ChatDesign : Serow.Dsl.Design
{
    public ChatDesign()
    {
        var count = Interceptor("count", () =>
        {
            Description("Counts, on the server, the chat messages each member sends.");
            ReadStreamingPayload(() => Attribute("user_id"));
        });

        var line = Type("ChatLine", () =>
        {
            Description("A message a member sent to the room.");
            Field(1, "user_id", String, "User identifier");
            Field(2, "message", String, "Chat message");
            Field(3, "timestamp", String, "Message timestamp");
            Required("user_id", "message", "timestamp");
        });
        var presence = Type("Presence", () =>
        {
            Description("A member who joined or left, and how many members the room has now.");
            Field(1, "user_id", String, "User identifier");
            Field(2, "members", Int, "Members in the room", () => Minimum(0));
            Required("user_id", "members");
        });
        var roomEvent = Union("RoomEvent", () =>
        {
            Description("What happens in the chat room.");
            Field(1, "present", Int, "How many members are in the room when the watch starts: always the first event", () => Minimum(0));
            Field(2, "joined", presence, "A member said their first message");
            Field(3, "message", line, "A member said something");
            Field(4, "left", presence, "A member's connection ended");
        });

        Service("chat", () =>
        {
            // Also over HTTP: a WebSocket at GET /chat/connect.
            HTTP(() => { Path("/chat"); });

            Method("connect", () =>
            {
                Description("Establish bidirectional chat connection");

                // Members need a token; every message they send passes the count interceptor.
                Security("jwt");
                ServerInterceptor(count);

                StreamingPayload(() =>
                {
                    Field(1, "message", String, "Chat message");
                    Field(2, "user_id", String, "User identifier");
                    Required("message", "user_id");
                });

                StreamingResult(() =>
                {
                    Field(1, "message", String, "Chat message");
                    Field(2, "user_id", String, "User identifier");
                    Field(3, "timestamp", String, "Message timestamp");
                    Required("message", "user_id", "timestamp");
                });

                GRPC(() =>
                {
                    Response(CodeOK);
                });
            });

            Method("events", () =>
            {
                Description("Watch the room: its head count, then every join, message and leave as it happens");
                Security("jwt");
                Payload(() =>
                {
                    Field(1, "limit", Int, "End the stream after this many events (0: never)", () => Minimum(0));
                });
                StreamingResult(roomEvent);
                HTTP(() =>
                {
                    GET("/events");
                    ServerSentEvents();
                });
                GRPC(() => { });
            });
        });
    }
}
