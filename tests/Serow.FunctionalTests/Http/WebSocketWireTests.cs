// Licensed under the MIT license. See LICENSE in the project root.

using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Serow.FunctionalTests.Conformance;
using Serow.Http.WebSockets;

namespace Serow.FunctionalTests.Http;

/// <summary>What a WebSocket peer that is not Serow's client sees on the wire of the conformance service.</summary>
public sealed class WebSocketWireTests
{
    [Theory]
    [InlineData(false, "{\"fail\":false}")]
    [InlineData(true, "[{\"value\":1},{\"fail\":false}]")]
    public async Task MessageWithoutARequiredNumber_IsRefusedAsRequired_NotReadAsZero(bool batched, string frame)
    {
        await using var host = await HttpTestHost.StartAsync(new ConformanceService());
        using var socket = new ClientWebSocket();
        if (batched)
        {
            socket.Options.AddSubProtocol(WebSocketProtocol.BatchSubprotocol);
        }

        await socket.ConnectAsync(new Uri($"ws://{host.Address.Authority}/conformance/sum"), Token()).DefaultTimeout();
        await socket.SendAsync(Encoding.UTF8.GetBytes(frame), WebSocketMessageType.Text, true, Token()).DefaultTimeout();

        var (error, status) = await ReadErrorAsync(socket);

        Assert.Equal((WebSocketCloseStatus)4400, status);
        Assert.Equal("invalid_message", error.GetProperty("name").GetString());
        var violation = Assert.Single(error.GetProperty("errors").EnumerateArray());
        Assert.Equal(("value", "required"), (violation.GetProperty("field").GetString(), violation.GetProperty("rule").GetString()));
    }

    private static async Task<(JsonElement Error, WebSocketCloseStatus? Status)> ReadErrorAsync(ClientWebSocket socket)
    {
        var buffer = new byte[64 * 1024];
        JsonElement? error = null;
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer, Token()).DefaultTimeout();
            if (result.MessageType == WebSocketMessageType.Close)
            {
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "closed", Token()).DefaultTimeout();
                return (error ?? throw new InvalidOperationException("no error frame before the close"), socket.CloseStatus);
            }

            using var document = JsonDocument.Parse(buffer.AsMemory(0, result.Count));
            if (document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty(WebSocketProtocol.ErrorProperty, out var body))
            {
                error = body.Clone();
            }
        }
    }

    private static CancellationToken Token() => new CancellationTokenSource(TestTimeouts.Default).Token;
}
