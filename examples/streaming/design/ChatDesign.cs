using Serow.Dsl;

namespace Streaming.Design;

// Bidirectional streaming, as the gRPC streaming seed defines it.
public sealed class ChatDesign : Serow.Dsl.Design
{
    public ChatDesign()
    {
        Service("chat", () =>
        {
            // Also over HTTP: a WebSocket at GET /chat/connect.
            HTTP(() => { Path("/chat"); });

            Method("connect", () =>
            {
                Description("Establish bidirectional chat connection");

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
