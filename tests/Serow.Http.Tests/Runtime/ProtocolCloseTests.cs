// Licensed under the MIT license. See LICENSE in the project root.

using System.Net.Sockets;
using System.Text;

namespace Serow.Http.Tests.Runtime;

/// <summary>
/// A peer that breaks the protocol gets the close code that says why (1007 undecodable JSON, 1002 an unmasked frame,
/// 1003 binary), and the close handshake completes before the connection goes: it is never overtaken by a reset.
/// Checked over raw TCP, many times, because the race it guards against showed about once in a hundred.
/// </summary>
public sealed class ProtocolCloseTests
{
    private const int Rounds = 40;

    [Theory]
    [InlineData("invalid JSON", 1007)]
    [InlineData("unmasked", 1002)]
    [InlineData("binary", 1003)]
    public async Task BrokenFrame_TheCloseCodeArrives_AndTheConnectionEndsWithoutAReset(string kind, int expected)
    {
        await using var server = await TestServer.StartAsync();
        for (var round = 0; round < Rounds; round++)
        {
            using var tcp = new TcpClient();
            await tcp.ConnectAsync(server.Address.Host, server.Address.Port, Timeouts.Token());
            var stream = tcp.GetStream();
            await UpgradeAsync(stream, server);

            var payload = kind == "invalid JSON" ? Encoding.UTF8.GetBytes("{\"text\":") : Encoding.UTF8.GetBytes("{\"text\":\"a\"}");
            await stream.WriteAsync(Frame(kind == "binary" ? 0x2 : 0x1, payload, masked: kind != "unmasked"), Timeouts.Token());

            // The server's frames until its close: maybe an error frame, then the close with the code.
            var close = await ReadUntilCloseAsync(stream);
            Assert.True(close == expected, $"round {round}: close {close}, expected {expected}");

            // Answer the close as a client does, then the server ends the TCP connection: a clean end of stream.
            await stream.WriteAsync(Frame(0x8, [(byte)(expected >> 8), (byte)(expected & 0xFF)], masked: true), Timeouts.Token());
            var end = await ReadToEndAsync(stream);
            Assert.True(end is null, $"round {round}: {end}");
        }
    }

    private static async Task UpgradeAsync(NetworkStream stream, TestServer server)
    {
        var handshake = $"GET /notes/echo HTTP/1.1\r\nHost: {server.Address.Authority}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
            "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(handshake), Timeouts.Token());
        var header = new List<byte>();
        var one = new byte[1];
        while (!(header.Count >= 4 && header[^4] == '\r' && header[^3] == '\n' && header[^2] == '\r' && header[^1] == '\n'))
        {
            Assert.Equal(1, await stream.ReadAsync(one, Timeouts.Token()));
            header.Add(one[0]);
        }

        Assert.StartsWith("HTTP/1.1 101", Encoding.ASCII.GetString(header.ToArray()), StringComparison.Ordinal);
    }

    /// <summary>Reads frames until the server's close frame; returns its code.</summary>
    private static async Task<int> ReadUntilCloseAsync(NetworkStream stream)
    {
        while (true)
        {
            var head = await ReadExactlyAsync(stream, 2);
            var opcode = head[0] & 0x0F;
            long length = head[1] & 0x7F;
            if (length == 126)
            {
                var extended = await ReadExactlyAsync(stream, 2);
                length = (extended[0] << 8) | extended[1];
            }
            else if (length == 127)
            {
                var extended = await ReadExactlyAsync(stream, 8);
                length = BitConverter.ToInt64(extended.Reverse().ToArray());
            }

            var body = await ReadExactlyAsync(stream, (int)length);
            if (opcode == 0x8)
            {
                return body.Length >= 2 ? (body[0] << 8) | body[1] : 1005;
            }
        }
    }

    /// <summary>Reads until the server closes the connection: null for a clean end, a description for a reset or a timeout.</summary>
    private static async Task<string?> ReadToEndAsync(NetworkStream stream)
    {
        var buffer = new byte[1024];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            while (await stream.ReadAsync(buffer, timeout.Token) > 0)
            {
            }

            return null;
        }
        catch (IOException e) when (e.InnerException is SocketException socket)
        {
            return $"the connection ended with {socket.SocketErrorCode}";
        }
        catch (OperationCanceledException)
        {
            return "the server did not end the connection within 10 s";
        }
    }

    private static async Task<byte[]> ReadExactlyAsync(NetworkStream stream, int count)
    {
        var buffer = new byte[count];
        await stream.ReadExactlyAsync(buffer, Timeouts.Token());
        return buffer;
    }

    private static byte[] Frame(int opcode, byte[] payload, bool masked)
    {
        var frame = new List<byte> { (byte)(0x80 | opcode), (byte)((masked ? 0x80 : 0) | payload.Length) };
        byte[] mask = [0x12, 0x34, 0x56, 0x78];
        if (masked)
        {
            frame.AddRange(mask);
        }

        frame.AddRange(payload.Select((b, i) => masked ? (byte)(b ^ mask[i % 4]) : b));
        return [.. frame];
    }
}
