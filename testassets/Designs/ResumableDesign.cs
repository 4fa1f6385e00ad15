// Licensed under the MIT license. See LICENSE in the project root.

using Serow.Dsl;

namespace Serow.TestDesigns;

/// <summary>
/// Resumable server streams: a price feed whose results carry their position, served over gRPC, a WebSocket and
/// Server-Sent Events, so that a client cut off by a dropped connection or a stopping host resumes where it was.
/// </summary>
public sealed class ResumableDesign : Serow.Dsl.Design
{
    public ResumableDesign()
    {
        var query = Type("TickQuery", () =>
        {
            Description("Which ticks to stream.");
            Field(1, "symbol", String, "The symbol.", () => Pattern("^[A-Z]{1,8}$"));
            Field(2, "after", String, "Resume after this tick's position.");
            Field(3, "drop_after", Int, "Drop the connection after this many ticks (a test hook).");
            Required("symbol");
        });
        var tick = Type("PriceTick", () =>
        {
            Description("One tick of the feed.");
            Field(1, "position", String, "Where the tick sits in the feed.");
            Field(2, "seq", Int64, "The tick's number.");
            Field(3, "price", Float64, "The price.", () => Minimum(0));
            Required("position", "seq", "price");
        });

        Service("ticker", () =>
        {
            Description("Price ticks of a symbol, resumable after any tick.");
            GRPC(() => { });

            Method("follow", () =>
            {
                Description("Streams the ticks of a symbol over a WebSocket (HTTP) or gRPC.");
                Payload(query);
                StreamingResult(tick);
                Resumable("position", "after");
                HTTP(() =>
                {
                    GET("/ticker/{symbol}/follow");
                    Param("drop_after");
                });
            });

            Method("events", () =>
            {
                Description("Streams the ticks of a symbol as Server-Sent Events.");
                Payload(query);
                StreamingResult(tick);
                Resumable("position", "after");
                HTTP(() =>
                {
                    GET("/ticker/{symbol}/events");
                    Param("drop_after");
                    ServerSentEvents();
                });
            });
        });
    }
}
