// Licensed under the MIT license. See LICENSE in the project root.

using Serow.Streaming;
using Serow.Runtime.Tests.Support;
using Serow.Validation;

namespace Serow.Runtime.Tests.InProcess;

public sealed class ServerStreamingTests
{
    [Fact]
    public async Task ServerStream_ManyResults_ArriveInOrderThenEndOfStream()
    {
        await using var client = Streams.Start<NoMessage, Item>(async (server, token) =>
        {
            for (var i = 0; i < 100; i++)
            {
                await server.SendAsync(new Item(i), token);
            }

            await server.CloseAsync(token);
        });

        var received = new List<int>();
        await foreach (var item in client.WithCancellation(TestContext.Current.CancellationToken))
        {
            received.Add(item.Number);
        }

        Assert.Equal(Enumerable.Range(0, 100), received);
        Assert.Null(await client.RecvAsync().Within());
    }

    [Fact]
    public async Task ServerStream_HandlerReturnsWithoutClose_ClientSeesEndOfStream()
    {
        await using var client = Streams.Start<NoMessage, Item>(async (server, token) =>
            await server.SendAsync(new Item(1), token));

        Assert.Equal(new Item(1), await client.RecvAsync().Within());
        Assert.Null(await client.RecvAsync().Within());
        Assert.Null(await client.RecvAsync().Within());
    }

    [Fact]
    public async Task ServerStream_CustomErrorAtStart_ClientReceivesSameSubclass()
    {
        var error = new NotFoundError("no such feed");
        await using var client = Streams.Start<NoMessage, Item>((_, _) => throw error);

        var thrown = await Assert.ThrowsAsync<NotFoundError>(() => client.RecvAsync().Within());
        Assert.Same(error, thrown);
        Assert.Equal("not_found", thrown.Name);
    }

    [Fact]
    public async Task ServerStream_CustomErrorMidStream_EarlierResultsArriveFirst()
    {
        await using var client = Streams.Start<NoMessage, Item>(async (server, token) =>
        {
            await server.SendAsync(new Item(1), token);
            await server.SendAsync(new Item(2), token);
            throw new NotFoundError("gone");
        });

        Assert.Equal(1, (await client.RecvAsync().Within())!.Number);
        Assert.Equal(2, (await client.RecvAsync().Within())!.Number);
        await Assert.ThrowsAsync<NotFoundError>(() => client.RecvAsync().Within());
        await Assert.ThrowsAsync<NotFoundError>(() => client.RecvAsync().Within());
    }

    [Fact]
    public async Task ServerStream_CustomErrorMidStream_AwaitForeachThrowsIt()
    {
        await using var client = Streams.Start<NoMessage, Item>(async (server, token) =>
        {
            await server.SendAsync(new Item(1), token);
            throw new NotFoundError("gone");
        });

        var received = new List<int>();
        await Assert.ThrowsAsync<NotFoundError>(async () =>
        {
            await foreach (var item in client.WithCancellation(TestContext.Current.CancellationToken))
            {
                received.Add(item.Number);
            }
        }).Within();
        Assert.Equal([1], received);
    }

