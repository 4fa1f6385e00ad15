// Licensed under the MIT license. See LICENSE in the project root.

using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Serow.Http;
using Serow.Http.WebSockets;

namespace Serow.Http.Tests.Runtime;

/// <summary>The <c>serow.v1.batch</c> subprotocol: the server accepts array frames, the client gathers messages into them.</summary>
public sealed class BatchingTests
{
    [Fact]
    public async Task Server_AcceptsArrayFramesUnderTheSubprotocol_AndSingleMessagesWithout()
    {
        await using var server = await TestServer.StartAsync();
        using var batched = new ClientWebSocket();
        batched.Options.AddSubProtocol(WebSocketProtocol.BatchSubprotocol);
        await batched.ConnectAsync(server.WebSocketAddress("notes/echo"), Timeouts.Token());
        Assert.Equal(WebSocketProtocol.BatchSubprotocol, batched.SubProtocol);

        await batched.SendAsync("[{\"text\":\"a\"},{\"text\":\"b\"}]"u8.ToArray(), WebSocketMessageType.Text, true, Timeouts.Token());
        await batched.SendAsync("[{\"text\":\"c\"}]"u8.ToArray(), WebSocketMessageType.Text, true, Timeouts.Token());
        await batched.SendAsync("null"u8.ToArray(), WebSocketMessageType.Text, true, Timeouts.Token());
        Assert.Equal(["echo: a", "echo: b", "echo: c", "bye"], await ReadNotesAsync(batched));

        using var plain = new ClientWebSocket();
        await plain.ConnectAsync(server.WebSocketAddress("notes/echo"), Timeouts.Token());
        Assert.Null(plain.SubProtocol);
        await plain.SendAsync("{\"text\":\"a\"}"u8.ToArray(), WebSocketMessageType.Text, true, Timeouts.Token());
        await plain.SendAsync("null"u8.ToArray(), WebSocketMessageType.Text, true, Timeouts.Token());
        Assert.Equal(["echo: a", "bye"], await ReadNotesAsync(plain));
    }

    [Fact]
    public async Task Server_RefusesAFrameThatIsNotAnArray_UnderTheSubprotocol()
    {
        await using var server = await TestServer.StartAsync();
        using var socket = new ClientWebSocket();
        socket.Options.AddSubProtocol(WebSocketProtocol.BatchSubprotocol);
        await socket.ConnectAsync(server.WebSocketAddress("notes/echo"), Timeouts.Token());

        await socket.SendAsync("{\"text\":\"a\"}"u8.ToArray(), WebSocketMessageType.Text, true, Timeouts.Token());

        await ReadNotesAsync(socket);
        Assert.Equal(WebSocketCloseStatus.InvalidPayloadData, socket.CloseStatus);
    }

    [Fact]
    public async Task Client_GathersMessagesIntoBoundedArrayFrames_InOrder()
    {
        const int Count = 5000;
        const int BatchSize = 512;
        await using var host = await FrameRecorder.StartAsync();
        using var http = new HttpClient { BaseAddress = host.Address };
        var options = new SerowHttpClientOptions { Batching = true, BatchSize = BatchSize };

        await using var stream = await NoteClient.ConnectAsync(http, "frames", options);
        for (var i = 0; i < Count; i++)
        {
            await stream.SendAsync(new Note { Text = "message " + i }, Timeouts.Token());
        }

        await stream.CloseAsync(Timeouts.Token());
        var frames = await host.Frames.Task.DefaultTimeout();

        Assert.Equal(WebSocketProtocol.BatchSubprotocol, host.SubProtocol);
        var texts = new List<string>();
        foreach (var frame in frames)
        {
            var notes = JsonSerializer.Deserialize(frame, SerowJson.TypeInfo<Note[]>(BatchJsonContext.Default))!;
            Assert.True(notes.Length == 1 || Encoding.UTF8.GetByteCount(frame) <= BatchSize, $"a frame of {notes.Length} messages is over the limit");
            texts.AddRange(notes.Select(n => n.Text!));
        }

        Assert.Equal(Enumerable.Range(0, Count).Select(i => "message " + i), texts);
        Assert.True(frames.Count < Count, "messages sent while a frame was written gather into the next one");
    }

