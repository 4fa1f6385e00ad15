using Serow.Dsl;

namespace Streaming.Design;

// Bidirectional streaming, as the gRPC streaming seed defines it.
public sealed class ChatDesign : Serow.Dsl.Design
{
    public ChatDesign()
    {
        var count = Interceptor("count", () =>
        {
            Description("Counts, on the server, the chat messages each member sends.");
            ReadStreamingPayload(() => Attribute("user_id"));
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
        });
    }
}