    [Fact]
    public async Task ServerStream_UnexpectedException_ClientReceivesInternalFault()
    {
        var bug = new InvalidCastException("bug");
        await using var client = Streams.Start<NoMessage, Item>((_, _) => throw bug);

        var thrown = await Assert.ThrowsAsync<ServiceError>(() => client.RecvAsync().Within());
        Assert.Equal(ServiceError.InternalName, thrown.Name);
        Assert.True(thrown.Fault);
        Assert.Same(bug, thrown.InnerException);
        Assert.DoesNotContain("bug", thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ServerStream_ValidationExceptionFromHandler_DeliveredAsIs()
    {
        var invalid = new ValidationException([new ValidationError("id", "required", "field \"id\" is required")]);
        await using var client = Streams.Start<NoMessage, Item>((_, _) => throw invalid);

        Assert.Same(invalid, await Assert.ThrowsAsync<ValidationException>(() => client.RecvAsync().Within()));
    }

    [Fact]
    public async Task ServerStream_SendAfterClose_ThrowsInvalidOperation()
    {
        var observed = new TaskCompletionSource<Exception?>();
        await using var client = Streams.Start<NoMessage, Item>(async (server, token) =>
        {
            await server.CloseAsync(token);
            observed.SetResult(await Streams.CaptureAsync(() => server.SendAsync(new Item(1), token).AsTask()));
        });

        Assert.IsType<InvalidOperationException>(await observed.Task.Within());
        Assert.Null(await client.RecvAsync().Within());
    }

    [Fact]
    public async Task ServerStream_SendNull_ThrowsArgumentNull()
    {
        var observed = new TaskCompletionSource<Exception?>();
        await using var client = Streams.Start<NoMessage, Item>(async (server, token) =>
            observed.SetResult(await Streams.CaptureAsync(() => server.SendAsync(null!, token).AsTask())));

        Assert.IsType<ArgumentNullException>(await observed.Task.Within());
    }

    [Fact]
    public async Task ServerStream_InvalidResult_ClientThrowsValidationAndStreamStaysUsable()
    {
        await using var client = Streams.Start<NoMessage, Item>(
            async (server, token) =>
            {
                await server.SendAsync(new Item(1), token);
                await server.SendAsync(new Item(-5), token);
                await server.SendAsync(new Item(3), token);
            },
            Rules.ServerValidated);

        Assert.Equal(1, (await client.RecvAsync().Within())!.Number);
        var invalid = await Assert.ThrowsAsync<ValidationException>(() => client.RecvAsync().Within());
        var error = Assert.Single(invalid.Errors);
        Assert.Equal("number", error.Field);
        Assert.Equal("minimum", error.Rule);
        Assert.Equal(3, (await client.RecvAsync().Within())!.Number);
        Assert.Null(await client.RecvAsync().Within());
    }

    [Fact]
    public async Task ServerStream_ConcurrentClientRecv_SecondThrowsInvalidOperation()
    {
        var release = new TaskCompletionSource();
        await using var client = Streams.Start<NoMessage, Item>(async (server, token) =>
        {
            await release.Task.WaitAsync(token);
            await server.SendAsync(new Item(1), token);
        });

        var first = client.RecvAsync().AsTask();
        await Assert.ThrowsAsync<InvalidOperationException>(() => client.RecvAsync().Within());
        release.SetResult();
        Assert.Equal(1, (await first.Within())!.Number);
    }

    [Fact]
    public async Task ServerStream_ConcurrentServerSends_AllDeliveredOnce()
    {
        await using var client = Streams.Start<NoMessage, Item>(async (server, token) =>
            await Task.WhenAll(Enumerable.Range(0, 8).Select(t => Task.Run(
                async () =>
                {
                    for (var i = 0; i < 50; i++)
                    {
                        await server.SendAsync(new Item((t * 50) + i), token);
                    }
                },
                token))),
            capacity: 4);

        var received = new List<int>();
        while (await client.RecvAsync().Within() is { } item)
        {
            received.Add(item.Number);
        }

        Assert.Equal(Enumerable.Range(0, 400), received.Order());
    }

    [Fact]
    public async Task ServerStream_SendAfterHandlerReturned_ThrowsInvalidOperation()
    {
        ServerStream<NoMessage, Item>? leaked = null;
        await using var client = Streams.Start<NoMessage, Item>((server, _) =>
        {
            leaked = server;
            return Task.CompletedTask;
        });

        await client.Exposed.Completion.Within();
        await Assert.ThrowsAsync<InvalidOperationException>(() => leaked!.SendAsync(new Item(1)).Within());
    }

    [Fact]
    public async Task ServerStream_HandlerThrowsAfterClose_ClientStillSeesEndOfStream()
    {
        await using var client = Streams.Start<NoMessage, Item>(async (server, token) =>
        {
            await server.SendAsync(new Item(1), token);
            await server.CloseAsync(token);
            throw new NotFoundError("after close");
        });

        await client.Exposed.Completion.Within();
        Assert.NotNull(await client.RecvAsync().Within());
        Assert.Null(await client.RecvAsync().Within());
    }
}