    [Fact]
    public async Task Client_SendsOneMessagePerFrame_WithoutBatching()
    {
        await using var host = await FrameRecorder.StartAsync();
        using var http = new HttpClient { BaseAddress = host.Address };

        await using var stream = await NoteClient.ConnectAsync(http, "frames", new SerowHttpClientOptions());
        await stream.SendAsync(new Note { Text = "a" }, Timeouts.Token());
        await stream.SendAsync(new Note { Text = "b" }, Timeouts.Token());
        await stream.CloseAsync(Timeouts.Token());

        Assert.Null(host.SubProtocol);
        Assert.Equal(["{\"text\":\"a\"}", "{\"text\":\"b\"}"], await host.Frames.Task.DefaultTimeout());
    }

    [Fact]
    public async Task Server_GathersResultsSentInARowIntoBoundedArrayFrames_InOrder()
    {
        await using var server = await TestServer.StartAsync();
        using var socket = new ClientWebSocket();
        socket.Options.AddSubProtocol(WebSocketProtocol.BatchSubprotocol);
        await socket.ConnectAsync(server.WebSocketAddress("notes/burst"), Timeouts.Token());

        var frames = await ReadFramesAsync(socket);

        var texts = new List<string>();
        foreach (var frame in frames)
        {
            var notes = JsonSerializer.Deserialize(frame, SerowJson.TypeInfo<Note[]>(BatchJsonContext.Default))!;
            Assert.True(notes.Length == 1 || Encoding.UTF8.GetByteCount(frame) <= new SerowHttpOptions().BatchSize, $"a frame of {notes.Length} results is over the limit");
            texts.AddRange(notes.Select(n => n.Text!));
        }

        Assert.Equal(Enumerable.Range(0, TestServer.BurstCount).Select(i => "result " + i), texts);
        Assert.True(frames.Count < TestServer.BurstCount, "results sent in a row gather into array frames");
        Assert.Equal(WebSocketCloseStatus.NormalClosure, socket.CloseStatus);
    }

    [Fact]
    public async Task Server_SendsOneResultPerFrame_WithoutTheSubprotocol()
    {
        await using var server = await TestServer.StartAsync();
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(server.WebSocketAddress("notes/burst"), Timeouts.Token());

        var frames = await ReadFramesAsync(socket);

        Assert.Equal(TestServer.BurstCount, frames.Count);
        Assert.All(frames, frame => Assert.StartsWith("{", frame, StringComparison.Ordinal));
    }

    [Fact]
    public async Task BatchingClient_ReceivesEveryGatheredResult_ThenTheTypedError()
    {
        await using var server = await TestServer.StartAsync();
        using var http = server.CreateClient();
        var options = new SerowHttpClientOptions { Batching = true };

        await using var stream = await NoteClient.ConnectAsync(http, "notes/burst-fail", options);
        var received = 0;
        var error = await Assert.ThrowsAsync<ServiceError>(async () =>
        {
            while (await stream.RecvAsync(Timeouts.Token()) is { } note)
            {
                Assert.Equal("result " + received, note.Text);
                received++;
            }
        });

        Assert.Equal(TestServer.BurstCount, received);
        Assert.Equal("teapot", error.Name);
        Assert.Equal("failed after the burst", error.Message);
    }

    [Fact]
    public async Task BatchingClient_ReceivesASingleResultAtOnce_WhenTheHandlerWaits()
    {
        await using var server = await TestServer.StartAsync();
        using var http = server.CreateClient();
        var options = new SerowHttpClientOptions { Batching = true };

        await using var stream = await NoteClient.ConnectAsync(http, "notes/wait", options);

        // The handler sends one result and then waits forever: the gathered frame must not wait for more.
        var note = await stream.RecvAsync(Timeouts.Token());

        Assert.Equal("ready", note!.Text);
    }

