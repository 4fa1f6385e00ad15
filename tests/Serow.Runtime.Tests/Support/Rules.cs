// Licensed under the MIT license. See LICENSE in the project root.

using Serow.Streaming;
using Serow.Validation;

namespace Serow.Runtime.Tests.Support;

/// <summary>Contracts and validators shared by the stream tests.</summary>
public static class Rules
{
    public static void ValidateItem(Item item, ValidationReport report) =>
        report.Minimum(ValidationReport.Member(string.Empty, "number"), item.Number, 0);

    public static void ValidateItemInView(Item item, string view, ValidationReport report)
    {
        ValidateItem(item, report);
        if (view == "full")
        {
            report.Required(ValidationReport.Member(string.Empty, "detail"), item.Detail);
        }
    }

    public static StreamContract<Item, Item> Validated { get; } = new()
    {
        ValidateIncoming = ValidateItem,
        ValidateOutgoing = ValidateItemInView,
        Service = "test",
        Method = "echo",
    };

    public static StreamContract<NoMessage, Item> ServerValidated { get; } = new()
    {
        ValidateOutgoing = ValidateItemInView,
        Service = "test",
        Method = "watch",
    };

    public static StreamContract<Item, NoMessage> ClientValidated { get; } = new()
    {
        ValidateIncoming = ValidateItem,
        Service = "test",
        Method = "upload",
    };
}
