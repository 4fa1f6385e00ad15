// Licensed under the MIT license. See LICENSE in the project root.

using Conformance.Conformance;
using Serow.FunctionalTests.Http;
using Serow.Http;

namespace Serow.FunctionalTests.Conformance;

/// <summary>
/// The conformance suite over HTTP with <see cref="SerowHttpClientOptions.Batching"/>: client messages and server
/// results gather into JSON array frames (subprotocol <c>serow.v1.batch</c>; small client frames so that many fill
/// up), and every stream behaviour stays the same.
/// </summary>
public sealed class HttpBatchingConformanceTests : ConformanceSuite, IAsyncLifetime
{
    private HttpTestHost? _host;
    private HttpClient? _http;

    // Results travel as 64 KiB array frames here: the socket buffers of loopback hold far more small results than
    // one per frame, so the probe must be larger for the bound to show.
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
        Task.FromResult<IConformanceClient>(new ConformanceHttpClient(_http!, new SerowHttpClientOptions { StreamCapacity = 4, Batching = true, BatchSize = 256 }));
}
