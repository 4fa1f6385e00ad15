// Licensed under the MIT license. See LICENSE in the project root.

using Serow.Dsl;

namespace Serow.TestDesigns;

/// <summary>Unary methods in every shape: payload and result, neither, result only, primitive payload only.</summary>
public sealed class UnaryDesign : Serow.Dsl.Design
{
    public UnaryDesign()
    {
        API("unary", () => Description("Unary methods."));
        Service("calc", () =>
        {
            Description("A calculator.");
            Method("add", () =>
            {
                Description("Adds two numbers.");
                Payload(() =>
                {
                    Field(1, "a", Int, "Left operand");
                    Field(2, "b", Int, "Right operand");
                    Required("a", "b");
                });
                Result(Int64);
            });
            Method("reset", () => Description("Resets the calculator."));
            Method("version", () => Result(String, "The calculator's version."));
            Method("store", () => Payload(String, () => MinLength(1)));
        });
    }
}
