// Licensed under the MIT license. See LICENSE in the project root.

using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Serow.Http.Tests.Runtime;

/// <summary>
/// WebSocket streams over HTTP/2 (RFC 8441, extended CONNECT), with .NET's ClientWebSocket configured through
/// <see cref="SerowHttpClientOptions.ConfigureWebSocket"/> against an HTTP/2-only server: the server writes them as ASP.NET
/// Core writes HTTP/2 WebSockets, and the stream rules hold as over HTTP/1.1.
/// </summary>
public sealed class WebSocketOverHttp2Tests : IAsyncLifetime
{
    private readonly HttpMessageInvoker _invoker = new(new SocketsHttpHandler());
    private TestServer _server = null!;
    private HttpClient _http = null!;

    public async ValueTask InitializeAsync()
    {
        _server = await TestServer.StartAsync(protocols: HttpProtocols.Http2);
        _http = _server.CreateClient();
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        _invoker.Dispose();
        await _server.DisposeAsync();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Echo_HalfCloseAndEnd_OverHttp2(bool batching)
    {
        await using var stream = await NoteClient.ConnectAsync(_http, "notes/echo", Http2(batching));

        for (var i = 0; i < 100; i++)
        {
            await stream.SendAsync(new Note { Text = "n" + i }, Timeouts.Token());
            Assert.Equal("echo: n" + i, (await stream.RecvAsync(Timeouts.Token()))!.Text);
        }

        await stream.CloseSendAsync(Timeouts.Token());
        Assert.Equal("bye", (await stream.RecvAsync(Timeouts.Token()))!.Text);
        Assert.Null(await stream.RecvAsync(Timeouts.Token()));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Burst_ArrivesWholeAndInOrder_ThenTheTypedError(bool batching)
    {
        await using var stream = await NoteClient.ConnectAsync(_http, "notes/burst-fail", Http2(batching));

        for (var i = 0; i < TestServer.BurstCount; i++)
        {
            Assert.Equal("result " + i, (await stream.RecvAsync(Timeouts.Token()))!.Text);
        }

        var error = await Assert.ThrowsAsync<ServiceError>(async () => await stream.RecvAsync(Timeouts.Token()));
        Assert.Equal("teapot", error.Name);
    }

    [Fact]
    public async Task ALoneResult_Arrives_WhileTheHandlerWaits_AndDisposingCancelsIt()
    {
        var stream = await NoteClient.ConnectAsync(_http, "notes/wait", Http2(batching: true));

        Assert.Equal("ready", (await stream.RecvAsync(Timeouts.Token()))!.Text);
        await stream.DisposeAsync();

        Assert.True(await _server.HandlerCancelled.Task.DefaultTimeout());
    }

    [Fact]
    public async Task WithoutAnInvoker_Http2_IsRefusedBeforeConnecting()
    {
        // ClientWebSocket needs an invoker for HTTP/2; the options say which one.
        var options = Http2(batching: false);
        options.WebSocketInvoker = null;

        await Assert.ThrowsAsync<ArgumentException>(() => NoteClient.ConnectAsync(_http, "notes/echo", options));
    }

    [Fact]
    public async Task ManyStreams_ShareTheInvokersConnection()
    {
        var streams = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => NoteClient.ConnectAsync(_http, "notes/echo", Http2(batching: true))));
        try
        {
            await Task.WhenAll(streams.Select(async (stream, i) =>
            {
                await stream.SendAsync(new Note { Text = "s" + i }, Timeouts.Token());
                Assert.Equal("echo: s" + i, (await stream.RecvAsync(Timeouts.Token()))!.Text);
            }));
        }
        finally
        {
            foreach (var stream in streams)
            {
                await stream.DisposeAsync();
            }
        }
    }

    private SerowHttpClientOptions Http2(bool batching) => new()
    {
        Batching = batching,
        WebSocketInvoker = _invoker,
        ConfigureWebSocket = socket =>
        {
            socket.HttpVersion = HttpVersion.Version20;
            socket.HttpVersionPolicy = HttpVersionPolicy.RequestVersionExact;
        },
    };
}
