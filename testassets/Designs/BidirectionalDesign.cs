// Licensed under the MIT license. See LICENSE in the project root.

using Serow.Dsl;

namespace Serow.TestDesigns;

/// <summary>Bidirectional streaming: the seed's chat.connect.</summary>
public sealed class BidirectionalDesign : Serow.Dsl.Design
{
    public BidirectionalDesign()
    {
        API("bidirectional", () => Title("bidirectional"));
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
                GRPC(() => Response(CodeOK));
            });
        });
    }
}
