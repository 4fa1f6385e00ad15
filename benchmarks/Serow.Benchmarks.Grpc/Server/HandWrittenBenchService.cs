// Licensed under the MIT license. See LICENSE in the project root.

using Grpc.Core;
using Serow.Benchmarks.Grpc.HandWritten.Proto;

namespace Serow.Benchmarks.Grpc.Server;

/// <summary>The hand-written side: the same service written directly on protoc's <c>BenchBase</c>.</summary>
internal sealed class HandWrittenBenchService : HandWritten.Proto.Bench.BenchBase
{
    public override Task<Message> Unary(Message request, ServerCallContext context) => Task.FromResult(request);

    public override async Task Download(DownloadRequest request, IServerStreamWriter<Message> responseStream, ServerCallContext context)
    {
        for (var i = 0; i < request.Count; i++)
        {
            await responseStream.WriteAsync(new Message { Id = 1, Seq = i, Text = request.Text }, context.CancellationToken).ConfigureAwait(false);
        }
    }

    public override async Task<UploadResponse> Upload(IAsyncStreamReader<Message> requestStream, ServerCallContext context)
    {
        long count = 0;
        while (await requestStream.MoveNext(context.CancellationToken).ConfigureAwait(false))
        {
            count++;
        }

        return new UploadResponse { Count = count };
    }

    public override async Task Ping(IAsyncStreamReader<Message> requestStream, IServerStreamWriter<Message> responseStream, ServerCallContext context)
    {
        while (await requestStream.MoveNext(context.CancellationToken).ConfigureAwait(false))
        {
            await responseStream.WriteAsync(requestStream.Current, context.CancellationToken).ConfigureAwait(false);
        }
    }
}
