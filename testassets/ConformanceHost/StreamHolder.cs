// Licensed under the MIT license. See LICENSE in the project root.

using Conformance.Conformance;
using Serow.Grpc;
using Serow.Http;

namespace Serow.ConformanceHost;

/// <summary>A client process that holds streams of every kind open until it is killed (the client-kill test).</summary>
internal static class StreamHolder
{
    public static async Task<int> RunAsync(Uri grpc, Uri http, int count, string kinds)
    {
        using var channel = SerowGrpcChannel.Create(grpc);
        using var httpClient = new HttpClient { BaseAddress = http };
        var clients = new List<IConformanceClient>();
        if (kinds.Contains('g', StringComparison.Ordinal))
        {
            clients.Add(new ConformanceGrpcClient(channel));
        }

        if (kinds.Contains('w', StringComparison.Ordinal))
        {
            clients.Add(new ConformanceHttpClient(httpClient));
        }

        if (kinds.Contains('s', StringComparison.Ordinal))
        {
            clients.Add(new ConformanceHttpClient(httpClient, new SerowHttpClientOptions { ServerStreams = HttpServerStreams.ServerSentEvents }));
        }

        var held = new List<object>();
        foreach (var client in clients)
        {
            for (var i = 0; i < count; i++)
            {
                var stream = await client.CountAsync(new CountPayload { To = 1, WaitForCancel = true });
                await stream.RecvAsync();
                held.Add(stream);
                var chat = await client.ChatAsync();
                await chat.SendAsync(new ChatStreamingPayload { Text = "hi" });
                await chat.RecvAsync();
                held.Add(chat);
            }
        }

        Console.WriteLine($"open {held.Count}");
        await Task.Delay(Timeout.Infinite);
        return 0;
    }
}
