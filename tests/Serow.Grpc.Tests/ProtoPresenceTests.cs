// Licensed under the MIT license. See LICENSE in the project root.

using System.Diagnostics;
using Conformance.Conformance;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Serow.Codegen;
using Serow.Codegen.Grpc;
using Serow.Dsl;
using Serow.FunctionalTests.Conformance;
using Serow.Grpc.Tests.Interop;
using Serow.TestDesigns;
using Serow.Testing;

namespace Serow.Grpc.Tests;

/// <summary>
/// <c>serow gen --proto-presence oneof</c>: optional fields become one-field oneofs, which protoc older than 3.15 accepts
/// (Debian 12's python3-grpc-tools ships protoc 3.5), with the wire format and presence of proto3 <c>optional</c>.
/// </summary>
public sealed class ProtoPresenceTests
{
    private const string Python = "/usr/bin/python3";

    private static readonly GenerationOptions Oneof = new() { ToolVersion = "0.0.0-test", ProtoPresence = ProtoPresence.Oneof };

    [Fact]
    public void Oneof_TheProtoHasNoOptionalLabel_AndTheGeneratedCodeCompiles()
    {
        var root = DesignRunner.Run(typeof(ConformanceDesign)).GetRootOrThrow();
        var files = new GrpcGenerator().Generate(root, Oneof).Concat(new ServiceGenerator().Generate(root, Oneof)).ToList();
        var proto = files.Single(f => f.Path.EndsWith(".proto", StringComparison.Ordinal)).Content;

        Assert.DoesNotContain("optional ", proto, StringComparison.Ordinal);
        Assert.Contains("oneof fail_at_presence { int32 fail_at = 2; }", proto, StringComparison.Ordinal);
        // CS0436: this test assembly compiles the same design's default output, which the compilation also sees.
        var problems = InMemoryCompiler.Compile(files).Where(d => d.Severity >= Microsoft.CodeAnalysis.DiagnosticSeverity.Warning && d.Id != "CS0436").ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems.Take(10)));
    }

    [Fact]
    public async Task OldProtoc_AcceptsTheOneofProto_RefusesOptional_AndItsPythonClientTalksToTheServer()
    {
        RequireOldProtoc();
        var root = DesignRunner.Run(typeof(ConformanceDesign)).GetRootOrThrow();
        var work = Directory.CreateTempSubdirectory("serow-presence-");
        try
        {
            // The default .proto (proto3 optional) is what an old protoc refuses: the reason for the option.
            var optional = Write(work, "optional", new GrpcGenerator().Generate(root, new GenerationOptions { ToolVersion = "0.0.0-test" }));
            Assert.NotEqual(0, Run(Python, "-m", "grpc_tools.protoc", "-I" + optional.Directory, "--python_out=" + optional.Directory, optional.File).Exit);

            var oneof = Write(work, "oneof", new GrpcGenerator().Generate(root, Oneof));
            var compiled = Run(Python, "-m", "grpc_tools.protoc", "-I" + oneof.Directory, "--python_out=" + oneof.Directory, "--grpc_python_out=" + oneof.Directory, oneof.File);
            Assert.True(compiled.Exit == 0, compiled.Output);

            // A server built from the default .proto; a client from the oneof one: the same wire format.
            await using var host = await KestrelGrpcHost.StartAsync(
                services => services.AddSingleton<IConformanceService, ConformanceService>().AddConformanceGrpc(),
                app => app.MapConformanceGrpc());
            var script = RepositoryPaths.Combine("tests", "tools", "python-grpc", "conformance_client.py");
            var run = await Task.Run(() => Run(Python, script, oneof.Directory, host.Address.Authority));

            Assert.True(run.Exit == 0, run.Output);
            Assert.Contains("ok count: a present zero is present", run.Output, StringComparison.Ordinal);
            Assert.Contains("ok count: an absent optional field is absent on the server", run.Output, StringComparison.Ordinal);
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private static (string Directory, string File) Write(DirectoryInfo work, string name, IEnumerable<GeneratedFile> files)
    {
        var proto = files.Single(f => f.Path.EndsWith(".proto", StringComparison.Ordinal));
        var directory = Path.Combine(work.FullName, name);
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, Path.GetFileName(proto.Path));
        File.WriteAllText(path, proto.Content);
        return (directory, path);
    }

    private static void RequireOldProtoc()
    {
        var problem = !File.Exists(Python)
            ? $"{Python} is missing"
            : Run(Python, "-c", "import grpc, grpc_tools.protoc").Exit != 0
                ? "python3-grpcio and python3-grpc-tools are missing (Debian: apt-get install python3-grpcio python3-grpc-tools; eng/test.sh installs them)"
                : null;
        if (problem is null)
        {
            return;
        }

        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail("CI=true and " + problem);
        }

        Assert.Skip(problem);
    }

    private static (int Exit, string Output) Run(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(60_000))
        {
            process.Kill();
            return (-1, "timed out");
        }

        return (process.ExitCode, output.Result + error.Result);
    }
}
