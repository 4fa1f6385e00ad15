// Licensed under the MIT license. See LICENSE in the project root.

using Conformance.Conformance;
using Serow.FunctionalTests.Http;
using Serow.Http;

namespace Serow.FunctionalTests.Conformance;

/// <summary>
/// The unary and server-streaming part of the conformance suite over HTTP with server streams received as Server-Sent
/// Events (the same endpoints the WebSocket suite uses, asked for <c>text/event-stream</c>).
/// </summary>
public sealed class SseConformanceTests : ServerStreamConformance, IAsyncLifetime
{
    private HttpTestHost? _host;
    private HttpClient? _http;

    // The server flushes events sent in a row together (SerowHttpOptions.BufferWrites): the socket buffers of loopback
    // then hold far more small events than when each is flushed alone, so the probe must be larger for the bound to show.
    protected override int BackpressureProbeCount => 200_000;

    public async ValueTask InitializeAsync()
    {
        _host = await HttpTestHost.StartAsync(Service);
        _http = _host.CreateHttpClient();
    }

    public async ValueTask DisposeAsync()
    {
        _http?.Dispose();
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }

    [Fact]
    public Task Shutdown_EndsAnOpenServerStream_WithServerStopping() => AssertStoppingEndsAnOpenServerStreamAsync(() => _host!.StopAsync());

    protected override Task<IConformanceClient> CreateClientAsync() =>
        Task.FromResult<IConformanceClient>(new ConformanceHttpClient(_http!, new SerowHttpClientOptions { ServerStreams = HttpServerStreams.ServerSentEvents }));
}
