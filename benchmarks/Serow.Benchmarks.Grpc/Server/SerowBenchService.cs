// Licensed under the MIT license. See LICENSE in the project root.

using Bench;
using Bench.Bench;

namespace Serow.Benchmarks.Grpc.Server;

/// <summary>The Serow side: the benchmark service implemented against the generated <see cref="IBenchService"/>.</summary>
internal sealed class SerowBenchService : IBenchService
{
    public Task<Message> UnaryAsync(Message payload, CancellationToken cancellationToken) => Task.FromResult(payload);

    public async Task DownloadAsync(DownloadPayload payload, IBenchDownloadServerStream stream, CancellationToken cancellationToken)
    {
        for (var i = 0; i < payload.Count; i++)
        {
            await stream.SendAsync(new Message { Id = 1, Seq = i, Text = payload.Text }, cancellationToken).ConfigureAwait(false);
        }
    }

    public Task DownloadInterceptedAsync(DownloadInterceptedPayload payload, IBenchDownloadInterceptedServerStream stream, CancellationToken cancellationToken) =>
        SendAsync(payload.Count, payload.Text, stream, cancellationToken);

    public Task PingInterceptedAsync(IBenchPingInterceptedServerStream stream, CancellationToken cancellationToken) => EchoAsync(stream, stream, cancellationToken);

    public async Task UploadAsync(IBenchUploadServerStream stream, CancellationToken cancellationToken)
    {
        long count = 0;
        while (await stream.RecvAsync(cancellationToken).ConfigureAwait(false) is not null)
        {
            count++;
        }

        await stream.SendAndCloseAsync(new UploadResult { Count = count }, cancellationToken).ConfigureAwait(false);
    }

    public Task PingAsync(IBenchPingServerStream stream, CancellationToken cancellationToken) => EchoAsync(stream, stream, cancellationToken);

    private static async Task SendAsync(int count, string text, Serow.Streaming.IStreamSender<Message> stream, CancellationToken cancellationToken)
    {
        for (var i = 0; i < count; i++)
        {
            await stream.SendAsync(new Message { Id = 1, Seq = i, Text = text }, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task EchoAsync(Serow.Streaming.IStreamReceiver<Message> input, Serow.Streaming.IStreamSender<Message> output, CancellationToken cancellationToken)
    {
        while (await input.RecvAsync(cancellationToken).ConfigureAwait(false) is { } message)
        {
            await output.SendAsync(message, cancellationToken).ConfigureAwait(false);
        }
    }
}

/// <summary>The pass-through interceptor of the *_intercepted methods: reads the sequence number and lets each result go.</summary>
internal sealed class PassInterceptors : IBenchServerInterceptors
{
    public ValueTask PassAsync(Bench.Interceptors.PassInfo info, Func<ValueTask> next, CancellationToken cancellationToken)
    {
        if (info.StreamingResult is { Seq: < 0 })
        {
            throw new InvalidOperationException("A negative sequence number.");
        }

        return next();
    }
}
