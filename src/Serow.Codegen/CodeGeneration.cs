// Licensed under the MIT license. See LICENSE in the project root.

using Serow.Design;

namespace Serow.Codegen;

/// <summary>Runs several generators over one design and merges their files.</summary>
public static class CodeGeneration
{
    /// <summary>Runs every generator in order and returns all files ordered by path.</summary>
    /// <exception cref="CodegenException">A generator failed, or two generators wrote the same path.</exception>
    public static IReadOnlyList<GeneratedFile> Run(DesignRoot design, GenerationOptions options, IEnumerable<ICodeGenerator> generators)
    {
        ArgumentNullException.ThrowIfNull(design);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(generators);
        var files = new List<GeneratedFile>();
        var owners = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var problems = new List<DesignDiagnostic>();
        foreach (var generator in generators)
        {
            foreach (var file in generator.Generate(design, options))
            {
                if (owners.TryGetValue(file.Path, out var owner))
                {
                    problems.Add(new DesignDiagnostic("SEROW902",
                        $"the {generator.Name} and {owner} generators both write \"{file.Path}\"", design.Api.Location));
                    continue;
                }

                owners[file.Path] = generator.Name;
                files.Add(file);
            }
        }

        if (problems.Count > 0)
        {
            throw new CodegenException(problems);
        }

        return files.OrderBy(f => f.Path, StringComparer.Ordinal).ToList();
    }
}
