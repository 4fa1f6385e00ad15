// Licensed under the MIT license. See LICENSE in the project root.

using Conformance.Conformance;
using Serow.FunctionalTests.Http;
using Serow.Http;

namespace Serow.FunctionalTests.Conformance;

/// <summary>The conformance suite over the generated HTTP client: REST for unary methods, WebSockets for streams, real Kestrel.</summary>
public sealed class HttpConformanceTests : ConformanceSuite, IAsyncLifetime
{
    private HttpTestHost? _host;
    private HttpClient? _http;

    // The server gathers frames into writes of up to 64 KiB (SerowHttpOptions.BufferWrites): the socket buffers of
    // loopback then hold far more small frames than when each is written alone, so the probe must be larger for the
    // bound to show.
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

    protected override Task<IConformanceClient> CreateClientAsync() =>
        Task.FromResult<IConformanceClient>(new ConformanceHttpClient(_http!, new SerowHttpClientOptions { StreamCapacity = 4 }));

    [Fact]
    public Task Shutdown_EndsAnOpenServerStream_WithServerStopping() => AssertStoppingEndsAnOpenServerStreamAsync(() => _host!.StopAsync());

    [Fact]
    public Task Shutdown_EndsAnOpenBidirectionalStream_WithServerStopping() => AssertStoppingEndsAnOpenBidirectionalStreamAsync(() => _host!.StopAsync());
}
