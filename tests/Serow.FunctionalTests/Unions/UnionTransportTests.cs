// Licensed under the MIT license. See LICENSE in the project root.

using Serow.Grpc;
using Serow.Http;
using Unions.Rooms;

namespace Serow.FunctionalTests.Unions;

/// <summary>The union suite in-process.</summary>
public sealed class InProcessUnionTests(RoomsHost host) : UnionSuite(host)
{
    protected override IRoomsClient Client() => new RoomsInProcessClient(new RoomsService());
}

/// <summary>The union suite over gRPC: oneof messages.</summary>
public sealed class GrpcUnionTests(RoomsHost host) : UnionSuite(host), IDisposable
{
    private readonly global::Grpc.Net.Client.GrpcChannel _channel = SerowGrpcChannel.Create(host.GrpcAddress);

    public void Dispose() => _channel.Dispose();

    protected override IRoomsClient Client() => new RoomsGrpcClient(_channel);
}

/// <summary>The union suite over HTTP: REST for unary methods, WebSockets for every stream.</summary>
public sealed class WebSocketUnionTests(RoomsHost host) : UnionSuite(host), IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = host.HttpAddress, Timeout = TimeSpan.FromSeconds(30) };

    public void Dispose() => _http.Dispose();

    protected override IRoomsClient Client() => new RoomsHttpClient(_http);
}

/// <summary>The union suite over HTTP with the server stream as Server-Sent Events.</summary>
public sealed class SseUnionTests(RoomsHost host) : UnionSuite(host), IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = host.HttpAddress, Timeout = TimeSpan.FromSeconds(30) };

    public void Dispose() => _http.Dispose();

    protected override IRoomsClient Client() =>
        new RoomsHttpClient(_http, new SerowHttpClientOptions { ServerStreams = HttpServerStreams.ServerSentEvents });
}
