// Licensed under the MIT license. See LICENSE in the project root.

using System.Diagnostics;
using System.Net.WebSockets;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR.Client;
using Serow.Benchmarks.WebSockets;
using Wsbench;
using Wsbench.Chat;

// Client streaming: messages sent for the duration, then the count asked for.
internal sealed partial class Bench
{
    private async Task<long> UploadAsync(string transport, TimeSpan time)
    {
        var message = Messages.Create();
        var stopwatch = Stopwatch.StartNew();
        switch (transport)
        {
            case "Serow":
            {
                var client = new ChatHttpClient(_http, _serowOptions);
                await using var stream = await client.UploadAsync();
                while (stopwatch.Elapsed < time)
                {
                    for (var i = 0; i < 100; i++)
                    {
                        await stream.SendAsync(message);
                    }
                }

                return (await stream.CloseAndRecvAsync()).Count;
            }

            case "raw":
            {
                using var socket = await RawConnectAsync("raw/upload");
                while (stopwatch.Elapsed < time)
                {
                    for (var i = 0; i < 100; i++)
                    {
                        await socket.SendAsync(JsonSerializer.SerializeToUtf8Bytes(message, RawJson.Default.ChatMessage), WebSocketMessageType.Text, true, CancellationToken.None);
                    }
                }

                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "end", CancellationToken.None);
                var buffer = new byte[1024];
                var length = await RawReceiveAsync(socket, buffer);
                return JsonSerializer.Deserialize<long>(buffer.AsSpan(0, length));
            }

            default:
            {
                await using var connection = await SignalRConnectAsync();
                var channel = Channel.CreateBounded<ChatMessage>(1000);
                var result = connection.InvokeAsync<long>("Upload", channel.Reader);
                while (stopwatch.Elapsed < time)
                {
                    for (var i = 0; i < 100; i++)
                    {
                        await channel.Writer.WriteAsync(message);
                    }
                }

                channel.Writer.Complete();
                return await result;
            }
        }
    }
}
