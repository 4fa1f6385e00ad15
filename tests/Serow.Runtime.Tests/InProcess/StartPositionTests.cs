// Licensed under the MIT license. See LICENSE in the project root.

using Serow.Runtime.Tests.Support;
using Serow.Streaming;

namespace Serow.Runtime.Tests.InProcess;

/// <summary>The core's rules for <c>StartAfterAsync</c>, the start position of a resumable stream (the wire forms are tested per transport).</summary>
public sealed class StartPositionTests
{
    private static readonly StreamContract<Item, Item> Viewed = new()
    {
        Views = ["default", "tiny"],
        CanSetView = true,
        Project = (item, view) => view == "tiny" ? item with { Text = string.Empty, Detail = null } : item,
        Service = "feed",
        Method = "follow",
    };

    [Fact]
    public async Task StartAfter_OpensTheStream_ResultsFollowInTheChosenView()
    {
        await using var client = Streams.Start<Item, Item>(
            async (server, token) =>
            {
                await server.SetViewAsync("tiny", token);
                await server.StartAfterAsync("41", token);
                await server.SendAsync(new Item(42, "a"), token);
            },
            Viewed);

        Assert.Equal(new Item(42), await client.RecvAsync().Within());
        Assert.Equal("tiny", client.View);
    }

    [Fact]
    public async Task StartAfter_AfterTheFirstSend_ThrowsInvalidOperation()
    {
        var observed = new TaskCompletionSource<Exception?>();
        await using var client = Streams.Start<Item, Item>(
            async (server, token) =>
            {
                await server.SendAsync(new Item(1), token);
                observed.SetResult(await Streams.CaptureAsync(() => server.StartAfterAsync("1", token).AsTask()));
            });

        var error = Assert.IsType<InvalidOperationException>(await observed.Task.Within());
        Assert.Contains("before the stream opens", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SetView_AfterStartAfter_ThrowsInvalidOperation_TheStreamHasOpened()
    {
        var observed = new TaskCompletionSource<Exception?>();
        await using var client = Streams.Start<Item, Item>(
            async (server, token) =>
            {
                await server.StartAfterAsync("7", token);
                observed.SetResult(await Streams.CaptureAsync(() => server.SetViewAsync("tiny", token).AsTask()));
            },
            Viewed);

        Assert.IsType<InvalidOperationException>(await observed.Task.Within());
    }

    [Theory]
    [InlineData("")]
    [InlineData("4\n2")]
    [InlineData("4\r2")]
    [InlineData("4\02")]
    public async Task StartAfter_APositionNoTransportCanCarry_ThrowsArgument_AndTheStreamStaysUsable(string position)
    {
        var observed = new TaskCompletionSource<Exception?>();
        await using var client = Streams.Start<Item, Item>(
            async (server, token) =>
            {
                observed.SetResult(await Streams.CaptureAsync(() => server.StartAfterAsync(position, token).AsTask()));
                await server.SendAsync(new Item(1, "a"), token);
            });

        Assert.IsAssignableFrom<ArgumentException>(await observed.Task.Within());
        Assert.Equal(new Item(1, "a"), await client.RecvAsync().Within());
    }
}
