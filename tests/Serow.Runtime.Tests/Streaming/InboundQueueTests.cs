// Licensed under the MIT license. See LICENSE in the project root.

using Serow.Runtime.Tests.Support;
using Serow.Streaming.Internal;

namespace Serow.Runtime.Tests.Streaming;

/// <summary>The queue between a WebSocket stream's receive loop and its receiver.</summary>
public sealed class InboundQueueTests
{
    [Fact]
    public async Task Publish_WakesTheWaitingReaderOnce_OnTheProducersThread_WithTheWholeFrameQueued()
    {
        var queue = new InboundQueue<int?>(capacity: 8);
        var seen = new List<int?>();
        int? readerThread = null;
        // Runs synchronously up to its first wait: when it returns, the reader is waiting.
        var reading = ReadThreeAsync();
        Assert.False(reading.IsCompleted);

        queue.Add(1);
        queue.Add(2);
        queue.Add(3);
        Assert.False(reading.IsCompleted);
        var producerThread = Environment.CurrentManagedThreadId;
        queue.Publish();

        // The reader ran inside Publish: it took all three and finished before Publish returned.
        Assert.True(reading.IsCompleted);
        await reading;
        Assert.Equal([1, 2, 3], seen);
        Assert.Equal(producerThread, readerThread);

        async Task ReadThreeAsync()
        {
            seen.Add(await queue.ReadAsync());
            readerThread = Environment.CurrentManagedThreadId;
            seen.Add(await queue.ReadAsync());
            seen.Add(await queue.ReadAsync());
        }
    }

    [Fact]
    public async Task Complete_EndsTheReadAfterTheQueuedMessages()
    {
        var queue = new InboundQueue<string>(capacity: 4);
        queue.Add("a");
        queue.Complete();

        Assert.Equal("a", await queue.ReadAsync());
        Assert.Null(await queue.ReadAsync());
        Assert.Null(await queue.ReadAsync());
    }

    [Fact]
    public async Task Complete_WakesAWaitingReaderWithTheEnd()
    {
        var queue = new InboundQueue<string>(capacity: 4);
        var waiting = queue.ReadAsync().AsTask();
        Assert.False(waiting.IsCompleted);

        queue.Complete();

        Assert.Null(await waiting.WaitAsync(Await.Token()));
    }

    [Fact]
    public async Task ASecondReadWhileOneIsPending_IsRefused_AndTheFirstStillCompletes()
    {
        var queue = new InboundQueue<string>(capacity: 4);
        var first = queue.ReadAsync().AsTask();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(async () => await queue.ReadAsync());
        Assert.Contains("one message at a time", error.Message, StringComparison.Ordinal);

        queue.Add("x");
        queue.Publish();
        Assert.Equal("x", await first.WaitAsync(Await.Token()));
    }

    [Fact]
    public async Task TheConsumer_ChecksEachMessageAsItIsTaken_AndReportsTheEnd()
    {
        var consumer = new RefusingConsumer();
        var queue = new InboundQueue<string>(capacity: 4, consumer);
        var waiting = queue.ReadAsync().AsTask();
        queue.Add("bad");
        queue.Add("good");
        queue.Publish();

        // A refused message is consumed: the read throws, and the next one gets the following message.
        var refused = await Assert.ThrowsAsync<FormatException>(() => waiting.WaitAsync(Await.Token()));
        Assert.Equal("bad", refused.Message);
        Assert.Equal("GOOD", await queue.ReadAsync());

        queue.Complete();
        await Assert.ThrowsAsync<EndOfStreamException>(async () => await queue.ReadAsync());
        Assert.Equal(["bad", "good"], consumer.Seen);
    }

