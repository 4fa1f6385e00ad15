// Licensed under the MIT license. See LICENSE in the project root.

using Serow.Dsl;

namespace Serow.Benchmarks.WebSockets.Design;

/// <summary>
/// The WebSocket and SSE benchmark's service: a 100-byte chat message (80-character text, user id, timestamp) streamed
/// in every direction over HTTP/WebSockets, and from the server over Server-Sent Events.
/// </summary>
public sealed class ChatBenchDesign : Serow.Dsl.Design
{
    public ChatBenchDesign()
    {
        API("wsbench", () => Title("Serow WebSocket benchmark"));

        var chat = Type("ChatMessage", () =>
        {
            Description("A chat message: about 100 bytes of JSON.");
            Attribute("message", String, "The text: 80 characters.");
            Attribute("user_id", Int64, "The author.");
            Attribute("timestamp", Int64, "When it was written, Unix milliseconds.");
            Required("message", "user_id", "timestamp");
        });

        Service("chat", () =>
        {
            Description("Moves chat messages in every streaming direction.");
            HTTP(() => Path("/chat"));

            Method("download", () =>
            {
                Description("Server streaming: sends count chat messages, then ends.");
                Payload(() =>
                {
                    Attribute("count", Int, "How many messages to send.", () => Minimum(0));
                    Required("count");
                });
                StreamingResult(chat);
                HTTP(() => GET("/download/{count}"));
            });

            Method("upload", () =>
            {
                Description("Client streaming: counts the messages it receives.");
                StreamingPayload(chat);
                Result(() =>
                {
                    Attribute("count", Int64, "How many messages arrived.");
                    Required("count");
                });
                HTTP(() => GET("/upload"));
            });

            Method("ping", () =>
            {
                Description("Bidirectional: answers every message with itself.");
                StreamingPayload(chat);
                StreamingResult(chat);
                HTTP(() => GET("/ping"));
            });

            Method("events", () =>
            {
                Description("Server streaming over Server-Sent Events: sends count chat messages, then ends.");
                Payload(() =>
                {
                    Attribute("count", Int, "How many messages to send.", () => Minimum(0));
                    Required("count");
                });
                StreamingResult(chat);
                HTTP(() =>
                {
                    GET("/events/{count}");
                    ServerSentEvents();
                });
            });

            Method("idle_events", () =>
            {
                Description("Server streaming over Server-Sent Events: sends one message, then stays open until the client leaves.");
                StreamingResult(chat);
                HTTP(() =>
                {
                    GET("/idle-events");
                    ServerSentEvents();
                });
            });

            Method("idle", () =>
            {
                Description("Server streaming: sends one message, then stays open until the client leaves.");
                StreamingResult(chat);
                HTTP(() => GET("/idle"));
            });
        });
    }
}
