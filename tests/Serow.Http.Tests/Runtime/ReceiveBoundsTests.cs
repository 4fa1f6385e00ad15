// Licensed under the MIT license. See LICENSE in the project root.

using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Serow.Http.WebSockets;

namespace Serow.Http.Tests.Runtime;

/// <summary>
/// What a receiver holds is bounded by what it can use: a batch frame is decoded one message at a time (never a whole
/// array of a 4 MiB frame at once), and a large message does not keep its large buffer rented afterwards.
/// </summary>
public sealed class ReceiveBoundsTests
{
    [Fact]
    public void BatchFrame_IsDecodedOneMessageAtATime_AsFarAsTheReaderAsks()
    {
        // About 140,000 messages in 4 MiB, as a hostile peer could send in one frame.
        var frame = Encoding.UTF8.GetBytes("[" + string.Join(",", Enumerable.Range(0, 140_000).Select(i => $"{{\"text\":\"{i % 10}\"}}")) + "]");
        var type = SerowJson.TypeInfo<Note>(TestJsonContext.Default);
        var cursor = default(BatchCursor);

        var taken = new List<string?>();
        while (taken.Count < 16 && BatchFrames<Note>.TryReadNext(ref cursor, frame, type, out var note))
        {
            taken.Add(note.Text);
        }

        // Sixteen messages exist; the rest of the frame is untouched bytes, read on when the queue has room again.
        Assert.Equal(16, taken.Count);
        Assert.True(cursor.Consumed < 16 * 20, $"{cursor.Consumed} bytes consumed for 16 messages");
        var rest = 0;
        while (BatchFrames<Note>.TryReadNext(ref cursor, frame, type, out _))
        {
            rest++;
        }

        Assert.Equal(140_000 - 16, rest);
    }

    [Fact]
    public void BatchFrame_ThatIsNotOneArray_IsRefused()
    {
        var type = SerowJson.TypeInfo<Note>(TestJsonContext.Default);
        foreach (var text in new[] { "{\"text\":\"a\"}", "[{\"text\":\"a\"}][]", "[{\"text\":\"a\"},null]", "[{\"text\":\"a\"}" })
        {
            var cursor = default(BatchCursor);
            Assert.ThrowsAny<JsonException>(() =>
            {
                while (BatchFrames<Note>.TryReadNext(ref cursor, Encoding.UTF8.GetBytes(text), type, out _))
                {
                }
            });
        }
    }

    [Fact]
    public async Task LargeMessage_ItsBufferIsReturned_BeforeTheNextMessage()
    {
        var large = new byte[1024 * 1024];
        Array.Fill(large, (byte)'x');
        using var socket = new FakeSocket([large, "small"u8.ToArray()]);
        using var reader = new MessageReader(socket, 4 * 1024 * 1024);

        Assert.Equal(FrameKind.Text, await reader.ReadAsync(CancellationToken.None));
        Assert.Equal(large.Length, reader.Message.Length);
        Assert.Equal(FrameKind.Text, await reader.ReadAsync(CancellationToken.None));

        Assert.Equal("small", Encoding.UTF8.GetString(reader.Message.Span));
        Assert.True(reader.BufferSize <= 64 * 1024, $"{reader.BufferSize} bytes still rented after the large message");
    }

    [Fact]
    public async Task BetweenMessages_NoBufferIsHeld()
    {
        using var socket = new FakeSocket(["first"u8.ToArray(), "second"u8.ToArray()]);
        using var reader = new MessageReader(socket, 1024);

        Assert.Equal(FrameKind.Text, await reader.ReadAsync(CancellationToken.None));
        Assert.Equal("first", Encoding.UTF8.GetString(reader.Message.Span));

        // Waiting for the next message: a zero-byte receive, no rented buffer.
        var kind = reader.Complete(await reader.ReceiveAsync(CancellationToken.None));
        Assert.Equal(0, reader.BufferSize);
        Assert.Equal(FrameKind.Partial, kind);
        while (kind == FrameKind.Partial)
        {
            kind = reader.Complete(await reader.ReceiveAsync(CancellationToken.None));
        }

        Assert.Equal("second", Encoding.UTF8.GetString(reader.Message.Span));
    }

    /// <summary>A WebSocket that delivers given text messages in pieces of at most 16 KiB.</summary>
    private sealed class FakeSocket(IReadOnlyList<byte[]> messages) : WebSocket
    {
        private int _message;
        private int _offset;

        public override WebSocketCloseStatus? CloseStatus => null;

        public override string? CloseStatusDescription => null;

        public override WebSocketState State => WebSocketState.Open;

        public override string? SubProtocol => null;

        public override ValueTask<ValueWebSocketReceiveResult> ReceiveAsync(Memory<byte> buffer, CancellationToken cancellationToken)
        {
            var message = messages[_message];
            var count = Math.Min(Math.Min(buffer.Length, 16 * 1024), message.Length - _offset);
            message.AsSpan(_offset, count).CopyTo(buffer.Span);
            _offset += count;
            var end = _offset == message.Length;
            if (end)
            {
                _message++;
                _offset = 0;
            }

            return new ValueTask<ValueWebSocketReceiveResult>(new ValueWebSocketReceiveResult(count, WebSocketMessageType.Text, end));
        }

        public override Task<WebSocketReceiveResult> ReceiveAsync(ArraySegment<byte> buffer, CancellationToken cancellationToken) => throw new NotSupportedException();

        public override Task SendAsync(ArraySegment<byte> buffer, WebSocketMessageType messageType, bool endOfMessage, CancellationToken cancellationToken) => throw new NotSupportedException();

        public override Task CloseAsync(WebSocketCloseStatus closeStatus, string? statusDescription, CancellationToken cancellationToken) => Task.CompletedTask;

        public override Task CloseOutputAsync(WebSocketCloseStatus closeStatus, string? statusDescription, CancellationToken cancellationToken) => Task.CompletedTask;

        public override void Abort()
        {
        }

        public override void Dispose()
        {
        }
    }
}
