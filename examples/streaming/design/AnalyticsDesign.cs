using Serow.Dsl;

namespace Streaming.Design;

// Client-side streaming, as the gRPC streaming seed defines it.
public sealed class AnalyticsDesign : Serow.Dsl.Design
{
    public AnalyticsDesign()
    {
        Service("analytics", () =>
        {
            // Also over HTTP: a WebSocket at GET /analytics/process.
            HTTP(() => { Path("/analytics"); });

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
