// Licensed under the MIT license. See LICENSE in the project root.

using System.Diagnostics;
using Serow.Cli.Tests.Example;

namespace Serow.Cli.Tests.Packaging;

/// <summary>
/// Serow.Build from the packages, in a folder outside the repository: `dotnet build` of a project that lists its design
/// project generates and compiles the code (and its TypeScript client, SerowTypeScriptOutput), skips the generation when nothing changed, regenerates when the design
/// changes, fails with the design's file and line on a design error, refuses runtime packages of another version and
/// a SerowDesign that is not a project file, and
/// builds a design shared by several projects of a solution once, in the build's configuration.
/// </summary>
[Collection(BuildsDesignProjectsCollection.Name)]
public sealed class BuildIntegrationTests
{
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(5);

    /// <summary>A design with one server-streaming method over gRPC and HTTP; <c>//EXTRA</c> marks where a field can be added.</summary>
    internal const string Design = """
        using Serow.Dsl;

        namespace Stocks.Design;

        public sealed class StocksDesign : Serow.Dsl.Design
        {
            public StocksDesign()
            {
                Service("stocks", () =>
                {
                    HTTP(() => { Path("/stocks"); });
                    Method("watch", () =>
                    {
                        Payload(() =>
                        {
                            Field(1, "symbol", String, "Ticker symbol");
                            Required("symbol");
                        });
                        StreamingResult(() =>
                        {
                            Field(1, "symbol", String, "Ticker symbol");
                            Field(2, "price", Float64, "Last price");
                            //EXTRA
                            Required("symbol", "price");
                        });
                        GRPC(() => { Response(CodeOK); });
                    });
                });
            }
        }
        """;

