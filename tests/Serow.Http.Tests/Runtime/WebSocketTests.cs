// Licensed under the MIT license. See LICENSE in the project root.

using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using Serow.Http;
using Serow.Http.WebSockets;

namespace Serow.Http.Tests.Runtime;

/// <summary>The WebSocket protocol seen from an independent peer: a raw ClientWebSocket (or a raw TCP socket) against the runtime.</summary>
public sealed class WebSocketTests
{
    [Fact]
    public async Task HalfClose_ServerKeepsSendingThenClosesNormally()
    {
        await using var server = await TestServer.StartAsync();
        using var socket = await ConnectAsync(server, "notes/echo");

        await SendTextAsync(socket, "{\"text\":\"hi\"}");
        Assert.Equal("{\"text\":\"echo: hi\"}", (await ReceiveAsync(socket)).Text);
        await SendTextAsync(socket, "null");

        Assert.Equal("{\"text\":\"bye\"}", (await ReceiveAsync(socket)).Text);
        var close = await ReceiveAsync(socket);
        Assert.Equal(WebSocketCloseStatus.NormalClosure, close.Status);
    }

    [Theory]
    [InlineData(WebSocketCloseStatus.NormalClosure)]
    [InlineData(WebSocketCloseStatus.EndpointUnavailable)]
    public async Task CloseFrame_StopsTheCall_TheServerAnswersAtOnce_AndCancelsTheHandler(WebSocketCloseStatus status)
    {
        await using var server = await TestServer.StartAsync();
        using var socket = await ConnectAsync(server, "notes/wait");
        Assert.Equal("{\"text\":\"ready\"}", (await ReceiveAsync(socket)).Text);

        // A standard client's close is "stop", not "end of input": the server answers it with its own close frame.
        var closing = System.Diagnostics.Stopwatch.StartNew();
        await socket.CloseAsync(status, "stop", Timeouts.Token());
        closing.Stop();

        Assert.Equal(WebSocketState.Closed, socket.State);
        Assert.Equal(status, socket.CloseStatus);
        Assert.True(await server.HandlerCancelled.Task.DefaultTimeout());
        Assert.True(closing.Elapsed < TimeSpan.FromSeconds(5), $"the close took {closing.Elapsed}");
    }

    [Fact]
    public async Task NullFrame_EndsInput_AsGoaClientsSendIt()
    {
        await using var server = await TestServer.StartAsync();
        using var socket = await ConnectAsync(server, "notes/echo");

        await SendTextAsync(socket, "null");

        Assert.Equal("{\"text\":\"bye\"}", (await ReceiveAsync(socket)).Text);
        Assert.Equal(WebSocketCloseStatus.NormalClosure, (await ReceiveAsync(socket)).Status);
    }

    [Fact]
    public async Task ErrorBeforeStreaming_IsAnHttpErrorWithTheErrorHeader()
    {
        await using var server = await TestServer.StartAsync();
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;

        await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(server.WebSocketAddress("notes/refuse"), Timeouts.Token()));

