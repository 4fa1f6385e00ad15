// Licensed under the MIT license. See LICENSE in the project root.

using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Serow.Codegen;

namespace Serow.Testing;

/// <summary>Compiles generated code in memory with Roslyn against the framework and Serow's runtime.</summary>
internal static class InMemoryCompiler
{
    private static readonly Lazy<IReadOnlyList<MetadataReference>> References = new(LoadReferences);

    /// <summary>Compiles the files and returns every diagnostic of warning severity or worse (including missing XML docs).</summary>
    public static IReadOnlyList<Diagnostic> Compile(IEnumerable<GeneratedFile> files, params Assembly[] extra)
    {
        var parseOptions = new CSharpParseOptions(LanguageVersion.Latest, DocumentationMode.Diagnose);
        files = files.ToList();
        var trees = files.Where(f => f.Path.EndsWith(".cs", StringComparison.Ordinal)).Select(f => CSharpSyntaxTree.ParseText(f.Content, parseOptions, path: f.Path)).ToList();
        trees.AddRange(Protoc.GenerateCSharp(files).Select(f => CSharpSyntaxTree.ParseText(f.Text, parseOptions, path: "protoc/" + f.Path)));
        var options = new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary,
            nullableContextOptions: NullableContextOptions.Enable, warningLevel: 9999, deterministic: true)
            .WithSpecificDiagnosticOptions(new Dictionary<string, ReportDiagnostic>
            {
                // As in every SDK build: package assemblies built against an older framework unify with the current one.
                ["CS1701"] = ReportDiagnostic.Suppress,
                ["CS1702"] = ReportDiagnostic.Suppress,
            });
        var references = References.Value.Concat(extra.Select(a => MetadataReference.CreateFromFile(a.Location)));
        var compilation = CSharpCompilation.Create("Generated", trees, references, options);
        compilation = RunJsonSourceGenerator(compilation, parseOptions);
        using var peStream = new MemoryStream();
        using var xmlStream = new MemoryStream();
        var result = compilation.Emit(peStream, xmlDocumentationStream: xmlStream);
        return result.Diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
    }

    private static IReadOnlyList<MetadataReference> LoadReferences()
    {
        var paths = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator).ToList();
        paths.Add(typeof(Serow.ServiceError).Assembly.Location);

        // Transport runtimes and their packages (gRPC, Protobuf) are copied next to the test assembly.
        paths.AddRange(Directory.GetFiles(AppContext.BaseDirectory, "*.dll").Where(p => IsLoadable(p)));
        return paths.Distinct().Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)).ToList();
    }

    /// <summary>Runs the SDK's System.Text.Json source generator, as a build does, for the generated JsonSerializerContexts.</summary>
    private static CSharpCompilation RunJsonSourceGenerator(CSharpCompilation compilation, CSharpParseOptions parseOptions)
    {
        CSharpGeneratorDriver.Create([JsonGenerator.Value], parseOptions: parseOptions)
            .RunGeneratorsAndUpdateCompilation(compilation, out var updated, out _);
        return (CSharpCompilation)updated;
    }

    private static readonly Lazy<ISourceGenerator> JsonGenerator = new(() =>
    {
        var dotnet = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(typeof(object).Assembly.Location)!, "..", "..", ".."));
        var pack = Directory.GetDirectories(Path.Combine(dotnet, "packs", "Microsoft.NETCore.App.Ref"), Environment.Version.Major + ".*")
            .OrderBy(d => Version.TryParse(Path.GetFileName(d).Split('-')[0], out var v) ? v : new Version()).Last();
        var assembly = Assembly.LoadFrom(Path.Combine(pack, "analyzers", "dotnet", "cs", "System.Text.Json.SourceGeneration.dll"));
        var type = assembly.GetTypes().Single(t => typeof(IIncrementalGenerator).IsAssignableFrom(t) && !t.IsAbstract);
        return ((IIncrementalGenerator)Activator.CreateInstance(type)!).AsSourceGenerator();
    });

    private static bool IsLoadable(string path)
    {
        try
        {
            System.Reflection.AssemblyName.GetAssemblyName(path);
            return true;
        }
        catch (BadImageFormatException)
        {
            return false;
        }
    }
}
