// Licensed under the MIT license. See LICENSE in the project root.

using System.Collections.Concurrent;
using Serow.Streaming;
using Serow.Runtime.Tests.Support;
using Serow.Validation;

namespace Serow.Runtime.Tests.InProcess;

public sealed class ClientStreamingTests
{
    private static async Task SumAsync(ServerStream<Item, Item> server, CancellationToken token)
    {
        var numbers = new List<int>();
        while (await server.RecvAsync(token) is { } item)
        {
            numbers.Add(item.Number);
        }

        await server.SendAndCloseAsync(new Item(numbers.Sum(), string.Join(",", numbers)), token);
    }

    [Fact]
    public async Task ClientStreamWithResult_MessagesInOrder_ResultReturned()
    {
        await using var client = Streams.Start<Item, Item>(SumAsync);

        for (var i = 1; i <= 5; i++)
        {
            await client.SendAsync(new Item(i)).Within();
        }

        var result = await client.CloseAndRecvAsync().Within();
        Assert.Equal(new Item(15, "1,2,3,4,5"), result);
    }

    [Fact]
    public async Task ClientStreamWithResult_HandlerReturnsWithoutResult_ThrowsMissingResultFault()
    {
        await using var client = Streams.Start<Item, Item>(async (server, token) =>
        {
            while (await server.RecvAsync(token) is not null)
            {
            }
        });

        await client.SendAsync(new Item(1)).Within();
        var error = await Assert.ThrowsAsync<ServiceError>(() => client.CloseAndRecvAsync().Within());
        Assert.Equal(StreamErrors.MissingResultName, error.Name);
        Assert.True(error.Fault);
    }

    [Fact]
    public async Task ClientStreamWithResult_CustomError_CloseAndRecvThrowsSubclass()
    {
        await using var client = Streams.Start<Item, Item>(async (server, token) =>
        {
            await server.RecvAsync(token);
            throw new NotFoundError("no bucket");
        });

        await client.SendAsync(new Item(1)).Within();
        var error = await Assert.ThrowsAsync<NotFoundError>(() => client.CloseAndRecvAsync().Within());
        Assert.Equal("no bucket", error.Message);
    }

    [Fact]
    public async Task ClientStreamWithResult_ServerFailedMidStream_SendThrowsServerError()
    {
        await using var client = Streams.Start<Item, Item>(async (server, token) =>
        {
            await server.RecvAsync(token);
            throw new NotFoundError("stop");
        });

        await client.SendAsync(new Item(1)).Within();
        await client.Exposed.Completion.Within();
        await Assert.ThrowsAsync<NotFoundError>(() => client.SendAsync(new Item(2)).Within());
    }

