// Licensed under the MIT license. See LICENSE in the project root.

using Serow.Dsl;

namespace BrokenDesign;

/// <summary>
/// A design with exactly three mistakes; each mistake's line ends with a marker comment naming the expected error,
/// which the CLI tests look for to check the reported line numbers.
/// </summary>
public sealed class BrokenApi : Design
{
    /// <summary>Declares the broken design.</summary>
    public BrokenApi()
    {
        API("broken", () => Title("A design with mistakes"));

        Service("chat", () =>
        {
            Method("talk", () =>
            {
                StreamingPayload(() => { Attribute("text", String); }); // expect: SEROW018
                StreamingResult(() => { Field(1, "reply", String); });
                GRPC(() => { Response(CodeOK); });
            });

            Method("greet", () =>
            {
                Payload(() =>
                {
                    Attribute("name", String);
                    Required("missing"); // expect: SEROW004
                });
                Result(String);
            });

            Method("watch", () =>
            {
                StreamingResult(() => { Attribute("event", String); });
                HTTP(() => { POST("/x"); }); // expect: SEROW024
            });
        });
    }
}
