// Licensed under the MIT license. See LICENSE in the project root.

using System.Net.WebSockets;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.SignalR;
using Wsbench;
using Wsbench.Chat;

namespace Serow.Benchmarks.WebSockets;

/// <summary>The benchmark server: Serow's generated endpoints, raw WebSocket endpoints and a SignalR hub on one Kestrel port.</summary>
internal static class Server
{
    public static async Task RunAsync(int port, bool signalR)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<IChatService, ChatService>();
        // SEROW_BENCH_BUFFER_WRITES=false: every frame flushed on its own (the comparison for SerowHttpOptions.BufferWrites).
        builder.Services.AddChatHttp(o => o.BufferWrites = Environment.GetEnvironmentVariable("SEROW_BENCH_BUFFER_WRITES") != "false");
        if (signalR)
        {
            builder.Services.AddSignalR(o => o.MaximumParallelInvocationsPerClient = 2).AddJsonProtocol();
        }

        // TypedResults.ServerSentEvents serializes with the minimal APIs' JSON options: the same snake_case contract.
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, RawJson.Default));
        var app = builder.Build();
        app.UseWebSockets();
        app.MapChatHttp();
        if (signalR)
        {
            app.MapHub<ChatHub>("/hub");
        }

        app.Map("/raw/download/{count:int}", RawDownloadAsync);
        app.Map("/raw/upload", RawUploadAsync);
        app.Map("/raw/ping", RawPingAsync);
        app.Map("/raw/idle", RawIdleAsync);
        app.MapGet("/raw/events/{count:int}", (int count, CancellationToken token) => TypedResults.ServerSentEvents(RawEventsAsync(count, token)));
        app.MapGet("/raw/idle-events", (CancellationToken token) => TypedResults.ServerSentEvents(RawIdleEventsAsync(token)));
        app.MapGet("/stats", (bool? full) =>
        {
            if (full == true)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
                GC.Collect();
            }

            using var process = System.Diagnostics.Process.GetCurrentProcess();
            return new Stats(GC.GetTotalAllocatedBytes(true), process.WorkingSet64, GC.GetTotalMemory(false), Environment.CpuUsage.TotalTime.Ticks, ThreadPool.CompletedWorkItemCount, System.Runtime.JitInfo.GetCompiledMethodCount());
        });
        await app.RunAsync();
    }

    // The floor an idle stream can reach on ASP.NET Core: one message sent, then a zero-byte receive (no buffer held)
    // until the client closes.
    private static async Task RawIdleAsync(HttpContext context)
    {
        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        try
        {
            await socket.SendAsync(JsonSerializer.SerializeToUtf8Bytes(Messages.Create(), RawJson.Default.ChatMessage), WebSocketMessageType.Text, true, context.RequestAborted);
            while ((await socket.ReceiveAsync(Memory<byte>.Empty, context.RequestAborted)).MessageType != WebSocketMessageType.Close)
            {
            }

            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "end", CancellationToken.None);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException)
        {
        }
    }

    private static async IAsyncEnumerable<ChatMessage> RawEventsAsync(int count, [EnumeratorCancellation] CancellationToken token)
    {
        var message = Messages.Create();
        for (var i = 0; i < count && !token.IsCancellationRequested; i++)
        {
            message.Timestamp = i;
            yield return message;
        }

        await Task.CompletedTask;
    }

    // One event, then open until the client leaves (the request's token).
    private static async IAsyncEnumerable<ChatMessage> RawIdleEventsAsync([EnumeratorCancellation] CancellationToken token)
    {
        yield return Messages.Create();
        try
        {
            await Task.Delay(Timeout.Infinite, token);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static async Task RawDownloadAsync(HttpContext context, int count)
    {
        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        var message = Messages.Create();
        var token = context.RequestAborted;
        try
        {
            for (var i = 0; i < count; i++)
            {
                message.Timestamp = i;
                await socket.SendAsync(JsonSerializer.SerializeToUtf8Bytes(message, RawJson.Default.ChatMessage), WebSocketMessageType.Text, true, token);
            }

            await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "end", token);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException)
        {
        }
    }

    private static async Task RawUploadAsync(HttpContext context)
    {
        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        var buffer = new byte[64 * 1024];
        long count = 0;
        try
        {
            while (true)
            {
                var length = 0;
                ValueWebSocketReceiveResult result;
                do
                {
                    result = await socket.ReceiveAsync(buffer.AsMemory(length), context.RequestAborted);
                    length += result.Count;
                }
                while (!result.EndOfMessage);

                if (result.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                _ = JsonSerializer.Deserialize(buffer.AsSpan(0, length), RawJson.Default.ChatMessage);
                count++;
            }

            await socket.SendAsync(JsonSerializer.SerializeToUtf8Bytes(count), WebSocketMessageType.Text, true, context.RequestAborted);
            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "end", context.RequestAborted);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException)
        {
        }
    }

    private static async Task RawPingAsync(HttpContext context)
    {
        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        var buffer = new byte[64 * 1024];
        try
        {
            while (true)
            {
                var length = 0;
                ValueWebSocketReceiveResult result;
                do
                {
                    result = await socket.ReceiveAsync(buffer.AsMemory(length), context.RequestAborted);
                    length += result.Count;
                }
                while (!result.EndOfMessage);

                if (result.MessageType == WebSocketMessageType.Close)
                {
                    await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "end", context.RequestAborted);
                    return;
                }

                var message = JsonSerializer.Deserialize(buffer.AsSpan(0, length), RawJson.Default.ChatMessage)!;
                await socket.SendAsync(JsonSerializer.SerializeToUtf8Bytes(message, RawJson.Default.ChatMessage), WebSocketMessageType.Text, true, context.RequestAborted);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException)
        {
        }
    }
}

