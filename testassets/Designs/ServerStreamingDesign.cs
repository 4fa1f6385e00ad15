// Licensed under the MIT license. See LICENSE in the project root.

using Serow.Dsl;

namespace Serow.TestDesigns;

/// <summary>Server streaming: the seed's monitor.watch.</summary>
public sealed class ServerStreamingDesign : Serow.Dsl.Design
{
    public ServerStreamingDesign()
    {
        API("server_streaming", () => Title("server_streaming"));
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
                GRPC(() => Response(CodeOK));
            });
        });
    }
}
