// Licensed under the MIT license. See LICENSE in the project root.

using Serow.Dsl;

namespace Serow.TestDesigns;

/// <summary>Every validation rule, on top-level, nested, array and map values.</summary>
public sealed class ValidationDesign : Serow.Dsl.Design
{
    public ValidationDesign()
    {
        API("validation", () => Title("validation"));
        var address = Type("Address", () =>
        {
            Description("A postal address.");
            Attribute("street", String, () => MinLength(1));
            Attribute("zip", String, () => Pattern("^[0-9]{5}$"));
            Required("street", "zip");
        });
        Service("people", () =>
        {
            Method("register", () =>
            {
                Payload(() =>
                {
                    Attribute("name", String, "Full name", () =>
                    {
                        MinLength(2);
                        MaxLength(50);
                    });
                    Attribute("email", String, () => Format(FormatEmail));
                    Attribute("id", String, () => Format(FormatUUID));
                    Attribute("born", String, () => Format(FormatDate));
                    Attribute("role", String, () =>
                    {
                        Enum("admin", "user");
                        Default("user");
                    });
                    Attribute("age", Int, () =>
                    {
                        Minimum(0);
                        Maximum(150);
                    });
                    Attribute("score", Float64, () =>
                    {
                        ExclusiveMinimum(0);
                        ExclusiveMaximum(1);
                    });
                    Attribute("tags", ArrayOf(String, () => MaxLength(10)), () => MaxLength(3));
                    Attribute("home", address);
                    Attribute("previous", ArrayOf(address));
                    Attribute("labels", MapOf(String, Int));
                    Attribute("active", Boolean, () => Default(true));
                    Required("name", "email", "age");
                });
                Result(String);
            });
        });
    }
}
