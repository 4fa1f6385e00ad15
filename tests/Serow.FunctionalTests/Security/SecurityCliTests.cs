// Licensed under the MIT license. See LICENSE in the project root.

using System.Text.Json;
using Secured;
using Serow.CommandLine;

namespace Serow.FunctionalTests.Security;

/// <summary>
/// The secured design's generated command-line client against the secured host: <c>--token</c>, <c>--api-key</c> and
/// <c>--user</c> reach the server on both transports, a missing credential is refused with the typed error, and a
/// malformed <c>--user</c> is a usage error.
/// </summary>
public sealed class SecurityCliTests(SecuredHost host) : IClassFixture<SecuredHost>
{
    private string Url(string transport) => (transport == "grpc" ? host.GrpcAddress : host.HttpAddress).ToString();

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter { NewLine = "\n" };
        using var error = new StringWriter { NewLine = "\n" };
        var exitCode = await SecuredCli.RunAsync(args, new StringReader(string.Empty), output, error).WaitAsync(TimeSpan.FromSeconds(30));
        return (exitCode, output.ToString(), error.ToString());
    }

    [Theory]
    [InlineData("grpc")]
    [InlineData("http")]
    public async Task Token_AuthenticatesTheCall(string transport)
    {
        var token = TestCredentials.Token("ann", "vault:read");
        var run = await RunAsync("--transport", transport, "--url", Url(transport), "vault", "whoami", "--token", token);

        Assert.True(run.ExitCode == 0, run.Error);
        using var json = JsonDocument.Parse(run.Output);
        Assert.Equal("ann", json.RootElement.GetProperty("name").GetString());
    }

    [Theory]
    [InlineData("grpc")]
    [InlineData("http")]
    public async Task ApiKeyAndUser_AuthenticateTheirMethods(string transport)
    {
        var keyed = await RunAsync("--transport", transport, "--url", Url(transport), "--api-key", TestCredentials.ApiKey, "vault", "keyed");
        Assert.True(keyed.ExitCode == 0, keyed.Error);

        var basic = await RunAsync("--transport", transport, "--url", Url(transport), "vault", "either",
            "--user", $"{TestCredentials.BasicUser}:{TestCredentials.BasicPassword}");
        Assert.True(basic.ExitCode == 0, basic.Error);
        using var json = JsonDocument.Parse(basic.Output);
        Assert.Equal(TestCredentials.BasicUser, json.RootElement.GetProperty("name").GetString());
    }

    [Theory]
    [InlineData("grpc")]
    [InlineData("http")]
    public async Task NoCredentials_IsRefusedWithTheTypedError(string transport)
    {
        var run = await RunAsync("--transport", transport, "--url", Url(transport), "vault", "whoami");

        Assert.Equal(CliApplication.ExitServiceError, run.ExitCode);
        Assert.StartsWith("error: unauthenticated:", run.Error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, run.Output);
    }

    [Fact]
    public async Task UserWithoutPassword_IsAUsageError()
    {
        var run = await RunAsync("--url", Url("grpc"), "vault", "either", "--user", "alice");

        Assert.Equal(CliApplication.ExitUsage, run.ExitCode);
        Assert.Contains("--user must be name:password", run.Error, StringComparison.Ordinal);
    }
}
