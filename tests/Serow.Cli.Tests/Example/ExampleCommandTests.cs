// Licensed under the MIT license. See LICENSE in the project root.

namespace Serow.Cli.Tests.Example;

/// <summary><c>serow example</c> on the streaming example's design: scaffold, skip on a second run, build, serve, answer.</summary>
[Collection(BuildsDesignProjectsCollection.Name)]
public sealed class ExampleCommandTests
{
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(8);
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(60);

    private static readonly string[] ScaffoldFiles =
    [
        "Streaming.Server/Streaming.Server.csproj",
        "Streaming.Server/Program.cs",
        "Streaming.Server/AnalyticsService.cs",
        "Streaming.Server/ChatService.cs",
        "Streaming.Server/LoggerService.cs",
        "Streaming.Server/MonitorService.cs",
        "Streaming.Server/ChatServerInterceptors.cs",
        "Streaming.Client/Streaming.Client.csproj",
        "Streaming.Client/Program.cs",
    ];

    [Fact]
    public async Task Example_StreamingDesign_ScaffoldsSkipsOnSecondRunBuildsServesAndAnswersNotImplemented()
    {
        // Arrange
        using var temp = new TempDirectory();

        // Act: scaffold twice.
        var first = CliRun.InvokeIn(temp.Path, "example", RepoPaths.StreamingDesign, "--output", temp.Path);
        var second = CliRun.InvokeIn(temp.Path, "example", RepoPaths.StreamingDesign, "--output", temp.Path);

        // Assert: every file written once, then every file skipped.
        Assert.True(first.ExitCode == 0, first.Error);
        var firstLines = first.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(ScaffoldFiles.Select(f => "wrote " + f), firstLines.Where(l => l.StartsWith("wrote ", StringComparison.Ordinal)));
        Assert.Contains($"Scaffolded {ScaffoldFiles.Length} files in . (0 skipped).", firstLines);
        Assert.True(second.ExitCode == 0, second.Error);
        var secondLines = second.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(ScaffoldFiles.Select(f => $"skipped {f} (exists)"), secondLines.Where(l => l.StartsWith("skipped ", StringComparison.Ordinal)));
        Assert.DoesNotContain(secondLines, l => l.StartsWith("wrote ", StringComparison.Ordinal));
        Assert.Contains("return Task.FromException(new ServiceError(\"not_implemented\", \"monitor.watch is not implemented yet\", fault: true));",
            File.ReadAllText(temp.Combine("Streaming.Server", "MonitorService.cs")), StringComparison.Ordinal);

        // Act: build both projects in one build.
        File.WriteAllText(temp.Combine("scaffold.slnx"),
            "<Solution>\n  <Project Path=\"Streaming.Server/Streaming.Server.csproj\" />\n  <Project Path=\"Streaming.Client/Streaming.Client.csproj\" />\n</Solution>\n");
        var build = await ChildProcess.RunAsync(temp.Path, BuildTimeout, null, "build", "scaffold.slnx", "--nologo", "-v", "q", "--disable-build-servers");
        Assert.True(build.ExitCode == 0, build.Output + build.Error);

        // Act: serve on free ports and call once per transport through the scaffolded command-line client.
        var serverDll = temp.Combine("Streaming.Server", "bin", "Debug", "net10.0", "Streaming.Server.dll");
        var clientDll = temp.Combine("Streaming.Client", "bin", "Debug", "net10.0", "streaming-cli.dll");
        using var server = ChildProcess.Start(temp.Path, null, serverDll, "--GrpcPort", "0", "--HttpPort", "0");
        var grpc = await server.WaitForLineAsync("gRPC: ", StartTimeout);
        var http = await server.WaitForLineAsync("HTTP: ", StartTimeout);

        var watch = await ChildProcess.RunAsync(temp.Path, CallTimeout, null, clientDll, "monitor", "watch", "--interval", "1", "--transport", "grpc", "--url", grpc);
        var connect = await ChildProcess.RunAsync(temp.Path, CallTimeout, """{"message":"hi","user_id":"ann"}""" + "\n", clientDll, "chat", "connect", "--transport", "http", "--url", http);
        var manage = await ChildProcess.RunAsync(temp.Path, CallTimeout, """{"action":"add","topic":"system"}""" + "\n", clientDll, "logger", "manage", "--api-key", "some-key", "--url", grpc);
        var follow = await ChildProcess.RunAsync(temp.Path, CallTimeout, null, clientDll, "logger", "subscribe", "--topic", "system", "--transport", "grpc", "--url", grpc);

        // Assert
        Assert.Equal(1, watch.ExitCode);
        Assert.Equal("error: not_implemented: monitor.watch is not implemented yet", watch.Error.Trim());
        Assert.Equal(string.Empty, watch.Output);
        // Secured methods are refused until the scaffold's user registers authentication handlers (fail closed).
        Assert.Equal(1, connect.ExitCode);
        Assert.StartsWith("error: unauthenticated: chat.connect requires a bearer token (scheme \"jwt\")", connect.Error.Trim(), StringComparison.Ordinal);
        Assert.Equal(1, manage.ExitCode);
        Assert.Contains("the server has no authentication handler for scheme \"api_key\"", manage.Error, StringComparison.Ordinal);
        Assert.Equal(1, follow.ExitCode);
        Assert.Equal("error: not_implemented: logger.subscribe is not implemented yet", follow.Error.Trim());
    }

    [Fact]
    public void Example_SerowRootThatIsNotSerow_FailsBeforeBuilding()
    {
        using var temp = new TempDirectory();

        var run = CliRun.InvokeIn(temp.Path, "example", RepoPaths.StreamingDesign, "--serow-root", temp.Path);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("is not a Serow source tree", run.Error, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(temp.Path));
    }

    [Fact]
    public void FindSerowRoot_FromTheToolsFolder_IsTheRepositoryRoot()
    {
        Assert.Equal(RepoPaths.Root, Serow.Cli.Internal.ExampleCommand.FindSerowRoot(AppContext.BaseDirectory));
    }
}
