// Licensed under the MIT license. See LICENSE in the project root.

using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace Serow.Http.Tests.Runtime;

/// <summary>Messages larger than a read buffer, or sent as several WebSocket fragments, arrive whole on both sides.</summary>
public sealed class ReassemblyTests
{
    [Fact]
    public async Task Server_ReassemblesAMessageSentInFragments_LargerThanItsReadBuffer()
    {
        await using var server = await TestServer.StartAsync();
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(server.WebSocketAddress("notes/echo"), Timeouts.Token());
        var text = new string('f', 10_000);
        var bytes = Encoding.UTF8.GetBytes("{\"text\":\"" + text + "\"}");

        // Three fragments of one text message: the second and third are continuation frames.
        foreach (var (start, end) in new[] { (0, 3_000), (3_000, 9_000), (9_000, bytes.Length) })
        {
            await socket.SendAsync(bytes.AsMemory(start, end - start), WebSocketMessageType.Text, end == bytes.Length, Timeouts.Token());
        }

        var echo = await ReceiveNoteAsync(socket);
        Assert.Equal("echo: " + text, echo.Text);
    }

    [Fact]
    public async Task Client_ReassemblesAResultLargerThanItsReadBuffer()
    {
        await using var server = await TestServer.StartAsync();
        using var http = new HttpClient { BaseAddress = server.Address };
        await using var stream = await NoteClient.ConnectAsync(http, "notes/echo", new SerowHttpClientOptions());
        var text = new string('g', 20_000);

        await stream.SendAsync(new Note { Text = text }, Timeouts.Token());
        var echo = await stream.RecvAsync(Timeouts.Token());

        Assert.Equal("echo: " + text, echo?.Text);
    }

    private static async Task<Note> ReceiveNoteAsync(WebSocket socket)
    {
        var buffer = new byte[64 * 1024];
        var length = 0;
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer.AsMemory(length), Timeouts.Token());
            Assert.Equal(WebSocketMessageType.Text, result.MessageType);
            length += result.Count;
            if (result.EndOfMessage)
            {
                return JsonSerializer.Deserialize(buffer.AsSpan(0, length), TestJsonContext.Default.Note)!;
            }
        }
    }
}
