// Licensed under the MIT license. See LICENSE in the project root.

using System.Diagnostics;
using Conformance.Conformance;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Serow.FunctionalTests.Conformance;
using Serow.Grpc.Tests.Interop;
using Serow.Testing;
using Streaming.Analytics;
using Streaming.Chat;
using Streaming.Logger;
using Streaming.Monitor;
using Streaming.Services;

namespace Serow.Grpc.Tests.Node;

/// <summary>
/// An independent client: @grpc/grpc-js on Node, loading the generated .proto files at run time, drives the streaming
/// example's four services and the conformance service (unary, typed errors, deadline) over Kestrel h2c.
/// </summary>
public sealed class NodeClientTests : IAsyncLifetime
{
    private static readonly string ToolDirectory = RepositoryPaths.Combine("tests", "tools", "grpc-node");

    private KestrelGrpcHost? _host;

    // chat.connect takes a token the client sends in metadata (SEROW_TOKEN in the script's environment).
    private static readonly DevelopmentCredentials Credentials = new("node-tests-key");

    public async ValueTask InitializeAsync() =>
        _host = await KestrelGrpcHost.StartAsync(
            services =>
            {
                services.AddSingleton<LogHub>();
                services.AddSingleton(ChatTopics.InMemory());
                services.AddSingleton<ChatRoom>();
                services.AddSingleton<IMonitorService, MonitorService>();
                services.AddSingleton<IAnalyticsService, AnalyticsService>();
                services.AddSingleton<IChatService, ChatService>();
                services.AddSingleton<ILoggerService, LoggerService>();
                services.AddSingleton<IConformanceService, ConformanceService>();
                services.AddStreamingPolicies(Credentials);
                services.AddMonitorGrpc().AddAnalyticsGrpc().AddChatGrpc().AddLoggerGrpc().AddConformanceGrpc();
            },
            app =>
            {
                app.MapMonitorGrpc();
                app.MapAnalyticsGrpc();
                app.MapChatGrpc();
                app.MapLoggerGrpc();
                app.MapConformanceGrpc();
            });

    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }

    [Fact]
    public async Task GrpcJsClient_DrivesEveryPattern_AndEveryCheckPasses()
    {
        // eng/test.sh installs the packages; locally without them the test is skipped, on CI it fails.
        var installed = File.Exists(Path.Combine(ToolDirectory, "node_modules", "@grpc", "grpc-js", "package.json"));
        const string Missing = "npm packages missing: run eng/test.sh, or npm ci in tests/tools/grpc-node";
        Assert.True(installed || Environment.GetEnvironmentVariable("CI") != "true", Missing);
        Assert.SkipUnless(installed, Missing);

        var (exitCode, output) = await RunNodeAsync(
            "streaming-client.mjs", _host!.HostAndPort, RepositoryPaths.Combine("examples", "streaming", "gen"), RepositoryPaths.Combine("testassets", "Generated", "Conformance"));

        Assert.True(exitCode == 0, output);
        string[] expected =
        [
            "ok monitor.watch: 2 samples received",
            "ok monitor.watch: cpu and memory are percentages",
            "ok analytics.process: 3 events uploaded, processed_count = 3",
            "ok analytics.process: serow-validation-bin names the field and rule",
            "ok chat.connect: without a token is UNAUTHENTICATED",
            "ok chat.connect: echo carries the message and user",
            "ok chat.connect: echo timestamp is RFC 3339",
            "ok chat.connect: ends OK after the half-close",
            "ok logger.subscribe: cancelled by the client (CANCELLED)",
            "ok conformance.echo: unary answer",
            "ok conformance.echo: designed error is UNAVAILABLE",
            "ok conformance.echo: serow-error-name = boom",
            "ok conformance.echo: serow-error-id has 8 characters",
            "ok conformance.echo: serow-error-flags = temporary",
            "ok conformance.echo: too long text is INVALID_ARGUMENT with a maxLength violation",
            "ok conformance.count: then the typed error (UNAVAILABLE, boom)",
            "ok conformance.count: an expired deadline is DEADLINE_EXCEEDED",
            "all checks passed",
        ];
        var lines = output.Split('\n', StringSplitOptions.TrimEntries);
        Assert.All(expected, line => Assert.Contains(line, lines));
        Assert.DoesNotContain(lines, l => l.StartsWith("FAIL", StringComparison.Ordinal));
    }

    private static async Task<(int ExitCode, string Output)> RunNodeAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = ToolDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["SEROW_TOKEN"] = Credentials.IssueToken("node");

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("node did not finish within 90 s:\n" + await stdout + await stderr);
        }

        return (process.ExitCode, await stdout + await stderr);
    }
}
