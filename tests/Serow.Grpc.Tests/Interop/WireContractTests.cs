// Licensed under the MIT license. See LICENSE in the project root.

using System.Diagnostics;
using Google.Protobuf.Reflection;
using Serow.Testing;

namespace Serow.Grpc.Tests.Interop;

/// <summary>
/// The interop design's generated .proto describes the same wire contract as the public grpc.testing files: both are
/// compiled by protoc into descriptor sets, which must agree on every name, number, type, label and streaming flag.
/// </summary>
public sealed class WireContractTests
{
    private const string Package = "grpc.testing";

    [Fact]
    public void GeneratedProto_MatchesThePublicContract()
    {
        var expected = Describe(RepositoryPaths.Combine("tests", "Serow.Grpc.Tests", "Interop", "proto"), "test.proto");
        var actual = Describe(RepositoryPaths.Combine("testassets", "Generated", "Interop"), "TestService/Grpc/test_service.proto");

        Assert.Equal(Summarize(expected), Summarize(actual));
    }

    [Fact]
    public void Summary_SeesEveryElementOfTheContract()
    {
        var summary = Summarize(Describe(RepositoryPaths.Combine("tests", "Serow.Grpc.Tests", "Interop", "proto"), "test.proto"));

        // The comparison covers the 7 rpcs, the 11 messages with their fields, and the enum.
        Assert.Equal(7, summary.Count(l => l.StartsWith("rpc ", StringComparison.Ordinal)));
        Assert.Equal(11, summary.Count(l => l.StartsWith("message ", StringComparison.Ordinal)));
        Assert.Contains("enum grpc.testing.PayloadType COMPRESSABLE=0", summary);
        Assert.Contains("field grpc.testing.SimpleRequest.response_type 1 optional enum .grpc.testing.PayloadType", summary);
        Assert.Contains("field grpc.testing.StreamingOutputCallRequest.response_parameters 2 repeated message .grpc.testing.ResponseParameters", summary);
        Assert.Contains("rpc grpc.testing.TestService/HalfDuplexCall .grpc.testing.StreamingOutputCallRequest stream -> .grpc.testing.StreamingOutputCallResponse stream", summary);
    }

    /// <summary>
    /// One line per element of the package, sorted: the service's rpcs, messages, fields and enums. proto3 <c>optional</c>
    /// (explicit presence, a synthetic oneof) reads as a plain field: presence does not change the bytes on the wire.
    /// </summary>
    private static List<string> Summarize(FileDescriptorSet set)
    {
        var lines = new List<string>();
        foreach (var file in set.File.Where(f => f.Package == Package))
        {
            foreach (var service in file.Service)
            {
                lines.Add($"service {Package}.{service.Name}");
                foreach (var method in service.Method)
                {
                    lines.Add($"rpc {Package}.{service.Name}/{method.Name} {method.InputType}{(method.ClientStreaming ? " stream" : string.Empty)} -> {method.OutputType}{(method.ServerStreaming ? " stream" : string.Empty)}");
                }
            }

            foreach (var message in file.MessageType)
            {
                lines.Add($"message {Package}.{message.Name} fields={message.Field.Count} nested={message.NestedType.Count} oneofs={message.OneofDecl.Count - message.Field.Count(f => f.Proto3Optional)}");
                foreach (var field in message.Field)
                {
                    var type = field.Type switch
                    {
                        FieldDescriptorProto.Types.Type.Message => "message " + field.TypeName,
                        FieldDescriptorProto.Types.Type.Enum => "enum " + field.TypeName,
                        var scalar => scalar.ToString().ToLowerInvariant(),
                    };
                    var label = field.Label.ToString().ToLowerInvariant();
                    lines.Add($"field {Package}.{message.Name}.{field.Name} {field.Number} {label} {type}");
                }
            }

            foreach (var @enum in file.EnumType)
            {
                lines.Add($"enum {Package}.{@enum.Name} {string.Join(",", @enum.Value.Select(v => $"{v.Name}={v.Number}"))}");
            }
        }

        lines.Sort(StringComparer.Ordinal);
        return lines;
    }

    /// <summary>Runs protoc (from the Grpc.Tools package) and reads the descriptor set of a file and its imports.</summary>
    private static FileDescriptorSet Describe(string protoPath, string file)
    {
        var output = Path.Combine(Path.GetTempPath(), "serow-descriptors-" + Guid.NewGuid().ToString("N") + ".pb");
        try
        {
            var start = new ProcessStartInfo(ProtocPath()) { RedirectStandardError = true, RedirectStandardOutput = true };
            start.ArgumentList.Add("--proto_path=" + protoPath);
            start.ArgumentList.Add("--descriptor_set_out=" + output);
            start.ArgumentList.Add("--include_imports");
            start.ArgumentList.Add(file);
            using var process = Process.Start(start)!;
            var stderr = process.StandardError.ReadToEndAsync();
            process.StandardOutput.ReadToEnd();
            Assert.True(process.WaitForExit(60_000), "protoc did not finish within a minute");
            Assert.True(process.ExitCode == 0, "protoc failed: " + stderr.Result);
            return FileDescriptorSet.Parser.ParseFrom(File.ReadAllBytes(output));
        }
        finally
        {
            File.Delete(output);
        }
    }

    private static string ProtocPath()
    {
        var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        return Path.Combine(packages, "grpc.tools", "2.85.0", "tools", "linux_x64", "protoc");
    }
}
