// Licensed under the MIT license. See LICENSE in the project root.

using Serow.Http.WebSockets;

namespace Serow.Http.Tests.Runtime;

/// <summary>The queue between a WebSocket stream's receive loop and its receiver.</summary>
public sealed class InboundQueueTests
{
    [Fact]
    public async Task Publish_WakesTheWaitingReaderOnce_OnTheProducersThread_WithTheWholeFrameQueued()
    {
        var queue = new InboundQueue<int>(capacity: 8);
        var seen = new List<int>();
        int? readerThread = null;
        // Runs synchronously up to its first wait: when it returns, the reader is waiting.
        var reading = ReadOnceAsync();
        Assert.False(reading.IsCompleted);

        queue.Add(1);
        queue.Add(2);
        queue.Add(3);
        Assert.False(reading.IsCompleted);
        var producerThread = Environment.CurrentManagedThreadId;
        queue.Publish();

        // The reader ran inside Publish: it saw all three and finished before Publish returned.
        Assert.True(reading.IsCompleted);
        await reading;
        Assert.Equal([1, 2, 3], seen);
        Assert.Equal(producerThread, readerThread);

        async Task ReadOnceAsync()
        {
            Assert.True(await queue.WaitToReadAsync(CancellationToken.None));
            readerThread = Environment.CurrentManagedThreadId;
            while (queue.TryRead(out var item))
            {
                seen.Add(item);
            }
        }
    }

    [Fact]
    public async Task Complete_EndsTheReadAfterTheQueuedMessages()
    {
        var queue = new InboundQueue<string>(capacity: 4);
        queue.Add("a");
        queue.Complete();

        Assert.True(await queue.WaitToReadAsync(CancellationToken.None));
        Assert.True(queue.TryRead(out var item));
        Assert.Equal("a", item);
        Assert.False(await queue.WaitToReadAsync(CancellationToken.None));
        Assert.False(queue.TryRead(out _));
    }

    [Fact]
    public async Task Complete_WakesAWaitingReaderWithFalse()
    {
        var queue = new InboundQueue<string>(capacity: 4);
        var waiting = queue.WaitToReadAsync(CancellationToken.None).AsTask();
        Assert.False(waiting.IsCompleted);

        queue.Complete();

        Assert.False(await waiting.WaitAsync(Timeouts.Token()));
    }

    [Fact]
    public async Task CancelledWait_ThrowsThatToken_AndTheNextWaitStillWorks()
    {
        var queue = new InboundQueue<int>(capacity: 4);
        using var cancel = new CancellationTokenSource();
        var waiting = queue.WaitToReadAsync(cancel.Token).AsTask();
        await cancel.CancelAsync();

        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.WaitAsync(Timeouts.Token()));
        Assert.Equal(cancel.Token, error.CancellationToken);

        var next = queue.WaitToReadAsync(Timeouts.Token()).AsTask();
        queue.Add(7);
        queue.Publish();
        Assert.True(await next.WaitAsync(Timeouts.Token()));
        Assert.True(queue.TryRead(out var item));
        Assert.Equal(7, item);
    }

    [Fact]
    public async Task AlreadyCancelledToken_FailsTheWaitAtOnce()
    {
        var queue = new InboundQueue<int>(capacity: 4);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await queue.WaitToReadAsync(new CancellationToken(canceled: true)));
    }

    [Fact]
    public async Task FullQueue_MakesTheProducerWait_UntilTheReaderTakesOne()
    {
        var queue = new InboundQueue<int>(capacity: 2);
        queue.Add(1);
        queue.Add(2);
        Assert.True(queue.IsFull);

        var room = queue.WaitForRoomAsync(Timeouts.Token()).AsTask();
        await Task.Delay(50, Timeouts.Token());
        Assert.False(room.IsCompleted);

        Assert.True(queue.TryRead(out var first));
        Assert.Equal(1, first);
        await room.WaitAsync(Timeouts.Token());
        Assert.False(queue.IsFull);
    }

    [Fact]
    public async Task WaitForRoom_PublishesWhatIsQueued_SoThatAWaitingReaderDrainsIt()
    {
        var queue = new InboundQueue<int>(capacity: 2);
        var seen = new List<int>();
        var reading = ReadAllAsync();

        // A frame of five messages into a queue of two: the producer publishes and waits whenever the queue is full.
        for (var i = 1; i <= 5; i++)
        {
            if (queue.IsFull)
            {
                await queue.WaitForRoomAsync(Timeouts.Token());
            }

            queue.Add(i);
        }

        queue.Publish();
        queue.Complete();
        await reading.WaitAsync(Timeouts.Token());
        Assert.Equal([1, 2, 3, 4, 5], seen);

        async Task ReadAllAsync()
        {
            while (await queue.WaitToReadAsync(Timeouts.Token()))
            {
                while (queue.TryRead(out var item))
                {
                    seen.Add(item);
                }
            }
        }
    }

    [Fact]
    public async Task ManyFrames_FromAnotherThread_ArriveInOrder_WithoutLossOrDuplicates()
    {
        const int frames = 2_000;
        var queue = new InboundQueue<int>(capacity: 16);
        var producing = Task.Run(async () =>
        {
            var next = 0;
            for (var frame = 0; frame < frames; frame++)
            {
                for (var i = 0; i < 1 + (frame % 7); i++)
                {
                    if (queue.IsFull)
                    {
                        await queue.WaitForRoomAsync(Timeouts.Token());
                    }

                    queue.Add(next++);
                }

                queue.Publish();
            }

            queue.Complete();
            return next;
        });

        var expected = 0;
        while (await queue.WaitToReadAsync(Timeouts.Token()))
        {
            while (queue.TryRead(out var item))
            {
                Assert.Equal(expected++, item);
            }
        }

        Assert.Equal(await producing, expected);
    }
}
