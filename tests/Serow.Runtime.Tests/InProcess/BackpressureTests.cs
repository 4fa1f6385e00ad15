// Licensed under the MIT license. See LICENSE in the project root.

using Serow.Runtime.Tests.Support;
using Serow.Streaming;

namespace Serow.Runtime.Tests.InProcess;

public sealed class BackpressureTests
{
    private const int Capacity = 2;

    [Fact]
    public async Task ServerSends_ClientNotReading_AtMostCapacityBuffered()
    {
        var completedSends = 0;
        await using var client = Streams.Start<NoMessage, Item>(
            async (server, token) =>
            {
                for (var i = 0; i < 1000; i++)
                {
                    await server.SendAsync(new Item(i), token);
                    Interlocked.Increment(ref completedSends);
                }
            },
            capacity: Capacity);

        await Await.UntilAsync(() => Volatile.Read(ref completedSends) >= Capacity);
        // Give an unbounded sender every chance to run ahead before checking that it did not.
        await Task.Delay(200, TestContext.Current.CancellationToken);
        Assert.InRange(Volatile.Read(ref completedSends), Capacity, Capacity + 1);

        var received = new List<int>();
        while (await client.RecvAsync().Within() is { } item)
        {
            received.Add(item.Number);
            Assert.True(Volatile.Read(ref completedSends) <= received.Count + Capacity + 1);
        }

        Assert.Equal(Enumerable.Range(0, 1000), received);
    }

    [Fact]
    public async Task ClientSends_ServerNotReading_SenderWaitsUntilServerReads()
    {
        var startReading = new TaskCompletionSource();
        var completedSends = 0;
        await using var client = Streams.Start<Item, NoMessage>(
            async (server, token) =>
            {
                await startReading.Task.WaitAsync(token);
                while (await server.RecvAsync(token) is not null)
                {
                }
            },
            capacity: Capacity);

        var sending = Task.Run(async () =>
        {
            for (var i = 0; i < 1000; i++)
            {
                await client.SendAsync(new Item(i));
                Interlocked.Increment(ref completedSends);
            }
        });

        await Await.UntilAsync(() => Volatile.Read(ref completedSends) >= Capacity);
        // Give an unbounded sender every chance to run ahead before checking that it did not.
        await Task.Delay(200, TestContext.Current.CancellationToken);
        Assert.InRange(Volatile.Read(ref completedSends), Capacity, Capacity + 1);

        startReading.SetResult();
        await sending.Within();
        await client.CloseAsync().Within();
        Assert.Equal(1000, completedSends);
    }
}
