// Licensed under the MIT license. See LICENSE in the project root.

using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Grpc.Core;
using Secured.Vault;
using Serow.FunctionalTests.Conformance;
using Serow.Grpc;
using Serow.Grpc.Protobuf;

namespace Serow.FunctionalTests.Security;

/// <summary>
/// Security as raw clients see it on the wire: statuses, challenges and error bodies, a browser-style WebSocket that
/// cannot send headers (credentials in the subprotocol list or the query), and gRPC status codes.
/// </summary>
public sealed class SecurityWireTests(SecuredHost host) : IClassFixture<SecuredHost>, IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = host.HttpAddress, Timeout = TimeSpan.FromSeconds(30) };

    public void Dispose() => _http.Dispose();

    [Fact]
    public async Task Rest_NoCredentials_Is401_WithChallengeAndErrorBody_EvenForAnInvalidPayload()
    {
        using var response = await _http.PostAsync("vault/whoami", new StringContent("{\"note\": \"" + new string('x', 30) + "\"}", Encoding.UTF8, "application/json")).DefaultTimeout();

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer realm=\"vault\"", Assert.Single(response.Headers.WwwAuthenticate).ToString());
        Assert.Equal("unauthenticated", await ErrorNameAsync(response));
    }

    [Fact]
    public async Task Rest_AlternativeSchemes_ChallengeWithEach()
    {
        using var response = await _http.PostAsync("vault/either", null).DefaultTimeout();

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(["ApiKey header=\"X-API-Key\"", "Basic realm=\"vault\", charset=\"UTF-8\""], response.Headers.WwwAuthenticate.Select(h => h.ToString()));
    }

    [Fact]
    public async Task Rest_MissingScope_Is403_WithErrorBody()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "vault/write");
        request.Headers.Authorization = new("Bearer", TestCredentials.Token("ada", "vault:read"));

        using var response = await _http.SendAsync(request).DefaultTimeout();

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("permission_denied", await ErrorNameAsync(response));
    }

    [Fact]
    public async Task Rest_ApiKeyHeader_IsAccepted()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "vault/keyed");
        request.Headers.Add("X-API-Key", TestCredentials.ApiKey);

        using var response = await _http.SendAsync(request).DefaultTimeout();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task WebSocket_UpgradeWithoutCredentials_IsRefusedWith401_NeverReaching101()
    {
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;

        await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(WebSocketUri("vault/watch?count=1"), CancellationToken.None).DefaultTimeout());

        Assert.Equal(HttpStatusCode.Unauthorized, socket.HttpStatusCode);
        var error = Uri.UnescapeDataString(Assert.Single(socket.HttpResponseHeaders!["Serow-Error"]));
        Assert.Contains("\"unauthenticated\"", error);
    }

    [Fact]
    public async Task WebSocket_BrowserStyle_TokenInTheSubprotocolList_IsAccepted_AndNeverSelected()
    {
        using var socket = new ClientWebSocket();
        socket.Options.AddSubProtocol("serow.v1");
        socket.Options.AddSubProtocol("serow.bearer." + TestCredentials.Token("ada", "vault:read"));

        await socket.ConnectAsync(WebSocketUri("vault/watch?count=1"), CancellationToken.None).DefaultTimeout();

        Assert.Equal("serow.v1", socket.SubProtocol);
        Assert.Contains("ada@websocket", await ReceiveTextAsync(socket));
    }

    [Fact]
    public async Task WebSocket_BrowserStyle_TokenInTheQuery_IsAccepted()
    {
        using var socket = new ClientWebSocket();

        await socket.ConnectAsync(WebSocketUri("vault/watch?count=1&access_token=" + TestCredentials.Token("ada", "vault:read")), CancellationToken.None).DefaultTimeout();

        Assert.Contains("ada@websocket", await ReceiveTextAsync(socket));
    }

    [Fact]
    public async Task WebSocket_BrowserStyle_TokenWithoutTheScope_IsRefusedWith403()
    {
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        socket.Options.AddSubProtocol("serow.v1");
        socket.Options.AddSubProtocol("serow.bearer." + TestCredentials.Token("ada", "vault:other"));

        await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(WebSocketUri("vault/watch?count=1"), CancellationToken.None).DefaultTimeout());

        Assert.Equal(HttpStatusCode.Forbidden, socket.HttpStatusCode);
    }

    [Fact]
    public async Task Sse_NoCredentials_Is401_AndATokenInTheQuery_OpensTheStream()
    {
        using (var refused = await GetEventsAsync("vault/watch?count=1"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
            Assert.Equal("unauthenticated", await ErrorNameAsync(refused));
        }

        using var accepted = await GetEventsAsync("vault/watch?count=1&access_token=" + TestCredentials.Token("ada", "vault:read"));
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal("text/event-stream", accepted.Content.Headers.ContentType?.MediaType);
        Assert.Contains("ada@sse", await accepted.Content.ReadAsStringAsync().DefaultTimeout());

        // Read, then removed from the request: nothing after the check (logs, handlers) sees the token.
        Assert.True(await EventuallyAsync(() => host.Queries.Contains("/vault/watch?count=1")), string.Join(", ", host.Queries));
        Assert.DoesNotContain(host.Queries, q => q.Contains("access_token", StringComparison.Ordinal));
    }

    private static async Task<bool> EventuallyAsync(Func<bool> condition)
    {
        for (var i = 0; i < 250 && !condition(); i++)
        {
            await Task.Delay(20);
        }

        return condition();
    }

    [Fact]
    public async Task Grpc_StatusCodes_AreUnauthenticatedAndPermissionDenied()
    {
        using var channel = SerowGrpcChannel.Create(host.GrpcAddress);
        var invoker = channel.CreateCallInvoker();

        var missing = await Assert.ThrowsAsync<RpcException>(() => invoker.AsyncUnaryCall(VaultGrpcMethods.WriteMethod.Definition, null, default, ProtoEmpty.Instance).ResponseAsync.DefaultTimeout());
        var headers = new Metadata { { "authorization", "Bearer " + TestCredentials.Token("ada", "vault:read") } };
        var denied = await Assert.ThrowsAsync<RpcException>(() => invoker.AsyncUnaryCall(VaultGrpcMethods.WriteMethod.Definition, null, new CallOptions(headers), ProtoEmpty.Instance).ResponseAsync.DefaultTimeout());

        Assert.Equal((StatusCode.Unauthenticated, "unauthenticated"), (missing.StatusCode, missing.Trailers.GetValue("serow-error-name")));
        Assert.Equal((StatusCode.PermissionDenied, "permission_denied"), (denied.StatusCode, denied.Trailers.GetValue("serow-error-name")));
    }

    private Uri WebSocketUri(string relative) => new(new Uri(host.HttpAddress.ToString().Replace("http://", "ws://", StringComparison.Ordinal)), relative);

    private async Task<HttpResponseMessage> GetEventsAsync(string relative)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, relative);
        request.Headers.Accept.ParseAdd("text/event-stream");
        return await _http.SendAsync(request).DefaultTimeout();
    }

    private static async Task<string> ErrorNameAsync(HttpResponseMessage response)
    {
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync().DefaultTimeout());
        return body.RootElement.GetProperty("name").GetString()!;
    }

    private static async Task<string> ReceiveTextAsync(ClientWebSocket socket)
    {
        var buffer = new byte[4096];
        var received = await socket.ReceiveAsync(buffer, CancellationToken.None).DefaultTimeout();
        return Encoding.UTF8.GetString(buffer, 0, received.Count);
    }
}
