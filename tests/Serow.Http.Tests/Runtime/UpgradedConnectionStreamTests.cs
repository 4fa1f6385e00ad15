// Licensed under the MIT license. See LICENSE in the project root.

using Serow.Http.WebSockets.Internal;

namespace Serow.Http.Tests.Runtime;

/// <summary>Write gathering of the server's upgraded WebSocket connection, against a connection that records each write.</summary>
public sealed class UpgradedConnectionStreamTests
{
    [Fact]
    public async Task FramesWrittenInARow_ReachTheConnectionTogether_InOrder()
    {
        // The connection holds the first write back: every frame sent meanwhile follows in the next one.
        var connection = new RecordingStream { Blocked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously) };
        var stream = new UpgradedConnectionStream(connection, gatherWrites: true);

        for (var i = 0; i < 50; i++)
        {
            await stream.WriteAsync(new[] { (byte)i });
        }

        connection.Blocked.SetResult();
        await stream.FlushAsync();

        Assert.InRange(connection.Writes.Count, 1, 2);
        Assert.Equal(Enumerable.Range(0, 50).Select(i => (byte)i), connection.Writes.SelectMany(w => w));
    }

    [Fact]
    public async Task AQueuedWrite_RunsOnceTheSenderYields()
    {
        var connection = new RecordingStream();
        var stream = new UpgradedConnectionStream(connection, gatherWrites: true);

        await stream.WriteAsync(new byte[] { 1, 2, 3 });
        await connection.WaitForWritesAsync(1);

        Assert.Equal([1, 2, 3], Assert.Single(connection.Writes));
    }

    [Fact]
    public async Task TheFirstFrameAfterAnArrivedMessage_IsWrittenAtOnce()
    {
        var connection = new RecordingStream { Incoming = [9] };
        var stream = new UpgradedConnectionStream(connection, gatherWrites: true);

        // A read alone marks nothing (the receive loop says when a message arrived).
        Assert.Equal(1, await stream.ReadAsync(new byte[4]));
        stream.ReplyNext();
        var reply = stream.WriteAsync(new byte[] { 7 });

        Assert.True(reply.IsCompleted);
        Assert.Equal([7], Assert.Single(connection.Writes));
    }

    [Fact]
    public async Task AFrameWrittenNow_ReachesTheConnectionBeforeTheCallReturns()
    {
        var connection = new RecordingStream();
        var stream = new UpgradedConnectionStream(connection, gatherWrites: true);

        // A batch frame its writer gathered and flushes itself: no write of the connection's own is queued for it.
        var batch = stream.WriteTextFrameAsync("[1,2]"u8, now: true);

        Assert.True(batch.IsCompleted);
        Assert.Equal(new byte[] { 0x81, 5, (byte)'[', (byte)'1', (byte)',', (byte)'2', (byte)']' }, Assert.Single(connection.Writes));
        await batch;
        await stream.FlushAsync();
        Assert.Single(connection.Writes);
    }

    [Fact]
    public async Task ASenderPastTheLimit_WaitsForAConnectionThatDoesNotTakeTheBytes()
    {
        var connection = new RecordingStream { Blocked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously) };
        var stream = new UpgradedConnectionStream(connection, gatherWrites: true);
        var frame = new byte[1024];

        var sent = 0;
        ValueTask last = default;
        while (sent < 2 * UpgradedConnectionStream.Limit / frame.Length)
        {
            last = stream.WriteAsync(frame);
            sent++;
            if (!last.IsCompleted)
            {
                break;
            }
        }

        // A write to the connection may have taken some frames before the limit was reached.
        Assert.False(last.IsCompleted);
        Assert.InRange(sent, UpgradedConnectionStream.Limit / frame.Length, 2 * UpgradedConnectionStream.Limit / frame.Length - 1);
        connection.Blocked.SetResult();
        await last;
        await stream.FlushAsync();
        Assert.Equal(sent * frame.Length, connection.Writes.Sum(w => w.Length));
    }

    [Fact]
    public async Task AFailedWrite_FailsTheNextSendAndTheFinish()
    {
        var connection = new RecordingStream { Failure = new IOException("reset") };
        var stream = new UpgradedConnectionStream(connection, gatherWrites: true);

        await stream.WriteAsync(new byte[] { 1 });
        await Assert.ThrowsAsync<IOException>(() => stream.FlushAsync());

        await Assert.ThrowsAsync<IOException>(async () => await stream.WriteAsync(new byte[] { 2 }));
        Assert.False(await stream.FinishAsync(TimeSpan.FromSeconds(5)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(125)]
    [InlineData(126)]
    [InlineData(65_535)]
    [InlineData(65_536)]
    [InlineData(300_000)]
    public async Task TextFramesWrittenDirectly_AreReadByAStandardWebSocketClient(int length)
    {
        var connection = new RecordingStream();
        var stream = new UpgradedConnectionStream(connection, gatherWrites: true);
        var payload = Enumerable.Range(0, length).Select(i => (byte)('a' + i % 26)).ToArray();

        await stream.WriteTextFrameAsync(payload);
        await stream.WriteTextFrameAsync("{}"u8);
        await stream.FlushAsync();

        using var client = System.Net.WebSockets.WebSocket.CreateFromStream(
            new MemoryStream(connection.Writes.SelectMany(w => w).ToArray()), new System.Net.WebSockets.WebSocketCreationOptions { IsServer = false });
        Assert.Equal(payload, await ReadMessageAsync(client));
        Assert.Equal("{}"u8.ToArray(), await ReadMessageAsync(client));
    }

    private static async Task<byte[]> ReadMessageAsync(System.Net.WebSockets.WebSocket socket)
    {
        var message = new MemoryStream();
        var buffer = new byte[8192];
        System.Net.WebSockets.ValueWebSocketReceiveResult result;
        do
        {
            result = await socket.ReceiveAsync(buffer.AsMemory(), CancellationToken.None);
            Assert.Equal(System.Net.WebSockets.WebSocketMessageType.Text, result.MessageType);
            message.Write(buffer, 0, result.Count);
        }
        while (!result.EndOfMessage);
        return message.ToArray();
    }

    [Fact]
    public async Task WithoutGathering_EachWriteGoesStraightThrough()
    {
        var connection = new RecordingStream();
        var stream = new UpgradedConnectionStream(connection, gatherWrites: false);

        await stream.WriteAsync(new byte[] { 1 });
        await stream.WriteAsync(new byte[] { 2 });

        Assert.Equal(2, connection.Writes.Count);
    }

    /// <summary>A connection that records the bytes of each write, can hold writes back, and fails them on request.</summary>
    private sealed class RecordingStream : Stream
    {
        private readonly SemaphoreSlim _written = new(0);

        public List<byte[]> Writes { get; } = [];

        public byte[] Incoming { get; init; } = [];

        public TaskCompletionSource? Blocked { get; init; }

        public Exception? Failure { get; init; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public async Task WaitForWritesAsync(int count)
        {
            for (var i = 0; i < count; i++)
            {
                Assert.True(await _written.WaitAsync(TimeSpan.FromSeconds(10)));
            }
        }

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (Failure is not null)
            {
                throw Failure;
            }

            var copy = buffer.ToArray();
            if (Blocked is not null)
            {
                await Blocked.Task.WaitAsync(cancellationToken);
            }

            lock (Writes)
            {
                Writes.Add(copy);
            }

            _written.Release();
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Incoming.CopyTo(buffer);
            return ValueTask.FromResult(Incoming.Length);
        }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
