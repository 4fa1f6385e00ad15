using Serow.Dsl;

namespace Streaming.Design;

// Server-side streaming over HTTP, as the streaming introduction seed defines it.
public sealed class LoggerDesign : Serow.Dsl.Design
{
    /// <summary>How many topics one logger.manage stream may follow at once.</summary>
    public const int MaxTopics = 32;

    /// <summary>A topic is a short name: letters, digits, '.', '_' and '-'.</summary>
    private void TopicRules()
    {
        MinLength(1);
        MaxLength(64);
        Pattern("^[A-Za-z0-9._-]+$");
    }

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
                    Field(1, "topic", String, "Topic of the log to subscribe to", TopicRules);
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

            // The server-streaming variant as Server-Sent Events (GET /logs/{topic}/events), resumable with Last-Event-ID.
            Method("follow", () =>
            {
                Description("Stream log entries for a topic as Server-Sent Events; resume after a given entry");

                Payload(() =>
                {
                    Field(1, "topic", String, "Topic of the log to follow", TopicRules);
                    Field(2, "last_event_id", String, "Resume after this entry (the Last-Event-ID header)");
                    Required("topic");
                });

                StreamingResult(() =>
                {
                    Field(1, "id", String, "Entry identifier");
                    Field(2, "timestamp", String, "Time of reading");
                    Field(3, "message", String, "Log message");
                    Required("id", "timestamp", "message");
                });

                // Every entry carries its position; a client that reconnects resumes after the last one it received.
                Resumable("id", "last_event_id");

                HTTP(() =>
                {
                    GET("/logs/{topic}/events");
                    ServerSentEvents(() =>
                    {
                        SSEEventID("id");
                        SSERequestID("last_event_id");
                    });
                    Response(StatusOK);
                });
            });

            // The seed's interactive log management: one open stream on which the client adds and removes topics.
            Method("manage", () =>
            {
                Description("Bidirectional stream for real-time log updates and topic management");

                // Managing topics takes the API key.
                Security("api_key");

                // One connection follows a bounded number of topics: adding more ends the call with this error.
                Error("too_many_topics", () => Description($"A stream follows at most {MaxTopics} topics."));

                StreamingPayload(() =>
                {
                    Field(1, "action", String, "add or remove", () => Enum("add", "remove"));
                    Field(2, "topic", String, "Topic of the log to add or remove", TopicRules);
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
                    Response("too_many_topics", StatusTooManyRequests);
                });

                GRPC(() => Response("too_many_topics", CodeResourceExhausted));
            });
        });
    }
}
