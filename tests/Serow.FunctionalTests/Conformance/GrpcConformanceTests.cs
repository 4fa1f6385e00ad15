// Licensed under the MIT license. See LICENSE in the project root.

using Conformance.Conformance;
using Grpc.Net.Client;
using Serow.FunctionalTests.Grpc;
using Serow.Grpc;

namespace Serow.FunctionalTests.Conformance;

/// <summary>The conformance suite over gRPC: the generated service on Kestrel (h2c) and the generated gRPC client.</summary>
public sealed class GrpcConformanceTests : ConformanceSuite, IAsyncLifetime
{
    private GrpcTestHost? _host;
    private GrpcChannel? _channel;

    // Socket and HTTP/2 window buffers hold many small results before the server has to wait.
    protected override int BackpressureProbeCount => 20_000;

    public async ValueTask InitializeAsync()
    {
        _host = await GrpcTestHost.StartAsync(Service);
        _channel = SerowGrpcChannel.Create(_host.Address);
    }

    public async ValueTask DisposeAsync()
    {
        _channel?.Dispose();
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }

    protected override Task<IConformanceClient> CreateClientAsync() =>
        Task.FromResult<IConformanceClient>(new ConformanceGrpcClient(_channel!));

    [Fact]
    public Task Shutdown_EndsAnOpenServerStream_WithServerStopping() => AssertStoppingEndsAnOpenServerStreamAsync(() => _host!.StopAsync());

    [Fact]
    public Task Shutdown_EndsAnOpenBidirectionalStream_WithServerStopping() => AssertStoppingEndsAnOpenBidirectionalStreamAsync(() => _host!.StopAsync());
}
