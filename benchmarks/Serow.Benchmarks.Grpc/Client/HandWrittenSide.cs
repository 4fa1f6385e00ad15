// Licensed under the MIT license. See LICENSE in the project root.

using System.Diagnostics;
using Grpc.Net.Client;
using Serow.Benchmarks.Grpc.HandWritten.Proto;

namespace Serow.Benchmarks.Grpc.Client;

/// <summary>protoc's raw <c>BenchClient</c> over a <see cref="GrpcChannel"/> with the same handler settings as Serow's.</summary>
internal sealed class HandWrittenSide : IBenchSide
{
    private readonly GrpcChannel _channel;
    private readonly HandWritten.Proto.Bench.BenchClient _client;

    public HandWrittenSide(Uri address, string name = "hand-written")
    {
        Name = name;
        var handler = new SocketsHttpHandler
        {
            EnableMultipleHttp2Connections = true,
            PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
        };
        _channel = GrpcChannel.ForAddress(address, new GrpcChannelOptions { HttpHandler = handler, DisposeHttpClient = true });
        _client = new HandWritten.Proto.Bench.BenchClient(_channel);
    }

    public string Name { get; }

    public async Task UnaryAsync(int seq, string text)
    {
        var result = await _client.UnaryAsync(new Message { Id = 1, Seq = seq, Text = text }).ConfigureAwait(false);
        if (result.Seq != seq)
        {
            throw new InvalidOperationException("Unexpected echo.");
        }
    }

    public async Task<long> DownloadAsync(int count, string text, bool intercepted = false)
    {
        using var call = _client.Download(new DownloadRequest { Count = count, Text = text });
        long received = 0;
        while (await call.ResponseStream.MoveNext(CancellationToken.None).ConfigureAwait(false))
        {
            received++;
        }

        return received;
    }

    public async Task<long> UploadAsync(long until, string text)
    {
        using var call = _client.Upload();
        var sent = 0;
        do
        {
            for (var i = 0; i < 256; i++)
            {
                await call.RequestStream.WriteAsync(new Message { Id = 1, Seq = sent++, Text = text }).ConfigureAwait(false);
            }
        }
        while (Stopwatch.GetTimestamp() < until);

        await call.RequestStream.CompleteAsync().ConfigureAwait(false);
        var result = await call.ResponseAsync.ConfigureAwait(false);
        return result.Count == sent ? sent : throw new InvalidOperationException($"Sent {sent}, the server counted {result.Count}.");
    }

    public async Task<long> PingAsync(long until, string text, long[] latencies, bool intercepted = false)
    {
        using var call = _client.Ping();
        var count = 0;
        do
        {
            var start = Stopwatch.GetTimestamp();
            await call.RequestStream.WriteAsync(new Message { Id = 1, Seq = count, Text = text }).ConfigureAwait(false);
            if (!await call.ResponseStream.MoveNext(CancellationToken.None).ConfigureAwait(false) || call.ResponseStream.Current.Seq != count)
            {
                throw new InvalidOperationException("Unexpected answer.");
            }

            latencies[count++] = Stopwatch.GetTimestamp() - start;
            if (count == latencies.Length)
            {
                break;
            }
        }
        while (Stopwatch.GetTimestamp() < until);

        await call.RequestStream.CompleteAsync().ConfigureAwait(false);
        if (await call.ResponseStream.MoveNext(CancellationToken.None).ConfigureAwait(false))
        {
            throw new InvalidOperationException("Unexpected extra answer.");
        }

        return count;
    }

    public ValueTask DisposeAsync()
    {
        _channel.Dispose();
        return ValueTask.CompletedTask;
    }
}
