// Licensed under the MIT license. See LICENSE in the project root.

using Serow.InProcess;
using Serow.Streaming;
using Serow.Runtime.Tests.Support;
using Serow.Validation;

namespace Serow.Runtime.Tests.InProcess;

public sealed class BidirectionalTests
{
    private static async Task EchoAsync(ServerStream<Item, Item> server, CancellationToken token)
    {
        await foreach (var item in server.WithCancellation(token))
        {
            await server.SendAsync(item with { Text = "echo" }, token);
        }
    }

    [Fact]
    public async Task Bidi_Echo_OrderPreservedBothWays()
    {
        await using var client = Streams.Start<Item, Item>(EchoAsync, capacity: 2);

        var reading = Task.Run(async () =>
        {
            var numbers = new List<int>();
            await foreach (var item in client)
            {
                numbers.Add(item.Number);
            }

            return numbers;
        });
        for (var i = 0; i < 200; i++)
        {
            await client.SendAsync(new Item(i)).Within();
        }

        await client.CloseSendAsync().Within();
        Assert.Equal(Enumerable.Range(0, 200), await reading.Within());
    }

    [Fact]
    public async Task Bidi_HalfClose_ServerSeesEndAndClientKeepsReceiving()
    {
        await using var client = Streams.Start<Item, Item>(async (server, token) =>
        {
            var count = 0;
            while (await server.RecvAsync(token) is not null)
            {
                count++;
            }

            await server.SendAsync(new Item(count, "count"), token);
            await server.SendAsync(new Item(0, "done"), token);
        });

        await client.SendAsync(new Item(1)).Within();
        await client.SendAsync(new Item(2)).Within();
        await client.CloseSendAsync().Within();

        Assert.Equal(new Item(2, "count"), await client.RecvAsync().Within());
        Assert.Equal(new Item(0, "done"), await client.RecvAsync().Within());
        Assert.Null(await client.RecvAsync().Within());
    }

    [Fact]
    public async Task Bidi_SendAfterCloseSend_ThrowsInvalidOperation()
    {
        await using var client = Streams.Start<Item, Item>(EchoAsync);

        await client.CloseSendAsync().Within();
        await client.CloseSendAsync().Within();
        await Assert.ThrowsAsync<InvalidOperationException>(() => client.SendAsync(new Item(1)).Within());
        Assert.Null(await client.RecvAsync().Within());
    }

    [Fact]
    public async Task Bidi_CustomErrorMidStream_EarlierResultsThenError()
    {
        await using var client = Streams.Start<Item, Item>(async (server, token) =>
        {
            var first = await server.RecvAsync(token);
            await server.SendAsync(first!, token);
            throw new NotFoundError("second not found");
        });

        await client.SendAsync(new Item(4)).Within();
        Assert.Equal(4, (await client.RecvAsync().Within())!.Number);
        Assert.Equal("second not found", (await Assert.ThrowsAsync<NotFoundError>(() => client.RecvAsync().Within())).Message);
        await Assert.ThrowsAsync<NotFoundError>(() => client.SendAsync(new Item(5)).Within());
    }

    [Fact]
    public async Task Bidi_InvalidMessagesBothWays_EachSideThrowsValidationAndContinues()
    {
        var serverSaw = new TaskCompletionSource<Exception?>();
        await using var client = Streams.Start<Item, Item>(
            async (server, token) =>
            {
                serverSaw.SetResult(await Streams.CaptureAsync(() => server.RecvAsync(token).AsTask()));
                var next = await server.RecvAsync(token);
                await server.SendAsync(new Item(-next!.Number), token);
                await server.SendAsync(next, token);
            },
            Rules.Validated);

        await client.SendAsync(new Item(-1)).Within();
        await client.SendAsync(new Item(9)).Within();

        Assert.IsType<ValidationException>(await serverSaw.Task.Within());
        await Assert.ThrowsAsync<ValidationException>(() => client.RecvAsync().Within());
        Assert.Equal(9, (await client.RecvAsync().Within())!.Number);
        Assert.Null(await client.RecvAsync().Within());
    }

    [Fact]
    public async Task Bidi_ConcurrentServerRecv_SecondThrowsInvalidOperation()
    {
        var observed = new TaskCompletionSource<Exception?>();
        await using var client = Streams.Start<Item, Item>(async (server, token) =>
        {
            var first = server.RecvAsync(token).AsTask();
            observed.SetResult(await Streams.CaptureAsync(() => server.RecvAsync(token).AsTask()));
            await first;
        });

        Assert.IsType<InvalidOperationException>(await observed.Task.Within());
        await client.CloseSendAsync().Within();
        Assert.Null(await client.RecvAsync().Within());
    }

    [Fact]
    public async Task Bidi_GeneratedStyleAdapters_MapRoleInterfaces()
    {
        var call = InProcessInvoker.Start<Item, Item>(
            StreamContract<Item, Item>.Default,
            InProcessOptions.Default,
            (c, token) => EchoAsync(new ServerStream<Item, Item>(c), token),
            TestContext.Current.CancellationToken);
        Serow.Streaming.IStreamSender<Item> sender = new TestClientStream<Item, Item>(call);
        await sender.SendAsync(new Item(1)).Within();
        await ((Serow.Streaming.IHalfClosableStream)sender).CloseSendAsync().Within();
        var receiver = (Serow.Streaming.IStreamReceiver<Item>)sender;
        Assert.Equal(1, (await receiver.RecvAsync().Within())!.Number);
        await ((IAsyncDisposable)sender).DisposeAsync().Within();
    }
}
