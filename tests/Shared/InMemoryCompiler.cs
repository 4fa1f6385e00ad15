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
        var trees = files.Where(f => f.Path.EndsWith(".cs", StringComparison.Ordinal)).Select(f => CSharpSyntaxTree.ParseText(f.Content, parseOptions, path: f.Path)).ToList();
        var options = new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary,
            nullableContextOptions: NullableContextOptions.Enable, warningLevel: 9999, deterministic: true);
        var references = References.Value.Concat(extra.Select(a => MetadataReference.CreateFromFile(a.Location)));
        var compilation = CSharpCompilation.Create("Generated", trees, references, options);
        using var peStream = new MemoryStream();
        using var xmlStream = new MemoryStream();
        var result = compilation.Emit(peStream, xmlDocumentationStream: xmlStream);
        return result.Diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
    }

    private static IReadOnlyList<MetadataReference> LoadReferences()
    {
        var paths = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator).ToList();
        paths.Add(typeof(Serow.ServiceError).Assembly.Location);
        return paths.Distinct().Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)).ToList();
    }
}