    [Fact]
    public async Task Build_GeneratesFromTheDesignProject_Incrementally_AndReportsDesignErrorsWithFileAndLine()
    {
        using var temp = new TempDirectory();
        var feed = await LocalFeed.SharedAsync();
        var root = temp.Combine("app");
        Directory.CreateDirectory(Path.Combine(root, "Stocks.Service"));
        feed.WriteNuGetConfig(root);
        var designFile = feed.WriteDesignProject(root, "Stocks.Design", Design);
        File.WriteAllText(Path.Combine(root, "Stocks.Service", "Stocks.Service.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk.Web">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <SerowTypeScriptOutput>web/</SerowTypeScriptOutput>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Serow.Build" Version="{feed.Version}" PrivateAssets="all" />
                <PackageReference Include="Serow.Runtime.Grpc" Version="{feed.Version}" />
                <PackageReference Include="Serow.Runtime.Http" Version="{feed.Version}" />
                <SerowDesign Include="../Stocks.Design/Stocks.Design.csproj" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(root, "Stocks.Service", "Program.cs"), """
            var builder = WebApplication.CreateSlimBuilder(args);
            builder.Services.AddSingleton<Api.Stocks.IStocksService, StocksService>();
            builder.Services.AddStocksGrpc();
            builder.Services.AddStocksHttp();
            var app = builder.Build();
            app.MapStocksGrpc();
            app.MapStocksHttp();
            app.Run();

            internal sealed class StocksService : Api.Stocks.IStocksService
            {
                public async Task WatchAsync(Api.Stocks.WatchPayload payload, Api.Stocks.IStocksWatchServerStream stream, CancellationToken cancellationToken) =>
                    await stream.SendAsync(new Api.Stocks.WatchResult { Symbol = payload.Symbol, Price = 1.5 }, cancellationToken);
            }
            """);
        var service = Path.Combine(root, "Stocks.Service");
        var generated = Path.Combine(service, "obj", "serow", "Stocks.Design");

        var clock = Stopwatch.StartNew();
        var first = await BuildAsync(service);
        var cold = clock.Elapsed;
        Assert.True(first.ExitCode == 0, first.Output + first.Error);
        var resultType = Directory.GetFiles(generated, "*.g.cs", SearchOption.AllDirectories).Single(f => f.EndsWith("WatchResult.g.cs", StringComparison.Ordinal));
        var stamp = File.GetLastWriteTimeUtc(resultType);
        var typeScript = Path.Combine(service, "web", "Stocks.Design", "src", "types.ts");
        Assert.True(File.Exists(typeScript), "SerowTypeScriptOutput wrote no TypeScript client");
        Assert.True(File.Exists(Path.Combine(service, "web", "Stocks.Design", "src", "stocks.ts")));

        clock.Restart();
        var second = await BuildAsync(service);
        var noChange = clock.Elapsed;
        Assert.True(second.ExitCode == 0, second.Output + second.Error);
        Assert.Contains("Skipping target \"SerowGenerate\"", second.Output, StringComparison.Ordinal);
        Assert.Equal(stamp, File.GetLastWriteTimeUtc(resultType));

        File.WriteAllText(designFile, Design.Replace("//EXTRA", "Field(3, \"volume\", Int64, \"Shares traded\");", StringComparison.Ordinal));
        clock.Restart();
        var third = await BuildAsync(service);
        var designChange = clock.Elapsed;
        Assert.True(third.ExitCode == 0, third.Output + third.Error);
        Assert.Contains("Volume", File.ReadAllText(resultType), StringComparison.Ordinal);
        Assert.Contains("volume?: number;", File.ReadAllText(typeScript), StringComparison.Ordinal);

        var lines = Design.Split('\n');
        var requiredLine = Array.FindIndex(lines, l => l.Contains("Required(\"symbol\", \"price\")", StringComparison.Ordinal)) + 1;
        File.WriteAllText(designFile, Design.Replace("Required(\"symbol\", \"price\")", "Required(\"symbol\", \"prize\")", StringComparison.Ordinal));
        var broken = await BuildAsync(service);
        Assert.NotEqual(0, broken.ExitCode);
        var requiredColumn = lines[requiredLine - 1].IndexOf("Required", StringComparison.Ordinal) + 1;
        Assert.Contains($"StocksDesign.cs({requiredLine},{requiredColumn}): error SEROW004", broken.Output, StringComparison.Ordinal);

        // Generated code and runtime packages of different versions: a build error, not a failure at run time.
        File.WriteAllText(designFile, Design);
        var mismatch = await ChildProcess.RunAsync(service, BuildTimeout, null, "build", "--nologo", "--disable-build-servers", "-p:SerowBuildVersion=0.0.1");
        Assert.NotEqual(0, mismatch.ExitCode);
        Assert.Contains($"error SEROWBUILD001: Serow.Build 0.0.1 generates code for the Serow.Runtime packages of the same version, but this project references Serow.Runtime {feed.Version}", mismatch.Output, StringComparison.Ordinal);

        // A SerowDesign item that names the design's folder instead of its project file.
        var projectFile = Path.Combine(service, "Stocks.Service.csproj");
        File.WriteAllText(projectFile, File.ReadAllText(projectFile).Replace("../Stocks.Design/Stocks.Design.csproj", "../Stocks.Design", StringComparison.Ordinal));
        var folder = await BuildAsync(service);
        Assert.NotEqual(0, folder.ExitCode);
        Assert.True(folder.Output.Contains("error SEROWBUILD002: SerowDesign '../Stocks.Design' is not an existing design project file (.csproj)", StringComparison.Ordinal), folder.Output);

        TestContext.Current.TestOutputHelper?.WriteLine($"Serow.Build timings: cold build {cold.TotalSeconds:0.0} s, no-change build {noChange.TotalSeconds:0.0} s, design-change build {designChange.TotalSeconds:0.0} s");
    }

    [Fact]
    public async Task ASolutionWhoseProjectsShareADesign_BuildsTheDesignOnce_InTheBuildsConfiguration()
    {
        using var temp = new TempDirectory();
        var feed = await LocalFeed.SharedAsync();
        var root = temp.Combine("app");
        Directory.CreateDirectory(root);
        feed.WriteNuGetConfig(root);
        feed.WriteDesignProject(root, "Stocks.Design", Design);
        string[] consumers = ["Stocks.Service", "Stocks.Client", "Stocks.Other"];
        foreach (var consumer in consumers)
        {
            Directory.CreateDirectory(Path.Combine(root, consumer));
            File.WriteAllText(Path.Combine(root, consumer, consumer + ".csproj"), $"""
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <TargetFramework>net10.0</TargetFramework>
                    <Nullable>enable</Nullable>
                  </PropertyGroup>
                  <ItemGroup>
                    <FrameworkReference Include="Microsoft.AspNetCore.App" />
                    <PackageReference Include="Serow.Build" Version="{feed.Version}" PrivateAssets="all" />
                    <PackageReference Include="Serow.Runtime.Grpc" Version="{feed.Version}" />
                    <PackageReference Include="Serow.Runtime.Http" Version="{feed.Version}" />
                    <SerowDesign Include="../Stocks.Design/Stocks.Design.csproj" />
                  </ItemGroup>
                </Project>
                """);
        }

        File.WriteAllText(Path.Combine(root, "App.slnx"), $"""
            <Solution>
              <Project Path="Stocks.Design/Stocks.Design.csproj" />
            {string.Concat(consumers.Select(c => $"  <Project Path=\"{c}/{c}.csproj\" />\n"))}</Solution>
            """);

        var build = await ChildProcess.RunAsync(root, BuildTimeout, null, "build", "App.slnx", "-c", "Release", "--nologo", "-v", "n", "--disable-build-servers");

        Assert.True(build.ExitCode == 0, build.Output + build.Error);
        foreach (var consumer in consumers)
        {
            Assert.Single(Directory.GetFiles(Path.Combine(root, consumer, "obj", "serow", "Stocks.Design"), "WatchResult.g.cs", SearchOption.AllDirectories));
        }

        // The generations used the solution's Release build of the design; no other build of it ran beside it.
        var designBin = Path.Combine(root, "Stocks.Design", "bin");
        Assert.True(File.Exists(Path.Combine(designBin, "Release", "net10.0", "Stocks.Design.dll")));
        Assert.False(Directory.Exists(Path.Combine(designBin, "Debug")), "a Debug build of the design project ran beside the Release build");
        Assert.Single(build.Output.Split('\n'), line => line.Contains("Stocks.Design -> ", StringComparison.Ordinal));
    }

    private static Task<(int ExitCode, string Output, string Error)> BuildAsync(string project) =>
        ChildProcess.RunAsync(project, BuildTimeout, null, "build", "--nologo", "-v", "n", "--disable-build-servers");
}
