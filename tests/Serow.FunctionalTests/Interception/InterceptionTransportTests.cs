// Licensed under the MIT license. See LICENSE in the project root.

using Intercepted.Notes;
using Serow.Grpc;
using Serow.Http;

namespace Serow.FunctionalTests.Interception;

/// <summary>The interceptor suite in-process: the server interceptors run through the in-process client.</summary>
public sealed class InProcessInterceptionTests(InterceptedHost host) : InterceptionSuite(host)
{
    protected override INotesClient TransportClient() =>
        new NotesInProcessClient(new NotesService(Host.Log), new ServerInterceptors(Host.Log));
}

/// <summary>The interceptor suite over gRPC.</summary>
public sealed class GrpcInterceptionTests(InterceptedHost host) : InterceptionSuite(host), IDisposable
{
    private readonly global::Grpc.Net.Client.GrpcChannel _channel = SerowGrpcChannel.Create(host.GrpcAddress);

    public void Dispose() => _channel.Dispose();

    protected override INotesClient TransportClient() => new NotesGrpcClient(_channel);
}

/// <summary>The interceptor suite over HTTP: REST for unary methods, WebSockets for every stream.</summary>
public sealed class WebSocketInterceptionTests(InterceptedHost host) : InterceptionSuite(host), IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = host.HttpAddress, Timeout = TimeSpan.FromSeconds(30) };

    public void Dispose() => _http.Dispose();

    protected override INotesClient TransportClient() => new NotesHttpClient(_http);
}

/// <summary>The interceptor suite over HTTP with server streams as Server-Sent Events.</summary>
public sealed class SseInterceptionTests(InterceptedHost host) : InterceptionSuite(host), IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = host.HttpAddress, Timeout = TimeSpan.FromSeconds(30) };

    public void Dispose() => _http.Dispose();

    protected override INotesClient TransportClient() =>
        new NotesHttpClient(_http, new SerowHttpClientOptions { ServerStreams = HttpServerStreams.ServerSentEvents });
}
