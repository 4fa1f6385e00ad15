// Licensed under the MIT license. See LICENSE in the project root.

using System.Text.Json;
using Serow.CommandLine;

namespace Serow.Cli.Tests.CliClient;

/// <summary>The generated command-line client of the streaming example (Streaming.StreamingCli) against the real services on both transports.</summary>
public sealed class GeneratedCliClientTests : IAsyncLifetime
{
    private ExampleServicesHost? _host;

    private ExampleServicesHost Host => _host!;

    public async ValueTask InitializeAsync() => _host = await ExampleServicesHost.StartAsync();

    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }

    private string Url(string transport) => (transport == "grpc" ? Host.Grpc : Host.Http).ToString();

    [Theory]
    [InlineData("grpc")]
    [InlineData("http")]
    public async Task MonitorWatch_ServerStream_PrintsOneJsonLinePerResult(string transport)
    {
        var run = await CliClientRun.RunAsync(string.Empty, stopAfterLines: 2,
            "monitor", "watch", "--interval", "1", "--transport", transport, "--url", Url(transport));

        Assert.True(run.Lines.Count >= 2, run.Error);
        foreach (var line in run.Lines.Take(2))
        {
            using var json = JsonDocument.Parse(line);
            Assert.Equal(JsonValueKind.Number, json.RootElement.GetProperty("cpu").ValueKind);
            Assert.Equal(JsonValueKind.Number, json.RootElement.GetProperty("memory").ValueKind);
        }

        // Stopped by the caller (Ctrl+C on a console) while the server was still streaming.
        Assert.Equal(CliApplication.ExitCancelled, run.ExitCode);
    }

    [Theory]
    [InlineData("grpc")]
    [InlineData("http")]
    public async Task ChatConnect_Bidirectional_SendsStdinLinesAndPrintsEachReply(string transport)
    {
        const string input = """
            {"message":"hello","user_id":"ann"}

            {"message":"bye","user_id":"ann"}
            """;

        var run = await CliClientRun.RunAsync(input, stopAfterLines: null,
            "--transport", transport, "--url", Url(transport), "chat", "connect", "--token", ExampleServicesHost.Token);

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal(2, run.Lines.Count);
        var replies = run.Lines.Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(["hello", "bye"], replies.Select(r => r.GetProperty("message").GetString()));
        Assert.All(replies, r => Assert.Equal("ann", r.GetProperty("user_id").GetString()));
        Assert.All(replies, r => Assert.False(string.IsNullOrEmpty(r.GetProperty("timestamp").GetString())));
    }

    [Theory]
    [InlineData("grpc")]
    [InlineData("http")]
    public async Task AnalyticsProcess_ClientStream_SendsStdinAndPrintsTheFinalResult(string transport)
    {
        const string input = """
            {"event_type":"click","timestamp":"2025-01-01T00:00:00Z","data":"AQI="}
            {"event_type":"view","timestamp":"2025-01-01T00:00:01Z","data":""}
            """;

        var run = await CliClientRun.RunAsync(input, stopAfterLines: null,
            "analytics", "process", "--transport", transport, "--url", Url(transport));

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal("""{"processed_count":2}""", Assert.Single(run.Lines));
    }

    [Theory]
    [InlineData("grpc")]
    [InlineData("http")]
    public async Task MonitorWatch_IntervalOutOfItsDesignedBounds_PrintsTypedErrorAndExitsWithOne(string transport)
    {
        var run = await CliClientRun.RunAsync(string.Empty, stopAfterLines: null,
            "monitor", "watch", "--interval", "0", "--transport", transport, "--url", Url(transport));

        Assert.Equal(CliApplication.ExitServiceError, run.ExitCode);
        Assert.Empty(run.Lines);
        Assert.Equal("error: invalid_message: field \"interval\" must be greater than or equal to 1 but is 0\n", run.Error);
    }

    [Fact]
    public async Task MonitorWatch_MissingRequiredOption_ListsFieldAndRuleWithoutCalling()
    {
        var run = await CliClientRun.RunAsync(string.Empty, stopAfterLines: null,
            "monitor", "watch", "--url", Url("grpc"));

        Assert.Equal(CliApplication.ExitServiceError, run.ExitCode);
        Assert.Equal(
            "error: invalid_message: field \"interval\" is required (give --interval or set it in --payload)\n",
            run.Error);
    }

    [Theory]
    [InlineData("grpc")]
    [InlineData("http")]
    public async Task LoggerSubscribe_PayloadGivenAsJson_PrintsEntriesPublishedWhileSubscribed(string transport)
    {
        // Arrange: the subscription only sees entries published after it starts, so chat until it prints one (bounded).
        var subscribe = CliClientRun.RunAsync(string.Empty, stopAfterLines: 1,
            "logger", "subscribe", "--payload", """{"topic":"chat"}""", "--transport", transport, "--url", Url(transport));
        for (var attempt = 0; attempt < 50 && !subscribe.IsCompleted; attempt++)
        {
            var chat = await CliClientRun.RunAsync("""{"message":"ping","user_id":"bob"}""", stopAfterLines: null,
                "chat", "connect", "--token", ExampleServicesHost.Token, "--url", Url("grpc"));
            Assert.True(chat.ExitCode == 0, chat.Error);
            await Task.WhenAny(subscribe, Task.Delay(100));
        }

        // Act
        var run = await subscribe;

        // Assert
        Assert.Equal(CliApplication.ExitCancelled, run.ExitCode);
        var entry = JsonDocument.Parse(run.Lines[0]).RootElement;
        Assert.Equal("bob: ping", entry.GetProperty("message").GetString());
    }

    [Fact]
    public async Task ChatConnect_InvalidInputLine_ReportsTheLineAndExitsWithOne()
    {
        var run = await CliClientRun.RunAsync("{\"message\":\"hi\",\"user_id\":\"ann\"}\nnot json\n", stopAfterLines: null,
            "chat", "connect", "--token", ExampleServicesHost.Token, "--url", Url("grpc"));

        Assert.Equal(CliApplication.ExitServiceError, run.ExitCode);
        Assert.StartsWith("error: invalid_message: input line 2 is not valid: ", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownTransportValue_IsAUsageError()
    {
        var run = await CliClientRun.RunAsync(string.Empty, stopAfterLines: null,
            "monitor", "watch", "--interval", "1", "--transport", "smtp");

        Assert.Equal(CliApplication.ExitUsage, run.ExitCode);
        Assert.Contains("'smtp' is not a transport of this API; use grpc or http.", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheOtherTransportsPort_IsNamedWithTheAddressAndTheTransportToUse()
    {
        var grpcToHttp = await CliClientRun.RunAsync(string.Empty, stopAfterLines: null,
            "monitor", "watch", "--interval", "1", "--transport", "grpc", "--url", Url("http"));
        var httpToGrpc = await CliClientRun.RunAsync(string.Empty, stopAfterLines: null,
            "monitor", "watch", "--interval", "1", "--transport", "http", "--url", Url("grpc"));

        Assert.Equal(CliApplication.ExitTransport, grpcToHttp.ExitCode);
        var http = Url("http").TrimEnd('/');
        Assert.Equal($"error: {http} answered monitor.watch with HTTP/1.1 only: expected a gRPC server (HTTP/2); if {http} is the server's HTTP address, use --transport http\n", grpcToHttp.Error);
        Assert.Equal(CliApplication.ExitTransport, httpToGrpc.ExitCode);
        var grpc = Url("grpc").TrimEnd('/');
        Assert.Equal($"error: {grpc} refused monitor.watch with HTTP 400: expected a Serow HTTP server (HTTP/1.1 with WebSockets); if {grpc} is the server's gRPC address, use --transport grpc\n", httpToGrpc.Error);
    }

    [Fact]
    public async Task AnHttp11ServerThatClosesOnTheHttp2Preface_IsStillNamedAsHttp11Only()
    {
        // Kestrel answers the HTTP/2 preface on an HTTP/1.1 port with HTTP_1_1_REQUIRED, but the client may see the socket
        // close first; this server always closes, and answers HTTP/1.1 requests.
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var serving = ServeHttp11OnlyAsync(listener, stop.Token);
        var url = $"http://127.0.0.1:{((System.Net.IPEndPoint)listener.LocalEndpoint).Port}";

        var run = await CliClientRun.RunAsync(string.Empty, stopAfterLines: null,
            "monitor", "watch", "--interval", "1", "--transport", "grpc", "--url", url);
        await stop.CancelAsync();
        await serving;

        Assert.Equal(CliApplication.ExitTransport, run.ExitCode);
        Assert.Equal($"error: {url} answered monitor.watch with HTTP/1.1 only: expected a gRPC server (HTTP/2); if {url} is the server's HTTP address, use --transport http\n", run.Error);
    }

    private static async Task ServeHttp11OnlyAsync(System.Net.Sockets.TcpListener listener, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                using var socket = await listener.AcceptSocketAsync(cancellationToken);
                var buffer = new byte[4096];
                var read = await socket.ReceiveAsync(buffer, System.Net.Sockets.SocketFlags.None, cancellationToken);
                if (read > 0 && !System.Text.Encoding.ASCII.GetString(buffer, 0, read).StartsWith("PRI * HTTP/2.0", StringComparison.Ordinal))
                {
                    await socket.SendAsync("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"u8.ToArray(), System.Net.Sockets.SocketFlags.None, cancellationToken);
                }

                socket.Shutdown(System.Net.Sockets.SocketShutdown.Both);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    [Theory]
    [InlineData("grpc")]
    [InlineData("http")]
    public async Task MisspelledStreamedMessageField_IsRefusedBeforeItIsSent(string transport)
    {
        var run = await CliClientRun.RunAsync("{\"mesage\":\"hi\",\"user_id\":\"ann\"}\n", stopAfterLines: null,
            "chat", "connect", "--token", ExampleServicesHost.Token, "--transport", transport, "--url", Url(transport));

        Assert.Equal(CliApplication.ExitServiceError, run.ExitCode);
        Assert.StartsWith("error: invalid_message: input line 1: unknown field \"mesage\"; did you mean \"message\"?", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoServerListening_IsATransportFailure()
    {
        var port = FreePort();
        var run = await CliClientRun.RunAsync(string.Empty, stopAfterLines: null,
            "monitor", "watch", "--interval", "1", "--transport", "http", "--url", $"http://127.0.0.1:{port}");

        Assert.Equal(CliApplication.ExitTransport, run.ExitCode);
        Assert.Equal($"error: cannot reach http://127.0.0.1:{port} for monitor.watch (Connection refused): expected a Serow HTTP server (HTTP/1.1 with WebSockets) listening there; is the server running, and is --url its address?\n", run.Error);
    }

    [Fact]
    public async Task MethodHelp_ShowsTheDesignDescriptionsTransportsAndOptions()
    {
        var run = await CliClientRun.RunAsync(string.Empty, stopAfterLines: null, "monitor", "watch", "--help");

        Assert.Equal(0, run.ExitCode);
        var help = string.Join('\n', run.Lines);
        Assert.Contains("Stream system metrics", help, StringComparison.Ordinal);
        Assert.Contains("Stream system metrics [grpc (default), http; prints each result as a JSON line]", help, StringComparison.Ordinal);
        Assert.Contains("--interval <int>", help, StringComparison.Ordinal);
        Assert.Contains("Sampling interval in seconds (required; >= 1, <= 86400)", help, StringComparison.Ordinal);
        Assert.Contains("--payload <json>", help, StringComparison.Ordinal);
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
