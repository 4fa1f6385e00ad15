// Licensed under the MIT license. See LICENSE in the project root.

using System.Diagnostics;
using Serow.Codegen;

namespace Serow.Testing;

/// <summary>Runs protoc and the gRPC C# plugin of the Grpc.Tools package, as a Protobuf item does at build time.</summary>
internal static class Protoc
{
    private const string GrpcToolsVersion = "2.85.0";

    /// <summary>Compiles the .proto files among <paramref name="files"/> to C# (messages and gRPC stubs); returns (path, text) pairs.</summary>
    public static IReadOnlyList<(string Path, string Text)> GenerateCSharp(IEnumerable<GeneratedFile> files)
    {
        var protos = files.Where(f => f.Path.EndsWith(".proto", StringComparison.Ordinal)).ToList();
        if (protos.Count == 0)
        {
            return [];
        }

        var root = Path.Combine(Path.GetTempPath(), "serow-protoc-" + Guid.NewGuid().ToString("N"));
        var output = Path.Combine(root, "out");
        Directory.CreateDirectory(output);
        try
        {
            foreach (var proto in protos)
            {
                var path = Path.Combine(root, "in", proto.Path);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                File.WriteAllText(path, proto.Content);
            }

            var tools = Path.Combine(PackagesRoot(), "grpc.tools", GrpcToolsVersion, "tools", "linux_x64");
            var start = new ProcessStartInfo(Path.Combine(tools, "protoc"))
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
            };
            start.ArgumentList.Add("--proto_path=" + Path.Combine(root, "in"));
            start.ArgumentList.Add("--csharp_out=" + output);
            start.ArgumentList.Add("--grpc_out=" + output);
            start.ArgumentList.Add("--plugin=protoc-gen-grpc=" + Path.Combine(tools, "grpc_csharp_plugin"));
            foreach (var proto in protos)
            {
                start.ArgumentList.Add(proto.Path);
            }

            using var process = Process.Start(start)!;
            var stderr = process.StandardError.ReadToEndAsync();
            process.StandardOutput.ReadToEnd();
            if (!process.WaitForExit(60_000) || process.ExitCode != 0)
            {
                throw new InvalidOperationException("protoc failed: " + stderr.Result);
            }

            return Directory.GetFiles(output, "*.cs", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
                .Select(p => (Path.GetRelativePath(output, p), File.ReadAllText(p)))
                .ToList();
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static string PackagesRoot() =>
        Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
}
