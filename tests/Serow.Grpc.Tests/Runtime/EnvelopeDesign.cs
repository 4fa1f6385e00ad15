// Licensed under the MIT license. See LICENSE in the project root.

namespace Serow.Grpc.Tests.Runtime;

/// <summary>A method with a one-shot payload and a client stream: its request stream is the envelope (payload first, then messages).</summary>
public sealed class EnvelopeDesign : Serow.Dsl.Design
{
    public EnvelopeDesign()
    {
        API("envelope", () => Title("envelope"));
        Service("vault", () =>
        {
            GRPC(() => { });
            Method("upload", () =>
            {
                Description("Stores the chunks under a name; answers each chunk with the bytes received so far.");
                Payload(() =>
                {
                    Field(1, "name", String, () => MinLength(1));
                    Required("name");
                });
                StreamingPayload(Bytes);
                StreamingResult(() =>
                {
                    Field(1, "name", String);
                    Field(2, "received", Int64);
                    Required("name", "received");
                });
            });
        });
    }
}
