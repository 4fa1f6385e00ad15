// Licensed under the MIT license. See LICENSE in the project root.

using Serow.Dsl;

namespace Serow.TestDesigns;

/// <summary>Client streaming with a final result (the seed's analytics.process) and without one.</summary>
public sealed class ClientStreamingDesign : Serow.Dsl.Design
{
    public ClientStreamingDesign()
    {
        API("client_streaming", () => Title("client_streaming"));
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
                GRPC(() => Response(CodeOK));
            });
            Method("record", () =>
            {
                Description("Records numbers; no final result.");
                StreamingPayload(Int32);
            });
        });
    }
}