internal sealed record Stats(long Allocated, long WorkingSet, long Heap, long CpuTicks, long WorkItems, long JitMethods);

/// <summary>The Serow implementation of the benchmark's service.</summary>
internal sealed class ChatService : IChatService
{
    public async Task DownloadAsync(DownloadPayload payload, IChatDownloadServerStream stream, CancellationToken cancellationToken)
    {
        var message = Messages.Create();
        for (var i = 0; i < payload.Count; i++)
        {
            message.Timestamp = i;
            await stream.SendAsync(message, cancellationToken);
        }
    }

    public async Task UploadAsync(IChatUploadServerStream stream, CancellationToken cancellationToken)
    {
        long count = 0;
        while (await stream.RecvAsync(cancellationToken) is not null)
        {
            count++;
        }

        await stream.SendAndCloseAsync(new UploadResult { Count = count }, cancellationToken);
    }

    public async Task PingAsync(IChatPingServerStream stream, CancellationToken cancellationToken)
    {
        while (await stream.RecvAsync(cancellationToken) is { } message)
        {
            await stream.SendAsync(message, cancellationToken);
        }
    }

    public async Task EventsAsync(EventsPayload payload, IChatEventsServerStream stream, CancellationToken cancellationToken)
    {
        var message = Messages.Create();
        for (var i = 0; i < payload.Count; i++)
        {
            message.Timestamp = i;
            await stream.SendAsync(message, cancellationToken);
        }
    }

    public async Task IdleEventsAsync(IChatIdleEventsServerStream stream, CancellationToken cancellationToken)
    {
        await stream.SendAsync(Messages.Create(), cancellationToken);
        await Task.Delay(Timeout.Infinite, cancellationToken);
    }

    public async Task IdleAsync(IChatIdleServerStream stream, CancellationToken cancellationToken)
    {
        await stream.SendAsync(Messages.Create(), cancellationToken);
        await Task.Delay(Timeout.Infinite, cancellationToken);
    }
}

/// <summary>The SignalR hub: the same three streams.</summary>
internal sealed class ChatHub : Hub
{
    public async IAsyncEnumerable<ChatMessage> Download(int count, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var message = Messages.Create();
        for (var i = 0; i < count && !cancellationToken.IsCancellationRequested; i++)
        {
            message.Timestamp = i;
            yield return message;
        }

        await Task.CompletedTask;
    }

    public async Task<long> Upload(IAsyncEnumerable<ChatMessage> messages)
    {
        long count = 0;
        await foreach (var _ in messages)
        {
            count++;
        }

        return count;
    }

    public IAsyncEnumerable<ChatMessage> Ping(IAsyncEnumerable<ChatMessage> messages) => messages;
}

internal static class Messages
{
    public static readonly string Text = new('x', 80);

    public static ChatMessage Create() => new() { Message = Text, UserId = 123456, Timestamp = 1_700_000_000_000 };
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(ChatMessage))]
[JsonSerializable(typeof(long))]
internal sealed partial class RawJson : JsonSerializerContext;
