using Serow.Dsl;

namespace Streaming.Design;

// Server-side streaming, as the gRPC streaming seed defines it.
public sealed class MonitorDesign : Serow.Dsl.Design
{
    public MonitorDesign()
    {
        Service("monitor", () =>
        {
            // Serow serves the seed's method over both transports: gRPC as designed, and HTTP (a WebSocket at GET /monitor/watch).
            HTTP(() => { Path("/monitor"); });

            Method("watch", () =>
            {
                Description("Stream system metrics");

                Payload(() =>
                {
                    // Bounded: a day at most (a longer period overflows the server's timer), one second at least.
                    Field(1, "interval", Int, "Sampling interval in seconds", () =>
                    {
                        Minimum(1);
                        Maximum(86400);
                    });
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
