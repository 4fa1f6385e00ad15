// Licensed under the MIT license. See LICENSE in the project root.

using Serow.Streaming;

namespace Serow.Runtime.Tests.Streaming;

/// <summary>How the stream core serves a call whose client waits for the stream to open (WebSocket, Server-Sent Events).</summary>
public sealed class ServeOpeningWhenIdleTests
{
    private static readonly AsyncLocal<string?> Ambient = new();

    [Fact]
    public async Task ServingAStream_LeavesTheCallersExecutionContextAsItFoundIt()
    {
        Ambient.Value = "caller";
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        string? seenByHandler = null;
        var call = new IdleCall();

        // A handler that is not an async method sets ambient state before it returns its pending task.
        var served = call.ServeOpeningWhenIdleAsync(0, (_, _, _) =>
        {
            seenByHandler = Ambient.Value;
            Ambient.Value = "handler";
            return release.Task;
        }, Timeout.InfiniteTimeSpan, ServerCallTracker.None);

        Assert.Equal("caller", seenByHandler);
        Assert.Equal("caller", Ambient.Value);
        Assert.False(served.IsCompleted);

        release.SetResult();
        await served.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(StreamAbortReason.None, call.AbortReason);
    }

    [Fact]
    public async Task AHandlerThatThrowsAtOnce_EndsTheCallWithItsFailure()
    {
        var call = new IdleCall();

        await call.ServeOpeningWhenIdleAsync(0, (_, _, _) => throw new InvalidOperationException("broken"), Timeout.InfiniteTimeSpan, ServerCallTracker.None)
            .WaitAsync(TimeSpan.FromSeconds(10));

        Assert.True(call.Finished.IsFailed);
    }

    /// <summary>A server call with no transport that records how it ended.</summary>
    private sealed class IdleCall() : ServerCall<NoMessage, int>(StreamContract<NoMessage, int>.Default, 0, wakeInline: false)
    {
        public ServerCallOutcome Finished { get; private set; }

        internal override ValueTask OpenAsync(string view) => default;

        internal override ValueTask WriteAsync(int message, CancellationToken token) => default;

        internal override void OnAborted(StreamAbortReason reason)
        {
        }

        internal override Task FinishAsync(ServerCallOutcome outcome)
        {
            Finished = outcome;
            return Task.CompletedTask;
        }
    }
}
