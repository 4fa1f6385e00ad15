// Licensed under the MIT license. See LICENSE in the project root.

using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Serow.Codegen;
using Serow.Codegen.Grpc;
using Serow.Dsl;
using Serow.Testing;

namespace Serow.Grpc.Tests.Runtime;

/// <summary>
/// Generates a design's service layer and gRPC transport, compiles it with protoc's output and test sources in
/// memory, and loads it, so a design declared in this project can run over a real server.
/// </summary>
internal static class GeneratedAssembly
{
    private static readonly GenerationOptions Options = new() { ToolVersion = "0.0.0-test" };
    private static readonly Lazy<IReadOnlyList<MetadataReference>> References = new(LoadReferences);

    public static IReadOnlyList<GeneratedFile> Generate(Type design)
    {
        var root = DesignRunner.Run(design).GetRootOrThrow();
        return [.. new ServiceGenerator().Generate(root, Options), .. new GrpcGenerator().Generate(root, Options)];
    }

    /// <summary>Compiles the design's generated code with <paramref name="sources"/> and loads the assembly.</summary>
    public static Assembly Load(Type design, params string[] sources)
    {
        var files = Generate(design);
        var parseOptions = new CSharpParseOptions(LanguageVersion.Latest);
        var trees = files.Where(f => f.Path.EndsWith(".cs", StringComparison.Ordinal)).Select(f => CSharpSyntaxTree.ParseText(f.Content, parseOptions, path: f.Path))
            .Concat(Protoc.GenerateCSharp(files).Select(f => CSharpSyntaxTree.ParseText(f.Text, parseOptions, path: "protoc/" + f.Path)))
            .Concat(sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, parseOptions, path: $"test{i}.cs")))
            .ToList();
        var compilation = CSharpCompilation.Create(
            design.Name + "_" + Guid.NewGuid().ToString("N"), trees, References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        using var pe = new MemoryStream();
        var result = compilation.Emit(pe);
        var errors = result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(result.Success, "the generated code does not compile:\n" + string.Join("\n", errors));
        pe.Position = 0;
        return AssemblyLoadContext.Default.LoadFromStream(pe);
    }

    /// <summary>Calls a public static method of a loaded type.</summary>
    public static object? Invoke(Assembly assembly, string type, string method, params object?[] arguments) =>
        assembly.GetType(type, throwOnError: true)!.GetMethod(method, BindingFlags.Public | BindingFlags.Static)!.Invoke(null, arguments);

    private static IReadOnlyList<MetadataReference> LoadReferences()
    {
        var paths = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Concat(Directory.GetFiles(AppContext.BaseDirectory, "*.dll").Where(IsAssembly));
        return paths.Distinct().Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)).ToList();
    }

    private static bool IsAssembly(string path)
    {
        try
        {
            AssemblyName.GetAssemblyName(path);
            return true;
        }
        catch (BadImageFormatException)
        {
            return false;
        }
    }
}
