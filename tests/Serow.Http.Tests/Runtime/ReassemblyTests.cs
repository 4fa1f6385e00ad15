// Licensed under the MIT license. See LICENSE in the project root.

using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Serow.Http.WebSockets;
using Serow.InProcess;

namespace Serow.Http.Tests.Runtime;

/// <summary>Messages larger than a read buffer, or sent as several WebSocket fragments, arrive whole on both sides.</summary>
public sealed class ReassemblyTests
{
    private static readonly WebSocketContract<Note, Note> Contract = new()
    {
        Stream = new StreamContract<Note, Note> { Service = "test", Method = "notes" },
        In = SerowJson.TypeInfo<Note>(TestJsonContext.Default),
        Out = SerowJson.TypeInfo<Note>(TestJsonContext.Default),
    };

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
        var call = await WebSocketClientCall<Note, Note>.ConnectAsync(http, new HttpRequestBuilder("GET", "notes/echo"), Contract, ErrorsOf, new SerowHttpClientOptions(), Timeouts.Token());
        await using var stream = new WebSocketClientStream<Note, Note>(call);
        var text = new string('g', 20_000);

        await stream.SendAsync(new Note { Text = text }, Timeouts.Token());
        var echo = await stream.RecvAsync(Timeouts.Token());

        Assert.Equal("echo: " + text, echo?.Text);
    }

    private static ServiceError ErrorsOf(string name, string message, bool temporary, bool timeout, bool fault) =>
        new(name, message, temporary, timeout, fault);

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
