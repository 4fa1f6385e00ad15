// Licensed under the MIT license. See LICENSE in the project root.

using System.Text;
using Serow.Http.WebSockets;

namespace Serow.Http.Tests.Runtime;

/// <summary>The WebSocket position frame (docs/protocol-websocket.md, Resuming): written as one JSON object, read back only in that shape.</summary>
public sealed class PositionFrameTests
{
    [Theory]
    [InlineData("1733500000000-3")]
    [InlineData("a \"quoted\" \\ position")]
    [InlineData("ünïcode ✓")]
    public void PositionFrame_RoundTrips(string position)
    {
        var frame = WebSocketProtocol.PositionFrame(position);

        Assert.True(WebSocketProtocol.IsPositionFrame(frame));
        Assert.False(WebSocketProtocol.IsErrorFrame(frame));
        Assert.Equal(position, WebSocketProtocol.ParsePositionFrame(frame));
    }

    [Fact]
    public void PositionFrame_IsTheSinglePropertyObject()
    {
        Assert.Equal("{\"$serow.position\":\"41\"}", Encoding.UTF8.GetString(WebSocketProtocol.PositionFrame("41")));
    }

    [Theory]
    [InlineData("{\"$serow.position\":41}")]
    [InlineData("{\"$serow.position\":\"41\",\"other\":1}")]
    [InlineData("{\"$serow.position\":\"41\"")]
    [InlineData("{\"$serow.position\":null}")]
    public void ParsePositionFrame_AnythingElse_IsNull(string frame)
    {
        Assert.True(WebSocketProtocol.IsPositionFrame(Encoding.UTF8.GetBytes(frame)));
        Assert.Null(WebSocketProtocol.ParsePositionFrame(Encoding.UTF8.GetBytes(frame)));
    }

    [Fact]
    public void A_result_is_never_a_position_frame()
    {
        Assert.False(WebSocketProtocol.IsPositionFrame("{\"position\":\"41\",\"seq\":1}"u8));
    }
}