    [Fact]
    public async Task CancelledRead_CancelsTheConsumer_AndThrowsThatToken()
    {
        var consumer = new RefusingConsumer();
        var queue = new InboundQueue<string>(capacity: 4, consumer);
        using var cancel = new CancellationTokenSource();
        var reading = queue.ReadAsync(cancel.Token).AsTask();
        Assert.False(reading.IsCompleted);

        await cancel.CancelAsync();

        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => reading.WaitAsync(Await.Token()));
        Assert.Equal(cancel.Token, error.CancellationToken);
        Assert.True(consumer.Cancelled);
    }

    [Fact]
    public async Task ReadOfAQueuedMessage_UnderAToken_TakesIt_AndTheTokenFiringLater_LeavesTheStreamAlone()
    {
        var consumer = new RefusingConsumer();
        var queue = new InboundQueue<string>(capacity: 4, consumer);
        queue.Add("a");
        queue.Add("b");
        using var cancel = new CancellationTokenSource();

        var read = queue.ReadAsync(cancel.Token);
        Assert.True(read.IsCompleted);
        Assert.Equal("A", await read);

        // The read is over: its token no longer speaks for the stream.
        await cancel.CancelAsync();
        Assert.False(consumer.Cancelled);
        Assert.Equal("B", await queue.ReadAsync());
    }

    [Fact]
    public async Task ReadUnderACancelledToken_CancelsTheConsumer_EvenWithAMessageQueued()
    {
        var consumer = new RefusingConsumer();
        var queue = new InboundQueue<string>(capacity: 4, consumer);
        queue.Add("a");
        using var cancel = new CancellationTokenSource();
        await cancel.CancelAsync();

        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => queue.ReadAsync(cancel.Token).AsTask());
        Assert.Equal(cancel.Token, error.CancellationToken);
        Assert.True(consumer.Cancelled);
        Assert.True(queue.IsCompleted);
    }

    [Fact]
    public async Task WaitingRead_UnderAToken_TakesTheNextMessage_AndThenTheTokenFiring_LeavesTheStreamAlone()
    {
        var consumer = new RefusingConsumer();
        var queue = new InboundQueue<string>(capacity: 4, consumer);
        using var cancel = new CancellationTokenSource();
        var reading = queue.ReadAsync(cancel.Token).AsTask();
        Assert.False(reading.IsCompleted);

        queue.Add("a");
        queue.Publish();
        Assert.Equal("A", await reading.WaitAsync(Await.Token()));

        await cancel.CancelAsync();
        Assert.False(consumer.Cancelled);
        Assert.False(queue.IsCompleted);
    }

    [Fact]
    public async Task FullQueue_MakesTheProducerWait_UntilTheReaderTakesOne()
    {
        var queue = new InboundQueue<int?>(capacity: 2);
        queue.Add(1);
        queue.Add(2);
        Assert.True(queue.IsFull);

        var room = queue.WaitForRoomAsync(Await.Token()).AsTask();
        await Task.Delay(50, Await.Token());
        Assert.False(room.IsCompleted);

        Assert.Equal(1, await queue.ReadAsync());
        await room.WaitAsync(Await.Token());
        Assert.False(queue.IsFull);
    }

    [Fact]
    public async Task CancelledWaitForRoom_ThrowsThatToken()
    {
        var queue = new InboundQueue<int?>(capacity: 1);
        queue.Add(1);
        using var cancel = new CancellationTokenSource();
        var room = queue.WaitForRoomAsync(cancel.Token).AsTask();
        await cancel.CancelAsync();

        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => room.WaitAsync(Await.Token()));
        Assert.Equal(cancel.Token, error.CancellationToken);
    }

    [Fact]
    public async Task WaitForRoom_PublishesWhatIsQueued_SoThatAWaitingReaderDrainsIt()
    {
        var queue = new InboundQueue<int?>(capacity: 2);
        var seen = new List<int>();
        var reading = ReadAllAsync();

        // A frame of five messages into a queue of two: the producer publishes and waits whenever the queue is full.
        for (var i = 1; i <= 5; i++)
        {
            if (queue.IsFull)
            {
                await queue.WaitForRoomAsync(Await.Token());
            }

            queue.Add(i);
        }

        queue.Publish();
        queue.Complete();
        await reading.WaitAsync(Await.Token());
        Assert.Equal([1, 2, 3, 4, 5], seen);

        async Task ReadAllAsync()
        {
            while (await queue.ReadAsync() is { } item)
            {
                seen.Add(item);
            }
        }
    }

    [Fact]
    public async Task ManyFrames_FromAnotherThread_ArriveInOrder_WithoutLossOrDuplicates()
    {
        const int frames = 2_000;
        var queue = new InboundQueue<int?>(capacity: 16);
        var producing = Task.Run(async () =>
        {
            var next = 0;
            for (var frame = 0; frame < frames; frame++)
            {
                for (var i = 0; i < 1 + (frame % 7); i++)
                {
                    if (queue.IsFull)
                    {
                        await queue.WaitForRoomAsync(Await.Token());
                    }

                    queue.Add(next++);
                }

                queue.Publish();
            }

            queue.Complete();
            return next;
        });

        var expected = 0;
        while (await queue.ReadAsync() is { } item)
        {
            Assert.Equal(expected++, item);
        }

        Assert.Equal(await producing, expected);
    }

    private sealed class RefusingConsumer : IInboundConsumer<string>
    {
        public List<string> Seen { get; } = [];

        public string Accept(string message)
        {
            Seen.Add(message);
            return message == "bad" ? throw new FormatException(message) : message.ToUpperInvariant();
        }

        // Like the stream calls: once cancelled (the stream aborted), the end is a cancellation.
        public void End() => throw (Cancelled ? new OperationCanceledException() : new EndOfStreamException());

        public void Cancel() => Cancelled = true;

        public bool Cancelled { get; private set; }
    }
}
