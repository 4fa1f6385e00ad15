// Licensed under the MIT license. See LICENSE in the project root.

using System.Text;
using System.Text.Json;
using Serow.Http.Internal;

namespace Serow.Http.Tests.Runtime;

public sealed class RentedBufferWriterTests
{
    [Fact]
    public void FirstWrite_GetsABufferLargeEnough_AndGrowsAcrossWrites()
    {
        var buffer = new RentedBufferWriter();

        Assert.True(buffer.GetSpan().Length >= 1);
        Assert.True(buffer.GetMemory(10_000).Length >= 10_000);

        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("text", new string('x', 5_000));
            json.WriteEndObject();
        }

        var written = Encoding.UTF8.GetString(buffer.WrittenMemory.Span);
        Assert.Equal("{\"text\":\"" + new string('x', 5_000) + "\"}", written);
    }

    [Fact]
    public void Release_ForgetsTheMessage_AndTheNextOneStartsEmpty()
    {
        var buffer = new RentedBufferWriter();
        "abc"u8.CopyTo(buffer.GetSpan(3));
        buffer.Advance(3);

        buffer.Release();

        Assert.Equal(0, buffer.WrittenMemory.Length);
        "de"u8.CopyTo(buffer.GetSpan(2));
        buffer.Advance(2);
        Assert.Equal("de", Encoding.UTF8.GetString(buffer.WrittenMemory.Span));
    }
}
