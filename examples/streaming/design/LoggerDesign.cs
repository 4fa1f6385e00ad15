using Serow.Dsl;

namespace Streaming.Design;

// Server-side streaming over HTTP, as the streaming introduction seed defines it.
public sealed class LoggerDesign : Serow.Dsl.Design
{
    public LoggerDesign()
    {
        Service("logger", () =>
        {
            // Also over gRPC (the seed declares the HTTP mapping only).
            GRPC(() => { });

            // Server streams log entries for a specific topic
            Method("subscribe", () =>
            {
                Description("Stream log entries for a specific topic");

                Payload(() =>
                {
                    Field(1, "topic", String, "Topic of the log to subscribe to");
                    Required("topic");
                });

                // Server streams log entries
                StreamingResult(() =>
                {
                    Field(1, "timestamp", String, "Time of reading");
                    Field(2, "message", String, "Log message");
                    Required("timestamp", "message");
                });

                HTTP(() =>
                {
                    GET("/logs/{topic}/stream");
                    Response(StatusOK);
                });
            });

            // The seed's interactive log management: one open stream on which the client adds and removes topics.
            Method("manage", () =>
            {
                Description("Bidirectional stream for real-time log updates and topic management");

                StreamingPayload(() =>
                {
                    Field(1, "action", String, "add or remove", () => Enum("add", "remove"));
                    Field(2, "topic", String, "Topic of the log to add or remove");
                    Required("action", "topic");
                });

                StreamingResult(() =>
                {
                    Field(1, "timestamp", String, "Time of reading");
                    Field(2, "message", String, "Log message");
                    Field(3, "topic", String, "Topic of the entry");
                    Required("timestamp", "message", "topic");
                });

                HTTP(() =>
                {
                    GET("/logs/manage");
                    Response(StatusOK);
                });
            });
        });
    }
}
