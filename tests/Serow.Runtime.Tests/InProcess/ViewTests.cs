// Licensed under the MIT license. See LICENSE in the project root.

using Serow.Streaming;
using Serow.Runtime.Tests.Support;
using Serow.Validation;

namespace Serow.Runtime.Tests.InProcess;

public sealed class ViewTests
{
    private static readonly StreamContract<Item, Item> Viewed = new()
    {
        Views = ["default", "full", "tiny"],
        CanSetView = true,
        Project = (item, view) => view switch
        {
            "tiny" => item with { Text = string.Empty, Detail = null },
            "default" => item with { Detail = null },
            _ => item,
        },
        ValidateOutgoing = Rules.ValidateItemInView,
        Service = "catalog",
        Method = "watch",
    };

    [Fact]
    public async Task View_NotSet_DefaultViewProjectsEachResult()
    {
        await using var client = Streams.Start<Item, Item>((server, token) => server.SendAsync(new Item(1, "a", "d"), token).AsTask(), Viewed);

        Assert.Equal(new Item(1, "a"), await client.RecvAsync().Within());
        Assert.Equal("default", client.View);
    }

    [Fact]
    public async Task SetView_KnownView_ProjectsResultsAndClientSeesView()
    {
        await using var client = Streams.Start<Item, Item>(
            async (server, token) =>
            {
                await server.SetViewAsync("tiny", token);
                await server.SendAsync(new Item(1, "a", "d"), token);
                await server.SendAsync(new Item(2, "b", "e"), token);
            },
            Viewed);

        Assert.Equal(new Item(1), await client.RecvAsync().Within());
        Assert.Equal(new Item(2), await client.RecvAsync().Within());
        Assert.Equal("tiny", client.View);
    }

    [Fact]
    public async Task SetView_Full_ClientValidatesAgainstThatView()
    {
        await using var client = Streams.Start<Item, Item>(
            async (server, token) =>
            {
                await server.SetViewAsync("full", token);
                await server.SendAsync(new Item(1, "a"), token);
            },
            Viewed);

        var error = await Assert.ThrowsAsync<ValidationException>(() => client.RecvAsync().Within());
        Assert.Equal("detail", Assert.Single(error.Errors).Field);
    }

    [Fact]
    public async Task SetView_UnknownView_ThrowsArgumentNamingKnownViews()
    {
        var observed = new TaskCompletionSource<Exception?>();
        await using var client = Streams.Start<Item, Item>(
            async (server, token) => observed.SetResult(await Streams.CaptureAsync(() => server.SetViewAsync("huge", token).AsTask())),
            Viewed);

        var error = Assert.IsType<ArgumentException>(await observed.Task.Within());
        Assert.Contains("huge", error.Message, StringComparison.Ordinal);
        Assert.Contains("\"default\", \"full\", \"tiny\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SetView_AfterFirstSend_ThrowsInvalidOperation()
    {
        var observed = new TaskCompletionSource<Exception?>();
        await using var client = Streams.Start<Item, Item>(
            async (server, token) =>
            {
                await server.SendAsync(new Item(1), token);
                observed.SetResult(await Streams.CaptureAsync(() => server.SetViewAsync("full", token).AsTask()));
            },
            Viewed);

        Assert.IsType<InvalidOperationException>(await observed.Task.Within());
        Assert.Equal("default", client.View);
    }

    [Fact]
    public async Task SetView_WhenDesignPinsView_ThrowsInvalidOperation()
    {
        var pinned = new StreamContract<Item, Item> { Views = ["default", "tiny"], DefaultView = "tiny", CanSetView = false };
        var observed = new TaskCompletionSource<Exception?>();
        await using var client = Streams.Start<Item, Item>(
            async (server, token) => observed.SetResult(await Streams.CaptureAsync(() => server.SetViewAsync("default", token).AsTask())),
            pinned);

        Assert.IsType<InvalidOperationException>(await observed.Task.Within());
        Assert.Equal("tiny", client.View);
    }

    [Fact]
    public async Task SendAndClose_WithView_ResultIsProjected()
    {
        await using var client = Streams.Start<Item, Item>(
            async (server, token) =>
            {
                await server.SetViewAsync("tiny", token);
                await server.SendAndCloseAsync(new Item(5, "x", "y"), token);
            },
            Viewed);

        Assert.Equal(new Item(5), await client.CloseAndRecvAsync().Within());
        Assert.Equal("tiny", client.View);
    }

    [Fact]
    public async Task ServerStream_ViewProperty_ReflectsChosenView()
    {
        var seen = new TaskCompletionSource<string>();
        await using var client = Streams.Start<NoMessage, Item>(
            async (server, token) =>
            {
                await server.SetViewAsync("full", token);
                seen.SetResult(server.View);
            },
            new StreamContract<NoMessage, Item> { Views = ["default", "full"], CanSetView = true });

        Assert.Equal("full", await seen.Task.Within());
    }
}
