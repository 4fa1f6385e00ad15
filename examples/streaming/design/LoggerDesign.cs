using Serow.Dsl;

namespace Streaming.Design;

// Server-side streaming over HTTP, as the streaming introduction seed defines it.
public sealed class LoggerDesign : Serow.Dsl.Design
{
    public LoggerDesign()
    {
        Service("logger", () =>
        {
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
        });
    }
}
