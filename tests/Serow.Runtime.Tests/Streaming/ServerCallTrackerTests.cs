// Licensed under the MIT license. See LICENSE in the project root.

using Serow.Streaming;

namespace Serow.Runtime.Tests.Streaming;

/// <summary>The tracker of a server's open calls: counted while open, stopped when the server stops, forgotten once ended.</summary>
public sealed class ServerCallTrackerTests
{
    private static TrackedCall NewCall() => new();

    [Fact]
    public void Stopping_StopsEveryOpenCall_AndNoCallThatEnded()
    {
        using var stopping = new CancellationTokenSource();
        var tracker = new ServerCallTracker(stopping.Token);
        var calls = Enumerable.Range(0, 50).Select(_ => NewCall()).ToList();
        var registrations = calls.Select(call => tracker.Track(call)).ToList();

        // Calls end from the middle, the first and the last of the tracker's list.
        var ended = new HashSet<int> { 0, 7, 8, 25, 48, 49 };
        foreach (var index in ended)
        {
            registrations[index].Dispose();
        }

        Assert.Equal(44, tracker.ActiveStreams);
        stopping.Cancel();

        for (var i = 0; i < calls.Count; i++)
        {
            var expected = ended.Contains(i) ? StreamAbortReason.None : StreamAbortReason.Stopping;
            Assert.Equal(expected, calls[i].AbortReason);
        }

        foreach (var (registration, index) in registrations.Select((r, i) => (r, i)).Where(p => !ended.Contains(p.i)))
        {
            registration.Dispose();
        }

        Assert.Equal(0, tracker.ActiveStreams);
    }

    [Fact]
    public void ACallStartedAfterTheServerBeganToStop_IsStoppedAtOnce()
    {
        using var stopping = new CancellationTokenSource();
        var tracker = new ServerCallTracker(stopping.Token);
        stopping.Cancel();

        var call = NewCall();
        using var registration = tracker.Track(call);

        Assert.Equal(StreamAbortReason.Stopping, call.AbortReason);
        Assert.True(call.Token.IsCancellationRequested);
        Assert.Equal(1, tracker.ActiveStreams);
    }

    [Fact]
    public async Task CallsTrackedAndEndedFromManyThreads_LeaveNothingBehind()
    {
        using var stopping = new CancellationTokenSource();
        var tracker = new ServerCallTracker(stopping.Token);

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
        {
            for (var i = 0; i < 2_000; i++)
            {
                var call = NewCall();
                using var registration = tracker.Track(call);
            }
        })));

        Assert.Equal(0, tracker.ActiveStreams);
        var open = NewCall();
        using var kept = tracker.Track(open);
        stopping.Cancel();
        Assert.Equal(StreamAbortReason.Stopping, open.AbortReason);
    }

    [Fact]
    public void ACallThatFailsToStop_DoesNotKeepTheOthersRunning()
    {
        using var stopping = new CancellationTokenSource();
        var tracker = new ServerCallTracker(stopping.Token);
        var before = NewCall();
        var failing = new TrackedCall { FailOnAbort = true };
        var after = NewCall();
        using var first = tracker.Track(before);
        using var second = tracker.Track(failing);
        using var third = tracker.Track(after);

        stopping.Cancel();

        Assert.Equal(StreamAbortReason.Stopping, before.AbortReason);
        Assert.Equal(StreamAbortReason.Stopping, after.AbortReason);
    }

    /// <summary>A server call with no transport: aborting it only records why.</summary>
    private sealed class TrackedCall() : ServerCall<NoMessage, int>(StreamContract<NoMessage, int>.Default, 0, wakeInline: false)
    {
        public bool FailOnAbort { get; init; }

        internal override ValueTask OpenAsync(string view) => default;

        internal override ValueTask WriteAsync(int message, CancellationToken token) => default;

        internal override void OnAborted(StreamAbortReason reason)
        {
            if (FailOnAbort)
            {
                throw new InvalidOperationException("the transport failed to stop");
            }
        }
    }
}
