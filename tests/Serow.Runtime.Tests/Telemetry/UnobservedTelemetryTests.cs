// Licensed under the MIT license. See LICENSE in the project root.

using Serow.InProcess;
using Serow.Runtime.Tests.Support;
using Serow.Streaming;

namespace Serow.Runtime.Tests.Telemetry;

/// <summary>
/// While nobody listens to Serow's activity source or meter (nothing in this test process does), the telemetry a stream
/// runs for each message (the message counter, its events, the byte counter) allocates nothing.
/// </summary>
public sealed class UnobservedTelemetryTests
{
    [Fact]
    public async Task PerMessageTelemetry_WithoutListeners_AllocatesNothing()
    {
        Assert.False(SerowTelemetry.ServerMessages.Enabled);
        Assert.False(SerowTelemetry.ServerMessageBytes.Enabled);

        var allocated = -1L;
        var client = InProcessInvoker.Start(StreamContract<NoMessage, Item>.Default, null, (call, token) =>
        {
            call.OnMessageSent();
            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < 100_000; i++)
            {
                call.OnMessageSent();
                if (ServerCall<NoMessage, Item>.CountsBytes)
                {
                    call.CountBytes(sent: true, 64);
                }
            }

            allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            return Task.CompletedTask;
        }, TestContext.Current.CancellationToken);
        await using (var stream = new TestClientStream<NoMessage, Item>(client))
        {
            Assert.Null(await stream.RecvAsync(TestContext.Current.CancellationToken).Within());
        }

        Assert.Equal(0, allocated);
    }
}
