// Licensed under the MIT license. See LICENSE in the project root.

using System.Net;
using Conformance.Conformance;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Serow.FunctionalTests.Http;
using Serow.Http;

namespace Serow.FunctionalTests.Conformance;

/// <summary>
/// The conformance suite over HTTP/2 only: REST calls through an HttpClient whose default version is HTTP/2, and
/// WebSocket streams opened with an extended CONNECT (RFC 8441) through <see cref="SerowHttpClientOptions.WebSocketInvoker"/>,
/// all multiplexed on the invoker's connection to the generated endpoints.
/// </summary>
public sealed class HttpOverHttp2ConformanceTests : ConformanceSuite, IAsyncLifetime
{
    private readonly HttpMessageInvoker _invoker = new(new SocketsHttpHandler());
    private HttpTestHost? _host;
    private HttpClient? _http;

    // HTTP/2 flow control windows and the server's write gathering hold many small results before the sender waits.
    protected override int BackpressureProbeCount => 200_000;

    public async ValueTask InitializeAsync()
    {
        _host = await HttpTestHost.StartAsync(services => services.AddSingleton<IConformanceService>(Service), protocols: HttpProtocols.Http2);
        _http = new HttpClient
        {
            BaseAddress = _host.Address,
            Timeout = TimeSpan.FromSeconds(30),
            DefaultRequestVersion = HttpVersion.Version20,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
    }

    public async ValueTask DisposeAsync()
    {
        _http?.Dispose();
        _invoker.Dispose();
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }

    protected override Task<IConformanceClient> CreateClientAsync() =>
        Task.FromResult<IConformanceClient>(new ConformanceHttpClient(_http!, new SerowHttpClientOptions
        {
            StreamCapacity = 4,
            WebSocketInvoker = _invoker,
            ConfigureWebSocket = socket =>
            {
                socket.HttpVersion = HttpVersion.Version20;
                socket.HttpVersionPolicy = HttpVersionPolicy.RequestVersionExact;
            },
        }));

    [Fact]
    public Task Shutdown_EndsAnOpenServerStream_WithServerStopping() => AssertStoppingEndsAnOpenServerStreamAsync(() => _host!.StopAsync());

    [Fact]
    public Task Shutdown_EndsAnOpenBidirectionalStream_WithServerStopping() => AssertStoppingEndsAnOpenBidirectionalStreamAsync(() => _host!.StopAsync());
}
