// Licensed under the MIT license. See LICENSE in the project root.

using Conformance.Conformance;
using Grpc.Net.Client;
using Serow.FunctionalTests.Grpc;
using Serow.Grpc;

namespace Serow.FunctionalTests.Conformance;

/// <summary>
/// The conformance suite over gRPC with <see cref="SerowGrpcClientOptions.BufferWrites"/>: request messages written
/// while a send is in flight leave together, and every stream behaviour stays the same.
/// </summary>
public sealed class GrpcBufferedWritesConformanceTests : ConformanceSuite, IAsyncLifetime
{
    private static readonly SerowGrpcClientOptions Options = new() { BufferWrites = true };
    private GrpcTestHost? _host;
    private GrpcChannel? _channel;

    protected override int BackpressureProbeCount => 20_000;

    public async ValueTask InitializeAsync()
    {
        _host = await GrpcTestHost.StartAsync(Service);
        _channel = SerowGrpcChannel.Create(_host.Address, Options);
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
        Task.FromResult<IConformanceClient>(new ConformanceGrpcClient(_channel!, Options));
}
