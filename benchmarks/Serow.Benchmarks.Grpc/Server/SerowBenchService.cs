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

    public async Task UploadAsync(IBenchUploadServerStream stream, CancellationToken cancellationToken)
    {
        long count = 0;
        while (await stream.RecvAsync(cancellationToken).ConfigureAwait(false) is not null)
        {
            count++;
        }

        await stream.SendAndCloseAsync(new UploadResult { Count = count }, cancellationToken).ConfigureAwait(false);
    }

    public async Task PingAsync(IBenchPingServerStream stream, CancellationToken cancellationToken)
    {
        while (await stream.RecvAsync(cancellationToken).ConfigureAwait(false) is { } message)
        {
            await stream.SendAsync(message, cancellationToken).ConfigureAwait(false);
        }
    }
}
