// Licensed under the MIT license. See LICENSE in the project root.

using Conformance.Conformance;
using Serow.Grpc;
using Serow.Http;

namespace Serow.ReliabilityTests;

/// <summary>One kind of stream the reliability tests open: a transport and a pattern.</summary>
internal sealed record StreamKind(string Name, Func<CancellationToken, Task<Func<Task>>> Open);

/// <summary>Clients of every transport against a <see cref="HostProcess"/>, and the kinds of stream they open.</summary>
internal sealed class Clients : IDisposable
{
    private readonly global::Grpc.Net.Client.GrpcChannel _channel;
    private readonly HttpClient _http;

    public Clients(HostProcess server)
    {
        _channel = SerowGrpcChannel.Create(server.Grpc);
        _http = new HttpClient { BaseAddress = server.Http, Timeout = TimeSpan.FromSeconds(60) };
        Grpc = new ConformanceGrpcClient(_channel);
        WebSocket = new ConformanceHttpClient(_http);
        Sse = new ConformanceHttpClient(_http, new SerowHttpClientOptions { ServerStreams = HttpServerStreams.ServerSentEvents });
    }

    public IConformanceClient Grpc { get; }

    public IConformanceClient WebSocket { get; }

    public IConformanceClient Sse { get; }

    /// <summary>
    /// Every kind of stream: a server stream (one result, then the server waits) and a bidirectional stream (one
    /// exchange), per transport. Opening returns what reads the stream's next outcome.
    /// </summary>
    public IReadOnlyList<StreamKind> Kinds =>
    [
        new("gRPC server stream", token => ServerStreamAsync(Grpc, token)),
        new("gRPC bidirectional", token => ChatAsync(Grpc, token)),
        new("WebSocket server stream", token => ServerStreamAsync(WebSocket, token)),
        new("WebSocket bidirectional", token => ChatAsync(WebSocket, token)),
        new("Server-Sent Events", token => ServerStreamAsync(Sse, token)),
    ];

    /// <summary>Opens <paramref name="perKind"/> streams of every kind; returns what reads each one's next outcome.</summary>
    public async Task<List<(string Kind, Func<Task> Read)>> OpenAllAsync(int perKind, CancellationToken token)
    {
        var open = new List<(string, Func<Task>)>();
        foreach (var kind in Kinds)
        {
            var reads = await Bounded.RunAsync(perKind, 32, _ => kind.Open(token));
            open.AddRange(reads.Select(r => (kind.Name, r)));
        }

        return open;
    }

    public void Dispose()
    {
        _channel.Dispose();
        _http.Dispose();
    }

    private static async Task<Func<Task>> ServerStreamAsync(IConformanceClient client, CancellationToken token)
    {
        var stream = await client.CountAsync(new CountPayload { To = 1, WaitForCancel = true }, token);
        if ((await stream.RecvAsync(token))?.Value != 1)
        {
            throw new InvalidOperationException("the first result did not arrive");
        }

        return async () =>
        {
            await using (stream)
            {
                await stream.RecvAsync(token);
            }
        };
    }

    private static async Task<Func<Task>> ChatAsync(IConformanceClient client, CancellationToken token)
    {
        var stream = await client.ChatAsync(token);
        await stream.SendAsync(new ChatStreamingPayload { Text = "hi" }, token);
        if ((await stream.RecvAsync(token))?.Text != "echo: hi")
        {
            throw new InvalidOperationException("the first answer did not arrive");
        }

        return async () =>
        {
            await using (stream)
            {
                await stream.RecvAsync(token);
            }
        };
    }
}
