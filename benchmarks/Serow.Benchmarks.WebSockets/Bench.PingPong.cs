// Licensed under the MIT license. See LICENSE in the project root.

using System.Diagnostics;
using System.Net.WebSockets;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR.Client;
using Serow.Benchmarks.WebSockets;
using Wsbench;
using Wsbench.Chat;

// Ping-pong: one message in flight on one stream, with its latency.
internal sealed partial class Bench
{
    private async Task<long> PingAsync(string transport, TimeSpan time, List<long> latencies)
    {
        var message = Messages.Create();
        var stopwatch = Stopwatch.StartNew();
        long count = 0;
        switch (transport)
        {
            case "Serow":
            {
                var client = new ChatHttpClient(_http, _serowOptions);
                await using var stream = await client.PingAsync();
                while (stopwatch.Elapsed < time)
                {
                    var start = Stopwatch.GetTimestamp();
                    await stream.SendAsync(message);
                    _ = await stream.RecvAsync();
                    latencies.Add(Stopwatch.GetTimestamp() - start);
                    count++;
                }

                await stream.CloseSendAsync();
                break;
            }

            case "raw":
            {
                using var socket = await RawConnectAsync("raw/ping");
                var buffer = new byte[64 * 1024];
                while (stopwatch.Elapsed < time)
                {
                    var start = Stopwatch.GetTimestamp();
                    await socket.SendAsync(JsonSerializer.SerializeToUtf8Bytes(message, RawJson.Default.ChatMessage), WebSocketMessageType.Text, true, CancellationToken.None);
                    var length = await RawReceiveAsync(socket, buffer);
                    _ = JsonSerializer.Deserialize(buffer.AsSpan(0, length), RawJson.Default.ChatMessage);
                    latencies.Add(Stopwatch.GetTimestamp() - start);
                    count++;
                }

                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "end", CancellationToken.None);
                break;
            }

            default:
            {
                await using var connection = await SignalRConnectAsync();
                var channel = Channel.CreateBounded<ChatMessage>(1);
                await using var replies = connection.StreamAsync<ChatMessage>("Ping", channel.Reader).GetAsyncEnumerator();
                while (stopwatch.Elapsed < time)
                {
                    var start = Stopwatch.GetTimestamp();
                    await channel.Writer.WriteAsync(message);
                    await replies.MoveNextAsync();
                    latencies.Add(Stopwatch.GetTimestamp() - start);
                    count++;
                }

                channel.Writer.Complete();
                break;
            }
        }

        return count;
    }
}
