// Licensed under the MIT license. See LICENSE in the project root.

using Serow.Runtime.Tests.Support;
using Serow.Streaming.Internal;

namespace Serow.Runtime.Tests.Streaming;

/// <summary>The send gate of streams: one holder, waiters in order, cancelled waiters leave the queue.</summary>
public sealed class AsyncGateTests
{
    [Fact]
    public async Task FreeGate_IsEnteredAtOnce_AndReleasedForTheNext()
    {
        var gate = new AsyncGate();

        var first = gate.EnterAsync(CancellationToken.None);
        Assert.True(first.IsCompletedSuccessfully);
        Assert.False(gate.TryEnter());
        gate.Release();

        Assert.True(gate.TryEnter());
        gate.Release();
        await first;
    }

    [Fact]
    public async Task Waiters_GetTheGateInOrder_OneAtATime()
    {
        var gate = new AsyncGate();
        Assert.True(gate.TryEnter());
        var order = new List<int>();
        var waiters = Enumerable.Range(1, 5).Select(async i =>
        {
            await gate.EnterAsync(CancellationToken.None);
            lock (order)
            {
                order.Add(i);
            }

            await Task.Yield();
            gate.Release();
        }).ToList();

        gate.Release();
        await Task.WhenAll(waiters).Within();

        Assert.Equal([1, 2, 3, 4, 5], order);
        Assert.True(gate.TryEnter());
    }

    [Fact]
    public async Task CancelledWaiter_LeavesTheQueue_AndTheNextWaiterGetsTheGate()
    {
        var gate = new AsyncGate();
        Assert.True(gate.TryEnter());
        using var cancel = new CancellationTokenSource();
        var cancelled = gate.EnterAsync(cancel.Token).AsTask();
        var next = gate.EnterAsync(CancellationToken.None).AsTask();

        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled.Within());
        Assert.False(next.IsCompleted);

        gate.Release();
        await next.Within();
        Assert.False(gate.TryEnter());
        gate.Release();
        Assert.True(gate.TryEnter());
    }

    [Fact]
    public async Task AlreadyCancelledToken_DoesNotEnter()
    {
        var gate = new AsyncGate();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => gate.EnterAsync(new CancellationToken(true)).AsTask());

        Assert.True(gate.TryEnter());
    }

    [Fact]
    public async Task ManyContendingTasks_NeverHoldTheGateTogether()
    {
        var gate = new AsyncGate();
        var inside = 0;
        var overlaps = 0;
        var tasks = Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            for (var i = 0; i < 2_000; i++)
            {
                await gate.EnterAsync(CancellationToken.None);
                if (Interlocked.Increment(ref inside) != 1)
                {
                    Interlocked.Increment(ref overlaps);
                }

                if (i % 7 == 0)
                {
                    await Task.Yield();
                }

                Interlocked.Decrement(ref inside);
                gate.Release();
            }
        })).ToList();

        await Task.WhenAll(tasks).Within();

        Assert.Equal(0, overlaps);
        Assert.True(gate.TryEnter());
    }
}
