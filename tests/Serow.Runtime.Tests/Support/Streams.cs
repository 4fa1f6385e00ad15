// Licensed under the MIT license. See LICENSE in the project root.

using Serow.InProcess;
using Serow.Streaming;

namespace Serow.Runtime.Tests.Support;

/// <summary>Starts in-process calls the way generated code does.</summary>
public static class Streams
{
    public static TestClientStream<TIn, TOut> Start<TIn, TOut>(
        Func<ServerStream<TIn, TOut>, CancellationToken, Task> handler,
        StreamContract<TIn, TOut>? contract = null,
        int capacity = 16,
        CancellationToken cancellationToken = default)
    {
        var call = InProcessInvoker.Start(
            contract ?? StreamContract<TIn, TOut>.Default,
            new InProcessOptions { StreamCapacity = capacity },
            (c, token) => handler(new ServerStream<TIn, TOut>(c), token),
            cancellationToken);
        return new TestClientStream<TIn, TOut>(call);
    }

    /// <summary>Captures what a handler observed, including an exception, so tests can assert on it.</summary>
    public static async Task<Exception?> CaptureAsync(Func<Task> action)
    {
        try
        {
            await action();
            return null;
        }
        catch (Exception e)
        {
            return e;
        }
    }
}