        Assert.Equal(418, (int)socket.HttpStatusCode);
        var body = HttpErrors.TryParse(Uri.UnescapeDataString(socket.HttpResponseHeaders![HttpErrors.HeaderName].Single()))!;
        Assert.Equal(("teapot", "refused before streaming"), (body.Name, body.Message));
    }

    [Fact]
    public async Task ErrorAfterStreaming_SendsErrorFrameThenErrorCloseCode()
    {
        await using var server = await TestServer.StartAsync();
        using var socket = await ConnectAsync(server, "notes/fail");

        Assert.Equal("{\"text\":\"one\"}", (await ReceiveAsync(socket)).Text);
        var frame = await ReceiveAsync(socket);
        var close = await ReceiveAsync(socket);

        Assert.StartsWith("{\"$serow.error\":", frame.Text, StringComparison.Ordinal);
        Assert.Contains("failed after streaming", frame.Text, StringComparison.Ordinal);
        Assert.Equal((WebSocketCloseStatus)4418, close.Status);
        Assert.Equal("teapot", close.Reason);
    }

    [Fact]
    public async Task InvalidMessage_FailsTheCallWithItsViolations()
    {
        await using var server = await TestServer.StartAsync();
        using var socket = await ConnectAsync(server, "notes/echo");

        await SendTextAsync(socket, "{\"count\":1}");
        var frame = await ReceiveAsync(socket);
        var close = await ReceiveAsync(socket);

        Assert.Contains("\"rule\":\"required\"", frame.Text, StringComparison.Ordinal);
        Assert.Equal((WebSocketCloseStatus)4400, close.Status);
    }

    [Fact]
    public async Task OversizedMessage_Closes1009()
    {
        await using var server = await TestServer.StartAsync(o => o.MaxMessageSize = 1024);
        using var socket = await ConnectAsync(server, "notes/echo");

        await SendTextAsync(socket, "{\"text\":\"" + new string('x', 4096) + "\"}");

        var close = await ReceiveUntilCloseAsync(socket);
        Assert.Equal(WebSocketCloseStatus.MessageTooBig, close.Status);
        Assert.Contains("1024", close.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvalidJson_Closes1007_AndTheServerKeepsServing()
    {
        await using var server = await TestServer.StartAsync();
        using (var socket = await ConnectAsync(server, "notes/echo"))
        {
            await SendTextAsync(socket, "{not json");

            var close = await ReceiveUntilCloseAsync(socket);
            Assert.Equal(WebSocketCloseStatus.InvalidPayloadData, close.Status);
            Assert.Contains("invalid JSON", close.Reason, StringComparison.Ordinal);
        }

        using var next = await ConnectAsync(server, "notes/echo");
        await SendTextAsync(next, "{\"text\":\"still there\"}");
        Assert.Equal("{\"text\":\"echo: still there\"}", (await ReceiveAsync(next)).Text);
    }

    [Fact]
    public async Task BinaryFrame_Closes1003()
    {
        await using var server = await TestServer.StartAsync();
        using var socket = await ConnectAsync(server, "notes/echo");

        await socket.SendAsync("{}"u8.ToArray(), WebSocketMessageType.Binary, true, Timeouts.Token());

        var close = await ReceiveUntilCloseAsync(socket);
        Assert.Equal(WebSocketCloseStatus.InvalidMessageType, close.Status);
        Assert.Contains("binary", close.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CrossOriginUpgrade_IsRefusedWith403()
    {
        await using var server = await TestServer.StartAsync();
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        socket.Options.SetRequestHeader("Origin", "https://elsewhere.example");

        await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(server.WebSocketAddress("notes/echo"), Timeouts.Token()));

        Assert.Equal(HttpStatusCode.Forbidden, socket.HttpStatusCode);
        Assert.Equal(0, server.Started);
    }

    [Fact]
    public async Task DnsRebindingPage_WhoseHostMatchesItsOrigin_IsRefusedWith403()
    {
        await using var server = await TestServer.StartAsync();
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;

        // A page of rebind.example, whose name the attacker pointed at the server's address: Host and Origin agree.
        var authority = $"rebind.example:{server.Address.Port}";
        socket.Options.SetRequestHeader("Host", authority);
        socket.Options.SetRequestHeader("Origin", "http://" + authority);

        await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(server.WebSocketAddress("notes/echo"), Timeouts.Token()));

        Assert.Equal(HttpStatusCode.Forbidden, socket.HttpStatusCode);
        Assert.Equal(0, server.Started);
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("localhost")]
    public async Task PageOfTheServersOwnAddress_IsAccepted(string host)
    {
        await using var server = await TestServer.StartAsync();
        using var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Origin", $"http://{host}:{server.Address.Port}");

        await socket.ConnectAsync(server.WebSocketAddress("notes/echo"), Timeouts.Token());

        Assert.Equal(WebSocketState.Open, socket.State);
    }

    [Fact]
    public async Task AllowedOrigin_IsAccepted()
    {
        await using var server = await TestServer.StartAsync(o => o.AllowedOrigins.Add("https://app.example"));
        using var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Origin", "https://app.example");

        await socket.ConnectAsync(server.WebSocketAddress("notes/echo"), Timeouts.Token());

        Assert.Equal(WebSocketState.Open, socket.State);
    }

    [Fact]
    public async Task ClientDisconnect_CancelsTheHandlersToken()
    {
        await using var server = await TestServer.StartAsync();
        var socket = await ConnectAsync(server, "notes/wait");
        Assert.Equal("{\"text\":\"ready\"}", (await ReceiveAsync(socket)).Text);

        socket.Abort();
        socket.Dispose();

        Assert.True(await server.HandlerCancelled.Task.DefaultTimeout());
    }

    [Fact]
    public async Task KeepAlive_ServerPingsAtTheIntervalAndDropsAPeerThatNeverAnswers()
    {
        await using var server = await TestServer.StartAsync(o =>
        {
            o.KeepAliveInterval = TimeSpan.FromMilliseconds(200);
            o.KeepAliveTimeout = TimeSpan.FromMilliseconds(500);
        });
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(server.Address.Host, server.Address.Port, Timeouts.Token());
        var stream = tcp.GetStream();
        var handshake = $"GET /notes/wait HTTP/1.1\r\nHost: {server.Address.Authority}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
            "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(handshake), Timeouts.Token());

        // Read raw bytes (never answering pings) until the server gives up on the connection.
        var received = new List<byte>();
        var buffer = new byte[4096];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer, timeout.Token)) > 0)
            {
                received.AddRange(buffer.AsSpan(0, read).ToArray());
            }
        }
        catch (IOException)
        {
            // The server resets the connection of a peer that missed its pongs.
        }

        var text = Encoding.ASCII.GetString(received.ToArray());
        Assert.StartsWith("HTTP/1.1 101", text, StringComparison.Ordinal);
        var frames = received.Skip(text.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4).ToArray();
        Assert.Contains((byte)0x89, frames); // a ping frame (FIN + opcode 9)
        Assert.True(await server.HandlerCancelled.Task.DefaultTimeout());
    }

    private static async Task<ClientWebSocket> ConnectAsync(TestServer server, string path)
    {
        var socket = new ClientWebSocket();
        await socket.ConnectAsync(server.WebSocketAddress(path), Timeouts.Token());
        return socket;
    }

    private static Task SendTextAsync(WebSocket socket, string text) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, Timeouts.Token());

    private static async Task<(string Text, WebSocketCloseStatus? Status, string? Reason)> ReceiveAsync(WebSocket socket)
    {
        var buffer = new byte[64 * 1024];
        var length = 0;
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer.AsMemory(length), Timeouts.Token());
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return (string.Empty, socket.CloseStatus, socket.CloseStatusDescription);
            }

            length += result.Count;
            if (result.EndOfMessage)
            {
                return (Encoding.UTF8.GetString(buffer, 0, length), null, null);
            }
        }
    }

    private static async Task<(string Text, WebSocketCloseStatus? Status, string? Reason)> ReceiveUntilCloseAsync(WebSocket socket)
    {
        for (var i = 0; i < 10; i++)
        {
            var frame = await ReceiveAsync(socket);
            if (frame.Status is not null)
            {
                return frame;
            }
        }

        throw new InvalidOperationException("no close frame after 10 frames");
    }
}
