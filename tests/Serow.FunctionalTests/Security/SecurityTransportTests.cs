// Licensed under the MIT license. See LICENSE in the project root.

using Microsoft.Extensions.DependencyInjection;
using Secured.Vault;
using Serow.Grpc;
using Serow.Http;
using Serow.InProcess;
using Serow.Security;

namespace Serow.FunctionalTests.Security;

/// <summary>The security suite in-process, with the host's own authorizer (its ASP.NET Core authentication).</summary>
public sealed class InProcessSecurityTests(SecuredHost host) : SecuritySuite(host)
{
    protected override string UnaryTransport => "inprocess";

    protected override string StreamTransport => "inprocess";

    protected override IVaultClient Client(CallCredentials? credentials) =>
        new VaultInProcessClient(Host.Services.GetRequiredService<IVaultService>(), new InProcessOptions
        {
            Authorizer = Host.Services.GetRequiredService<ICallAuthorizer>(),
            Credentials = credentials,
        });
}

/// <summary>The security suite over gRPC: credentials in metadata, UNAUTHENTICATED and PERMISSION_DENIED.</summary>
public sealed class GrpcSecurityTests(SecuredHost host) : SecuritySuite(host), IDisposable
{
    private readonly global::Grpc.Net.Client.GrpcChannel _channel = SerowGrpcChannel.Create(host.GrpcAddress);

    protected override string UnaryTransport => "grpc";

    protected override string StreamTransport => "grpc";

    public void Dispose() => _channel.Dispose();

    protected override IVaultClient Client(CallCredentials? credentials) =>
        new VaultGrpcClient(_channel, new SerowGrpcClientOptions { Credentials = credentials });
}

/// <summary>The security suite over HTTP: REST for unary methods, WebSockets for every stream.</summary>
public sealed class WebSocketSecurityTests(SecuredHost host) : SecuritySuite(host), IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = host.HttpAddress, Timeout = TimeSpan.FromSeconds(30) };

    protected override string UnaryTransport => "http";

    protected override string StreamTransport => "websocket";

    public void Dispose() => _http.Dispose();

    protected override IVaultClient Client(CallCredentials? credentials) =>
        new VaultHttpClient(_http, new SerowHttpClientOptions { Credentials = credentials });
}

/// <summary>The security suite over HTTP with server streams as Server-Sent Events.</summary>
public sealed class SseSecurityTests(SecuredHost host) : SecuritySuite(host), IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = host.HttpAddress, Timeout = TimeSpan.FromSeconds(30) };

    protected override string UnaryTransport => "http";

    protected override string StreamTransport => "sse";

    public void Dispose() => _http.Dispose();

    protected override IVaultClient Client(CallCredentials? credentials) =>
        new VaultHttpClient(_http, new SerowHttpClientOptions { Credentials = credentials, ServerStreams = HttpServerStreams.ServerSentEvents });
}