    private static async Task<List<string>> ReadFramesAsync(ClientWebSocket socket)
    {
        var frames = new List<string>();
        var buffer = new byte[1024 * 1024];
        for (var i = 0; i < TestServer.BurstCount + 10; i++)
        {
            var length = 0;
            ValueWebSocketReceiveResult result;
            do
            {
                result = await socket.ReceiveAsync(buffer.AsMemory(length), Timeouts.Token());
                length += result.Count;
            }
            while (!result.EndOfMessage && result.MessageType != WebSocketMessageType.Close);

            if (result.MessageType == WebSocketMessageType.Close)
            {
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "closed", Timeouts.Token());
                return frames;
            }

            frames.Add(Encoding.UTF8.GetString(buffer, 0, length));
        }

        throw new InvalidOperationException("no close frame");
    }

    private static async Task<List<string>> ReadNotesAsync(ClientWebSocket socket)
    {
        var texts = new List<string>();
        var buffer = new byte[64 * 1024];
        for (var i = 0; i < 100; i++)
        {
            var length = 0;
            ValueWebSocketReceiveResult result;
            do
            {
                result = await socket.ReceiveAsync(buffer.AsMemory(length), Timeouts.Token());
                length += result.Count;
            }
            while (!result.EndOfMessage && result.MessageType != WebSocketMessageType.Close);

            if (result.MessageType == WebSocketMessageType.Close)
            {
                return texts;
            }

            var text = Encoding.UTF8.GetString(buffer, 0, length);
            if (text.StartsWith('['))
            {
                // Under the subprotocol the server's results come as arrays too.
                texts.AddRange(JsonSerializer.Deserialize(text, SerowJson.TypeInfo<Note[]>(BatchJsonContext.Default))!.Select(n => n.Text!));
            }
            else if (!text.StartsWith("{\"$serow.error\"", StringComparison.Ordinal))
            {
                texts.Add(JsonSerializer.Deserialize(text, SerowJson.TypeInfo<Note>(TestJsonContext.Default))!.Text!);
            }
        }

        throw new InvalidOperationException("no close frame after 100 frames");
    }

    /// <summary>A Kestrel endpoint that records every text frame of one WebSocket until the client's close.</summary>
    private sealed class FrameRecorder : IAsyncDisposable
    {
        private readonly WebApplication _app;

        private FrameRecorder(WebApplication app) => _app = app;

        public Uri Address { get; private set; } = null!;

        public string? SubProtocol { get; private set; }

        public TaskCompletionSource<List<string>> Frames { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public static async Task<FrameRecorder> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            var app = builder.Build();
            var recorder = new FrameRecorder(app);
            app.UseWebSockets();
            app.MapGet("/frames", recorder.RecordAsync);
            await app.StartAsync();
            recorder.Address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/");
            return recorder;
        }

        public async ValueTask DisposeAsync()
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _app.StopAsync(timeout.Token);
            await _app.DisposeAsync();
        }

        private async Task RecordAsync(HttpContext context)
        {
            var requested = context.WebSockets.WebSocketRequestedProtocols.Contains(WebSocketProtocol.BatchSubprotocol);
            SubProtocol = requested ? WebSocketProtocol.BatchSubprotocol : null;
            using var socket = await context.WebSockets.AcceptWebSocketAsync(SubProtocol);
            var frames = new List<string>();
            var buffer = new byte[1024 * 1024];
            using var timeout = new CancellationTokenSource(Timeouts.Default);
            while (true)
            {
                var length = 0;
                ValueWebSocketReceiveResult result;
                do
                {
                    result = await socket.ReceiveAsync(buffer.AsMemory(length), timeout.Token);
                    length += result.Count;
                }
                while (!result.EndOfMessage);

                var text = Encoding.UTF8.GetString(buffer, 0, length);
                if (result.MessageType == WebSocketMessageType.Close || text == "null")
                {
                    // The client's end of input (the null frame): end the results, then complete the close handshake.
                    await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "end of results", timeout.Token);
                    Frames.TrySetResult(frames);
                    while (socket.State == WebSocketState.CloseSent && (await socket.ReceiveAsync(buffer.AsMemory(), timeout.Token)).MessageType != WebSocketMessageType.Close)
                    {
                    }

                    return;
                }

                frames.Add(text);
            }
        }
    }
}

[System.Text.Json.Serialization.JsonSerializable(typeof(Note[]))]
internal sealed partial class BatchJsonContext : System.Text.Json.Serialization.JsonSerializerContext;
