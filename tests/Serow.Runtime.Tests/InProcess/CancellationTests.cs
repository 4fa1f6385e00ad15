// Licensed under the MIT license. See LICENSE in the project root.

using Serow.Runtime.Tests.Support;
using Serow.Streaming;

namespace Serow.Runtime.Tests.InProcess;

public sealed class CancellationTests
{
    [Fact]
    public async Task CallToken_CancelledByClient_ServerTokenFiresAndClientSeesCancellation()
    {
        using var cts = new CancellationTokenSource();
        var serverCancelled = new TaskCompletionSource();
        var started = new TaskCompletionSource();
        await using var client = Streams.Start<NoMessage, Item>(
            async (server, token) =>
            {
                token.Register(() => serverCancelled.TrySetResult());
                await server.SendAsync(new Item(1), token);
                started.SetResult();
                await Task.Delay(Timeout.Infinite, token);
            },
            cancellationToken: cts.Token);

        await started.Task.Within();
        await cts.CancelAsync();

        await serverCancelled.Task.Within();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.RecvAsync().Within());
        Assert.True(client.Exposed.IsAborted);
    }

    [Fact]
    public async Task Dispose_BeforeCompletion_ServerPendingRecvThrowsCanceled()
    {
        var observed = new TaskCompletionSource<Exception?>();
        var started = new TaskCompletionSource();
        var client = Streams.Start<Item, Item>(async (server, token) =>
        {
            started.SetResult();
            observed.SetResult(await Streams.CaptureAsync(() => server.RecvAsync(token).AsTask()));
        });

        await started.Task.Within();
        await client.DisposeAsync().Within();

        Assert.IsAssignableFrom<OperationCanceledException>(await observed.Task.Within());
        Assert.True(client.Exposed.ServerToken.IsCancellationRequested);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.RecvAsync().Within());
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.SendAsync(new Item(1)).Within());
    }

    [Fact]
    public async Task Dispose_ServerBlockedOnBackpressure_ServerSendThrowsCanceled()
    {
        var observed = new TaskCompletionSource<Exception?>();
        var client = Streams.Start<NoMessage, Item>(
            async (server, token) => observed.SetResult(await Streams.CaptureAsync(async () =>
            {
                for (var i = 0; ; i++)
                {
                    await server.SendAsync(new Item(i), token);
                }
            })),
            capacity: 1);

        Assert.NotNull(await client.RecvAsync().Within());
        await client.DisposeAsync().Within();

        Assert.IsAssignableFrom<OperationCanceledException>(await observed.Task.Within());
    }

    [Fact]
    public async Task Dispose_Twice_IsIdempotentAndWaitsForHandler()
    {
        var handlerDone = false;
        var started = new TaskCompletionSource();
        var client = Streams.Start<Item, Item>(async (server, token) =>
        {
            started.SetResult();
            try
            {
                await Task.Delay(Timeout.Infinite, token);
            }
            finally
            {
                handlerDone = true;
            }
        });

        await started.Task.Within();
        await client.DisposeAsync().Within();
        Assert.True(handlerDone);
        await client.DisposeAsync().Within();
        Assert.True(client.Exposed.Completion.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task Dispose_AfterCompletion_DoesNotCancelServer()
    {
        var client = Streams.Start<NoMessage, Item>((server, token) => server.SendAsync(new Item(1), token).AsTask());

        await client.Exposed.Completion.Within();
        await client.DisposeAsync().Within();

        Assert.False(client.Exposed.IsAborted);
        Assert.False(client.Exposed.ServerToken.IsCancellationRequested);
    }

    [Fact]
    public async Task ClientRecvToken_CancelledWhilePending_AbortsCall()
    {
        var serverCancelled = new TaskCompletionSource();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var client = Streams.Start<NoMessage, Item>(async (server, token) =>
        {
            token.Register(() => serverCancelled.TrySetResult());
            started.TrySetResult();
            await Task.Delay(Timeout.Infinite, token);
        });

        // A call aborted before its handler starts never runs it: cancel only once the handler is running.
        await started.Task.Within();
        using var cts = new CancellationTokenSource();
        var pending = client.RecvAsync(cts.Token).AsTask();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pending.Within());
        await serverCancelled.Task.Within();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.RecvAsync().Within());
    }

    [Fact]
    public async Task ClientSendToken_CancelledWhileBlocked_AbortsCall()
    {
        await using var client = Streams.Start<Item, Item>(
            (_, token) => Task.Delay(Timeout.Infinite, token),
            capacity: 1);

        await client.SendAsync(new Item(1)).Within();
        using var cts = new CancellationTokenSource();
        var blocked = client.SendAsync(new Item(2), cts.Token).AsTask();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => blocked.Within());
        await client.Exposed.Completion.Within();
        Assert.True(client.Exposed.IsAborted);
    }

    [Fact]
    public async Task ServerOperationToken_Cancelled_ClientSeesCancellation()
    {
        await using var client = Streams.Start<Item, Item>(async (server, _) =>
        {
            using var cts = new CancellationTokenSource();
            var pending = server.RecvAsync(cts.Token).AsTask();
            await cts.CancelAsync();
            await pending;
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.RecvAsync().Within());
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.CloseAndRecvAsync().Within());
    }

    [Fact]
    public async Task CallToken_AlreadyCancelled_HandlerDoesNotRunAndClientSeesCancellation()
    {
        var ran = false;
        await using var client = Streams.Start<NoMessage, Item>(
            (_, _) =>
            {
                ran = true;
                return Task.CompletedTask;
            },
            cancellationToken: new CancellationToken(canceled: true));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.RecvAsync().Within());
        await client.Exposed.Completion.Within();
        Assert.False(ran);
    }

    [Fact]
    public async Task AwaitForeach_TokenCancelled_ThrowsCanceled()
    {
        using var cts = new CancellationTokenSource();
        await using var client = Streams.Start<NoMessage, Item>(async (server, token) =>
        {
            await server.SendAsync(new Item(1), token);
            await Task.Delay(Timeout.Infinite, token);
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var item in client.WithCancellation(cts.Token))
            {
                await cts.CancelAsync();
            }
        }).Within();
    }

    [Fact]
    public async Task CloseAsync_TokenCancelledWhileWaitingForHandler_ThrowsCanceled()
    {
        await using var client = Streams.Start<Item, NoMessage>((_, token) => Task.Delay(Timeout.Infinite, token));

        using var cts = new CancellationTokenSource();
        var closing = client.CloseAsync(cts.Token).AsTask();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => closing.Within());
        await client.Exposed.Completion.Within();
    }
}
