// Licensed under the MIT license. See LICENSE in the project root.

using System.Buffers;
using System.IO.Pipelines;
using System.Net.ServerSentEvents;
using System.Text;
using Serow.Http.ServerSentEvents.Internal;

namespace Serow.Http.Tests.Sse;

/// <summary>The events a server call writes: built by <see cref="SseEvents"/>, handed over by <see cref="SseEventSource{T}"/> to .NET's formatter, copied into the response pipe.</summary>
public sealed class SseEventWritingTests
{
    private static readonly Action<SseItem<ReadOnlyMemory<byte>>, IBufferWriter<byte>> Copy = static (item, writer) => writer.Write(item.Data.Span);

    [Theory]
    [InlineData(null, null, null, "x", "data: x\n\n")]
    [InlineData("1", "tick", 3000L, "x", "event: tick\ndata: x\nid: 1\nretry: 3000\n\n")]
    [InlineData(null, "", 0L, "", "data: \n\n")]
    [InlineData("", null, null, "x", "data: x\nid: \n\n")]
    [InlineData(null, null, null, "a\r\nb\rc\nd", "data: a\ndata: b\ndata: c\ndata: d\n\n")]
    [InlineData(null, null, null, "é ✓", "data: é ✓\n\n")]
    public async Task Events_FollowTheEventStreamFormat(string? id, string? type, long? retry, string data, string expected)
    {
        var pipe = new Pipe();
        var events = new SseEventSource<ReadOnlyMemory<byte>>();
        var formatting = events.StartAsync(new PipeCopyStream(pipe.Writer), Copy);

        var written = events.WriteAsync(SseEvents.Create(Encoding.UTF8.GetBytes(data), id, type, retry));

        // Written on the caller's thread before the send returns: nothing waits.
        Assert.True(written.IsCompletedSuccessfully);
        Assert.Equal(expected, await ReadWrittenAsync(pipe));
        events.Complete();
        await formatting;
    }

    [Fact]
    public async Task Events_WrittenInARow_FollowOneAnother_AndCompleteEndsTheFormatter()
    {
        var pipe = new Pipe();
        var events = new SseEventSource<ReadOnlyMemory<byte>>();
        var formatting = events.StartAsync(new PipeCopyStream(pipe.Writer), Copy);

        for (var i = 0; i < 3; i++)
        {
            await events.WriteAsync(SseEvents.Create(Encoding.UTF8.GetBytes($"{{\"n\":{i}}}"), i.ToString(System.Globalization.CultureInfo.InvariantCulture), null, null));
        }

        events.Complete();
        await formatting.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("data: {\"n\":0}\nid: 0\n\ndata: {\"n\":1}\nid: 1\n\ndata: {\"n\":2}\nid: 2\n\n", await ReadWrittenAsync(pipe));
    }

    [Fact]
    public async Task AFailingFormatter_FailsTheSend_AndEverySendAfterIt()
    {
        var events = new SseEventSource<ReadOnlyMemory<byte>>();
        var formatting = events.StartAsync(new PipeCopyStream(new Pipe().Writer), static (_, _) => throw new InvalidOperationException("cannot format"));

        var first = await Assert.ThrowsAsync<IOException>(async () => await events.WriteAsync(SseEvents.Create("x"u8.ToArray(), null, null, null)));
        var second = await Assert.ThrowsAsync<IOException>(async () => await events.WriteAsync(SseEvents.Create("y"u8.ToArray(), null, null, null)));

        Assert.IsType<InvalidOperationException>(first.InnerException);
        Assert.IsType<InvalidOperationException>(second.InnerException);
        await Assert.ThrowsAsync<InvalidOperationException>(() => formatting);
    }

    [Theory]
    [InlineData("a\nb", null)]
    [InlineData(null, "a\rb")]
    public void LineBreakInIdOrType_Throws_NamingTheField(string? id, string? type)
    {
        var e = Assert.Throws<ArgumentException>(() => SseEvents.Create("x"u8.ToArray(), id, type, null));

        Assert.Contains(id is null ? "event type" : "event id", e.Message, StringComparison.Ordinal);
    }

    private static async Task<string> ReadWrittenAsync(Pipe pipe)
    {
        await pipe.Writer.FlushAsync();
        var read = await pipe.Reader.ReadAsync();
        var text = Encoding.UTF8.GetString(read.Buffer);
        pipe.Reader.AdvanceTo(read.Buffer.End);
        return text;
    }
}
