// Licensed under the MIT license. See LICENSE in the project root.

using Language;
using Serow.TestDesigns.Domain;

namespace Serow.FunctionalTests.Language;

/// <summary>ConvertTo and CreateFrom: the generated conversions between a design type and the user's own types.</summary>
public sealed class ConversionTests
{
    [Fact]
    public void ConvertTo_CopiesEveryMatchingProperty_NestedTypesWithTheirOwnConversion()
    {
        var item = new Item
        {
            ChangedBy = "ada",
            Sku = "ABC-1",
            Tags = ["new", "sale"],
            Prices = new() { ["EUR"] = 2.5 },
            Audit = new Audited { ChangedBy = "bo", Revision = 3 },
        };

        var record = item.ConvertToStockRecord();

        Assert.Equal(("ABC-1", "ada", 0), (record.Sku, record.ChangedBy, record.Revision));
        Assert.Equal(["new", "sale"], record.Tags!);
        Assert.Equal(2.5, record.Prices!["EUR"]);
        Assert.Equal(("bo", 3), (record.Audit!.ChangedBy, record.Audit.Revision));
        Assert.Null(record.Warehouse);
    }

    [Fact]
    public void CreateFrom_BuildsAValidDesignValue_FromTheUsersType()
    {
        var record = new StockRecord { Sku = "XYZ-9", ChangedBy = "cy", Revision = 7, Tags = ["one"], Audit = new AuditRecord { ChangedBy = "dee" }, Warehouse = "north" };

        var item = Item.CreateFromStockRecord(record);

        Assert.Equal(("XYZ-9", "cy", 7), (item.Sku, item.ChangedBy, item.Revision));
        Assert.Equal(["one"], item.Tags);
        Assert.Equal(("dee", (int?)null), (item.Audit!.ChangedBy, item.Audit.Revision));
        item.Validate();
    }

    [Fact]
    public void CreateFrom_ANullWhereTheDesignRequiresAValue_IsReportedByValidation()
    {
        var audit = Audited.CreateFromAuditRecord(new AuditRecord { ChangedBy = null });

        var error = Assert.Throws<global::Serow.Validation.ValidationException>(audit.Validate);
        Assert.Contains(error.Errors, e => e.Field == "changed_by" && e.Rule == "required");
    }
}
