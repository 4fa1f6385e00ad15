// Licensed under the MIT license. See LICENSE in the project root.

namespace Serow.Dsl.Tests;

/// <summary>The streaming guides' designs, transliterated mechanically from Goa.</summary>
public sealed class MonitorDesign : Design
{
    public MonitorDesign()
    {
        Service("monitor", () =>
        {
            Method("watch", () =>
            {
                Description("Stream system metrics");

                Payload(() =>
                {
                    Field(1, "interval", Int, "Sampling interval in seconds");
                    Required("interval");
                });

                StreamingResult(() =>
                {
                    Field(1, "cpu", Float32, "CPU usage percentage");
                    Field(2, "memory", Float32, "Memory usage percentage");
                    Required("cpu", "memory");
                });

                GRPC(() =>
                {
                    Response(CodeOK);
                });
            });
        });
    }
}

/// <summary>Client streaming over gRPC.</summary>
public sealed class AnalyticsDesign : Design
{
    public AnalyticsDesign()
    {
        Service("analytics", () =>
        {
            Method("process", () =>
            {
                Description("Process stream of analytics events");

                StreamingPayload(() =>
                {
                    Field(1, "event_type", String, "Type of event");
                    Field(2, "timestamp", String, "Event timestamp");
                    Field(3, "data", Bytes, "Event data");
                    Required("event_type", "timestamp", "data");
                });

                Result(() =>
                {
                    Field(1, "processed_count", Int64, "Number of events processed");
                    Required("processed_count");
                });

                GRPC(() =>
                {
                    Response(CodeOK);
                });
            });
        });
    }
}

/// <summary>Bidirectional streaming over gRPC.</summary>
public sealed class ChatDesign : Design
{
    public ChatDesign()
    {
        Service("chat", () =>
        {
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

/// <summary>Server streaming over an HTTP WebSocket.</summary>
public sealed class LoggerDesign : Design
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

/// <summary>The guide's bidirectional logger variant.</summary>
public sealed class BidirectionalLoggerDesign : Design
{
    public BidirectionalLoggerDesign()
    {
        Service("logger", () =>
        {
            // Real-time inventory management with bidirectional streaming
            Method("subscribe", () =>
            {
                Description("Bidirectional stream for real-time log updates and topic management");

                // Client streams inventory updates
                StreamingPayload(() =>
                {
                    Field(1, "topic", String, "Topic of the log to subscribe to");
                    Required("topic");
                });

                // Server streams inventory status and alerts
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
