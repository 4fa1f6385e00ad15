// Licensed under the MIT license. See LICENSE in the project root.

using System.Diagnostics;
using Bench;
using Bench.Bench;
using Grpc.Net.Client;
using Serow.Grpc;

namespace Serow.Benchmarks.Grpc.Client;

/// <summary>Serow's generated <see cref="BenchGrpcClient"/> over <see cref="SerowGrpcChannel"/>.</summary>
internal sealed class SerowSide : IBenchSide
{
    private readonly GrpcChannel _channel;
    private readonly IBenchClient _client;

    public SerowSide(Uri address, SerowGrpcClientOptions options, string name = "Serow")
    {
        Name = name;
        _channel = SerowGrpcChannel.Create(address, options);
        _client = new BenchGrpcClient(_channel, options);
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

    public async Task<long> DownloadAsync(int count, string text, bool intercepted = false) => intercepted
        ? await ReceiveAllAsync(await _client.DownloadInterceptedAsync(new DownloadInterceptedPayload { Count = count, Text = text }).ConfigureAwait(false)).ConfigureAwait(false)
        : await ReceiveAllAsync(await _client.DownloadAsync(new DownloadPayload { Count = count, Text = text }).ConfigureAwait(false)).ConfigureAwait(false);

    private static async Task<long> ReceiveAllAsync<TStream>(TStream opened)
        where TStream : Serow.Streaming.IStreamReceiver<Message>, IAsyncDisposable
    {
        await using var stream = opened;
        long received = 0;
        while (await stream.RecvAsync().ConfigureAwait(false) is not null)
        {
            received++;
        }

        return received;
    }

    public async Task<long> UploadAsync(long until, string text)
    {
        await using var stream = await _client.UploadAsync().ConfigureAwait(false);
        var sent = 0;
        do
        {
            for (var i = 0; i < 256; i++)
            {
                await stream.SendAsync(new Message { Id = 1, Seq = sent++, Text = text }).ConfigureAwait(false);
            }
        }
        while (Stopwatch.GetTimestamp() < until);

        var result = await stream.CloseAndRecvAsync().ConfigureAwait(false);
        return result.Count == sent ? sent : throw new InvalidOperationException($"Sent {sent}, the server counted {result.Count}.");
    }

    public async Task<long> PingAsync(long until, string text, long[] latencies, bool intercepted = false) => intercepted
        ? await PingAsync(await _client.PingInterceptedAsync().ConfigureAwait(false), until, text, latencies).ConfigureAwait(false)
        : await PingAsync(await _client.PingAsync().ConfigureAwait(false), until, text, latencies).ConfigureAwait(false);

    private static async Task<long> PingAsync<TStream>(TStream opened, long until, string text, long[] latencies)
        where TStream : Serow.Streaming.IStreamSender<Message>, Serow.Streaming.IStreamReceiver<Message>, Serow.Streaming.IHalfClosableStream, IAsyncDisposable
    {
        await using var stream = opened;
        var count = 0;
        do
        {
            var start = Stopwatch.GetTimestamp();
            await stream.SendAsync(new Message { Id = 1, Seq = count, Text = text }).ConfigureAwait(false);
            var answer = await stream.RecvAsync().ConfigureAwait(false);
            var end = Stopwatch.GetTimestamp();
            if (answer is null || answer.Seq != count)
            {
                throw new InvalidOperationException("Unexpected answer.");
            }

            latencies[count++] = end - start;
            if (count == latencies.Length)
            {
                break;
            }
        }
        while (Stopwatch.GetTimestamp() < until);

        await stream.CloseSendAsync().ConfigureAwait(false);
        if (await stream.RecvAsync().ConfigureAwait(false) is not null)
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
