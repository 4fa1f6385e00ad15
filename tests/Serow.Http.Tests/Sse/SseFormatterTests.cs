// Licensed under the MIT license. See LICENSE in the project root.

using System.Buffers;
using System.Text;
using Serow.Http.ServerSentEvents;

namespace Serow.Http.Tests.Sse;

public sealed class SseFormatterTests
{
    [Theory]
    [InlineData(null, null, null, "x", "data: x\n\n")]
    [InlineData("1", "tick", 3000L, "x", "id: 1\nevent: tick\nretry: 3000\ndata: x\n\n")]
    [InlineData("", "", 0L, "", "id: \ndata: \n\n")]
    [InlineData(null, null, null, "a\r\nb\rc\nd", "data: a\ndata: b\ndata: c\ndata: d\n\n")]
    [InlineData(null, null, null, "end\n", "data: end\ndata: \n\n")]
    [InlineData(null, null, null, "é ✓", "data: é ✓\n\n")]
    public void WriteEvent_FollowsTheEventStreamFormat(string? id, string? type, long? retry, string data, string expected)
    {
        var buffer = new ArrayBufferWriter<byte>();

        SseFormatter.WriteEvent(buffer, id, type, retry, data);

        Assert.Equal(expected, Encoding.UTF8.GetString(buffer.WrittenSpan));
    }

    [Theory]
    [InlineData("a\nb", null)]
    [InlineData(null, "a\rb")]
    public void WriteEvent_LineBreakInIdOrType_Throws(string? id, string? type)
    {
        Assert.Throws<ArgumentException>(() => SseFormatter.WriteEvent(new ArrayBufferWriter<byte>(), id, type, null, "x"));
    }
}