    [Fact]
    public async Task ClientStreamWithResult_ServerFinishedNormally_SendThrowsNotDelivered()
    {
        await using var client = Streams.Start<Item, Item>((server, token) => server.SendAndCloseAsync(new Item(0), token).AsTask());

        await client.Exposed.Completion.Within();
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => client.SendAsync(new Item(1)).Within());
        Assert.Contains("not delivered", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, (await client.CloseAndRecvAsync().Within()).Number);
    }

    [Fact]
    public async Task ClientStreamWithResult_InvalidMessage_ServerRecvThrowsValidationAndContinues()
    {
        var observed = new ConcurrentQueue<string>();
        await using var client = Streams.Start<Item, Item>(
            async (server, token) =>
            {
                while (true)
                {
                    try
                    {
                        if (await server.RecvAsync(token) is not { } item)
                        {
                            break;
                        }

                        observed.Enqueue(item.Number.ToString(System.Globalization.CultureInfo.InvariantCulture));
                    }
                    catch (ValidationException e)
                    {
                        observed.Enqueue(e.Errors[0].Field + ":" + e.Errors[0].Rule);
                    }
                }

                await server.SendAndCloseAsync(new Item(observed.Count), token);
            },
            Rules.Validated);

        await client.SendAsync(new Item(1)).Within();
        await client.SendAsync(new Item(-1)).Within();
        await client.SendAsync(new Item(2)).Within();

        Assert.Equal(3, (await client.CloseAndRecvAsync().Within()).Number);
        Assert.Equal(["1", "number:minimum", "2"], observed);
    }

    [Fact]
    public async Task ClientStreamWithResult_InvalidResult_CloseAndRecvThrowsValidation()
    {
        await using var client = Streams.Start<Item, Item>((server, token) => server.SendAndCloseAsync(new Item(-3), token).AsTask(), Rules.Validated);

        var error = await Assert.ThrowsAsync<ValidationException>(() => client.CloseAndRecvAsync().Within());
        Assert.Equal("minimum", Assert.Single(error.Errors).Rule);
    }

    [Fact]
    public async Task ClientStreamWithResult_SendAfterCloseAndRecv_ThrowsInvalidOperation()
    {
        await using var client = Streams.Start<Item, Item>(SumAsync);

        await client.CloseAndRecvAsync().Within();
        await Assert.ThrowsAsync<InvalidOperationException>(() => client.SendAsync(new Item(1)).Within());
    }

    [Fact]
    public async Task ClientStreamWithResult_SendNull_ThrowsArgumentNull()
    {
        await using var client = Streams.Start<Item, Item>(SumAsync);

        await Assert.ThrowsAsync<ArgumentNullException>(() => client.SendAsync(null!).Within());
    }

    [Fact]
    public async Task ClientStreamWithResult_SendAndCloseTwice_SecondThrowsInvalidOperation()
    {
        var observed = new TaskCompletionSource<Exception?>();
        await using var client = Streams.Start<Item, Item>(async (server, token) =>
        {
            await server.SendAndCloseAsync(new Item(1), token);
            observed.SetResult(await Streams.CaptureAsync(() => server.SendAndCloseAsync(new Item(2), token).AsTask()));
        });

        Assert.Equal(1, (await client.CloseAndRecvAsync().Within()).Number);
        Assert.IsType<InvalidOperationException>(await observed.Task.Within());
    }

    [Fact]
    public async Task ClientStreamWithResult_ResultSentBeforeHandlerFails_ResultIsReturned()
    {
        await using var client = Streams.Start<Item, Item>(async (server, token) =>
        {
            await server.SendAndCloseAsync(new Item(7), token);
            throw new NotFoundError("late");
        });

        await client.Exposed.Completion.Within();
        Assert.Equal(7, (await client.CloseAndRecvAsync().Within()).Number);
    }

    [Fact]
    public async Task ClientStreamWithResult_ConcurrentSends_AllDeliveredOnce()
    {
        await using var client = Streams.Start<Item, Item>(SumAsync, capacity: 3);

        await Task.WhenAll(Enumerable.Range(0, 8).Select(t => Task.Run(async () =>
        {
            for (var i = 0; i < 50; i++)
            {
                await client.SendAsync(new Item((t * 50) + i));
            }
        }))).Within();

        var result = await client.CloseAndRecvAsync().Within();
        Assert.Equal(Enumerable.Range(0, 400).Sum(), result.Number);
        Assert.Equal(Enumerable.Range(0, 400), result.Text.Split(',').Select(int.Parse).Order());
    }

    [Fact]
    public async Task ClientStreamWithoutResult_CloseAsync_WaitsForHandlerToFinish()
    {
        var stored = new List<int>();
        await using var client = Streams.Start<Item, NoMessage>(async (server, token) =>
        {
            await foreach (var item in server.WithCancellation(token))
            {
                stored.Add(item.Number);
            }
        });

        for (var i = 0; i < 20; i++)
        {
            await client.SendAsync(new Item(i)).Within();
        }

        await client.CloseAsync().Within();
        Assert.True(client.Exposed.Completion.IsCompleted);
        Assert.Equal(Enumerable.Range(0, 20), stored);
    }

    [Fact]
    public async Task ClientStreamWithoutResult_HandlerFails_CloseAsyncThrowsItsError()
    {
        await using var client = Streams.Start<Item, NoMessage>(
            async (server, token) =>
            {
                while (await server.RecvAsync(token) is not null)
                {
                }

                throw new NotFoundError("rejected");
            },
            Rules.ClientValidated);

        await client.SendAsync(new Item(1)).Within();
        await Assert.ThrowsAsync<NotFoundError>(() => client.CloseAsync().Within());
    }

    [Fact]
    public async Task ClientStreamWithoutResult_InvalidMessageUnhandled_CloseAsyncThrowsValidation()
    {
        await using var client = Streams.Start<Item, NoMessage>(
            async (server, token) =>
            {
                while (await server.RecvAsync(token) is not null)
                {
                }
            },
            Rules.ClientValidated);

        await client.SendAsync(new Item(-1)).Within();
        var error = await Assert.ThrowsAsync<ValidationException>(() => client.CloseAsync().Within());
        Assert.Equal("number", Assert.Single(error.Errors).Field);
    }

    [Fact]
    public async Task ClientStreamWithoutResult_SendAfterClose_ThrowsInvalidOperation()
    {
        await using var client = Streams.Start<Item, NoMessage>(async (server, token) =>
        {
            while (await server.RecvAsync(token) is not null)
            {
            }
        });

        await client.CloseAsync().Within();
        await Assert.ThrowsAsync<InvalidOperationException>(() => client.SendAsync(new Item(1)).Within());
    }
}
