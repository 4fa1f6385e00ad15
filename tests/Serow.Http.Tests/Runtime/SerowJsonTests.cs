// Licensed under the MIT license. See LICENSE in the project root.

using System.Text.Json;
using System.Text.Json.Serialization;

namespace Serow.Http.Tests.Runtime;

/// <summary>The JSON settings of the HTTP transport over a generated context.</summary>
public sealed class SerowJsonTests
{
    [Fact]
    public void Reading_ReportsNoMissingRequiredProperty_SoThatValidationCanListEveryViolation()
    {
        var info = SerowJson.TypeInfo<Ticket>(TicketJsonContext.Default);

        var ticket = JsonSerializer.Deserialize("{}", info)!;

        Assert.Null(ticket.Title);
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize("{}", TicketJsonContext.Default.Ticket));
    }

    [Fact]
    public void ForWriting_IsTheContextsOwnMetadata_AndWritesTheSameJson()
    {
        var info = SerowJson.TypeInfo<Ticket>(TicketJsonContext.Default);
        var ticket = new Ticket { Title = "<café & \"quotes\">", Seats = null };

        var writer = SerowJson.ForWriting(info);

        Assert.Same(TicketJsonContext.Default.Ticket, writer);
        Assert.Equal(JsonSerializer.Serialize(ticket, info), JsonSerializer.Serialize(ticket, writer));
        Assert.Equal("""{"title":"\u003Ccaf\u00E9 \u0026 \u0022quotes\u0022\u003E"}""", JsonSerializer.Serialize(ticket, writer));
    }

    [Fact]
    public void ForWriting_KeepsMetadataItDoesNotKnow()
    {
        var info = TicketJsonContext.Default.Ticket;

        Assert.Same(info, SerowJson.ForWriting(info));
    }
}

public sealed class Ticket
{
    [JsonPropertyName("title")]
    public required string? Title { get; set; }

    [JsonPropertyName("seats")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Seats { get; set; }
}

[JsonSerializable(typeof(Ticket))]
internal sealed partial class TicketJsonContext : JsonSerializerContext;
