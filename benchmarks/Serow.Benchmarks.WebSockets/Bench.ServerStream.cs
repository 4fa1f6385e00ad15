// Licensed under the MIT license. See LICENSE in the project root.

using System.Diagnostics;
using System.Net.WebSockets;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Serow.Benchmarks.WebSockets;
using Wsbench;
using Wsbench.Chat;

// Server streaming: calls of a fixed number of messages, one after the other.
internal sealed partial class Bench
{
    private Task<long> DownloadAsync(string transport, TimeSpan time, int size) =>
        RepeatAsync(time, () => DownloadOnceAsync(transport, size));

    private async Task<long> DownloadOnceAsync(string transport, int size)
    {
        long count = 0;
        switch (transport)
        {
            case "Serow":
            {
                var client = new ChatHttpClient(_http, _serowOptions);
                await using var stream = await client.DownloadAsync(new DownloadPayload { Count = size });
                while (await stream.RecvAsync() is not null)
                {
                    count++;
                }

                break;
            }

            case "raw":
            {
                using var socket = await RawConnectAsync($"raw/download/{size}");
                var buffer = new byte[64 * 1024];
                while (true)
                {
                    var length = await RawReceiveAsync(socket, buffer);
                    if (length < 0)
                    {
                        break;
                    }

                    _ = JsonSerializer.Deserialize(buffer.AsSpan(0, length), RawJson.Default.ChatMessage);
                    count++;
                }

                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "end", CancellationToken.None);
                break;
            }

            default:
            {
                await using var connection = await SignalRConnectAsync();
                await foreach (var _ in connection.StreamAsync<ChatMessage>("Download", size))
                {
                    count++;
                }

                break;
            }
        }

        if (count != size)
        {
            throw new InvalidOperationException($"{transport} delivered {count} of {size} messages");
        }

        return count;
    }
}
