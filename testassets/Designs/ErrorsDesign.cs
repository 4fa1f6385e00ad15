// Licensed under the MIT license. See LICENSE in the project root.

using Serow.Dsl;

namespace Serow.TestDesigns;

/// <summary>Errors at API, service and method level, with flags.</summary>
public sealed class ErrorsDesign : Serow.Dsl.Design
{
    public ErrorsDesign()
    {
        API("errors", () => Error("unauthorized", () => Description("The caller is not authenticated.")));
        Service("vault", () =>
        {
            Error("unavailable", () =>
            {
                Description("The vault is sealed; retry later.");
                Temporary();
            });
            Method("open", () =>
            {
                Error("not_found");
                Error("slow", () =>
                {
                    Timeout();
                    Fault();
                });
                Payload(String);
                Result(Bytes);
            });
        });
    }
}
