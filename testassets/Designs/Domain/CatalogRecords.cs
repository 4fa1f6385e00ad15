// Licensed under the MIT license. See LICENSE in the project root.

namespace Serow.TestDesigns.Domain;

/// <summary>A user's own type the language design converts its Item to and from (ConvertTo, CreateFrom).</summary>
public sealed class StockRecord
{
    public required string Sku { get; set; }

    public string ChangedBy { get; set; } = string.Empty;

    public int Revision { get; set; }

    public string[]? Tags { get; set; }

    public Dictionary<string, double>? Prices { get; set; }

    public AuditRecord? Audit { get; set; }

    /// <summary>Not in the design: left alone by ConvertTo.</summary>
    public string? Warehouse { get; set; }
}

/// <summary>A user's own audit entry, for the nested conversion of an item's audit.</summary>
public sealed class AuditRecord
{
    public string? ChangedBy { get; set; }

    public int? Revision { get; set; }
}
