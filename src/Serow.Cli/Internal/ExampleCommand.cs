// Licensed under the MIT license. See LICENSE in the project root.

using System.CommandLine;
using System.Text;
using System.Xml.Linq;
using Serow.Codegen;
using Serow.Design;

namespace Serow.Cli.Internal;

/// <summary>
/// <c>serow example</c>: scaffolds a server project (every service hosted on its designed transports, one stub
/// implementation per service) and a client project (the generated command-line client) beside the generated code.
/// Never overwrites a file; runs <c>serow gen</c> first when the generated code is missing.
/// </summary>
internal sealed class ExampleCommand
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    private readonly TextWriter output;
    private readonly TextWriter error;
    private readonly string workingDirectory;

    public ExampleCommand(TextWriter output, TextWriter error, string workingDirectory)
    {
        this.output = output;
        this.error = error;
        this.workingDirectory = workingDirectory;
    }

    public static Command Create(string workingDirectory)
    {
        var design = new Argument<string>("design")
        {
            Description = "The design project file (.csproj), or a folder holding exactly one.",
        };
        var outputOption = new Option<string?>("--output", "-o")
        {
            Description = "The folder to write the projects to. Default: the folder holding the design project's folder (beside gen/).",
            HelpName = "dir",
        };
        var namespaceOption = new Option<string?>("--namespace", "-n")
        {
            Description = "The root namespace the generated code uses (as given to serow gen). Default: the API name in PascalCase.",
            HelpName = "ns",
        };
        var serowRootOption = new Option<string?>("--serow-root")
        {
            Description = "The Serow source tree (the folder holding Serow.slnx) the projects reference. Default: the tree this serow runs from; outside one, Serow's packages of this serow's version.",
            HelpName = "dir",
        };
        var command = new Command("example", "Scaffold a server and a command-line client for a design (never overwrites a file).")
        {
            design,
            outputOption,
            namespaceOption,
            serowRootOption,
        };
        command.SetAction(parseResult =>
        {
            var configuration = parseResult.InvocationConfiguration;
            var example = new ExampleCommand(configuration.Output, configuration.Error, workingDirectory);
            return example.Execute(
                parseResult.GetRequiredValue(design),
                parseResult.GetValue(outputOption),
                parseResult.GetValue(namespaceOption),
                parseResult.GetValue(serowRootOption));
        });
        return command;
    }

    /// <summary>The Serow source tree this tool runs from: the first folder above its assembly that holds Serow.slnx.</summary>
    public static string? FindSerowRoot(string start)
    {
        for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Serow.slnx")))
            {
                return directory.FullName;
            }
        }

        return null;
    }

    public int Execute(string designPath, string? outputDirectory, string? rootNamespace, string? serowRoot)
    {
        try
        {
            var root = ResolveSerowRoot(serowRoot);
            var project = DesignProjectLocator.Locate(designPath, workingDirectory);
            var assemblyPath = DesignProjectBuilder.Build(project);
            var result = DesignLoader.Evaluate(assemblyPath);
            if (!result.Succeeded || result.Root is null)
            {
                return ReportDesignErrors(result.Diagnostics);
            }

            var options = new GenerationOptions
            {
                RootNamespace = string.IsNullOrWhiteSpace(rootNamespace) ? null : rootNamespace,
                DesignName = Path.GetFileNameWithoutExtension(project),
                ToolVersion = SerowCli.Version,
            };
            var gen = GenCommand.DefaultOutputDirectory(project);
            EnsureGenerated(result.Root, options, gen);

            var target = outputDirectory is null
                ? Path.GetDirectoryName(Path.GetDirectoryName(project)!)!
                : Path.GetFullPath(outputDirectory, workingDirectory);

            // Both projects sit one folder below the target, so one relative path serves both.
            var projectFolder = Path.Combine(target, "Project");
            var files = ExampleScaffold.Generate(result.Root, options, new ExampleOptions
            {
                GenPath = RelativeFolder(projectFolder, gen),
                SerowRoot = root is null ? null : RelativeFolder(projectFolder, root),
                SerowPackageVersion = SerowCli.Version,
                PackageVersions = root is null ? new Dictionary<string, string>() : PackageVersions(root),
                Transports = GeneratorCatalog.Transports,
            });

            var written = 0;
            var skipped = 0;
            foreach (var file in files)
            {
                var path = Path.Combine(target, file.Path.Replace('/', Path.DirectorySeparatorChar));
                if (File.Exists(path))
                {
                    output.WriteLine($"skipped {Relative(path)} (exists)");
                    skipped++;
                    continue;
                }

                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                File.WriteAllBytes(path, Utf8NoBom.GetBytes(file.Content.Replace("\r\n", "\n", StringComparison.Ordinal)));
                output.WriteLine($"wrote {Relative(path)}");
                written++;
            }

            var prefix = ExampleScaffold.ProjectPrefix(result.Root);
            output.WriteLine($"Scaffolded {written} files in {Relative(target)} ({skipped} skipped).");
            output.WriteLine($"Run the server:  dotnet run --project {Relative(Path.Combine(target, prefix + ".Server"))}");
            if (files.Any(f => f.Path.StartsWith(prefix + ".Client/", StringComparison.Ordinal)))
            {
                output.WriteLine($"Call it:         dotnet run --project {Relative(Path.Combine(target, prefix + ".Client"))} -- --help");
            }

            return 0;
        }
        catch (CliException exception)
        {
            if (!string.IsNullOrEmpty(exception.Details))
            {
                error.Write(exception.Details);
            }

            error.WriteLine($"serow: error: {exception.Message}");
            return 1;
        }
        catch (CodegenException exception)
        {
            return ReportDesignErrors(exception.Diagnostics);
        }
        catch (DesignException exception)
        {
            return ReportDesignErrors(exception.Diagnostics);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"serow: error: {exception.Message}");
            return 1;
        }
    }

    /// <summary>The Serow source tree to reference: the one given, else the one the tool runs from; null (packages) outside one.</summary>
    private string? ResolveSerowRoot(string? serowRoot)
    {
        if (serowRoot is not null)
        {
            var given = Path.GetFullPath(serowRoot, workingDirectory);
            if (!File.Exists(Path.Combine(given, "src", "Serow.Runtime", "Serow.Runtime.csproj")))
            {
                throw new CliException($"'{serowRoot}' is not a Serow source tree (no src/Serow.Runtime/Serow.Runtime.csproj).");
            }

            return given;
        }

        var start = Path.GetDirectoryName(typeof(ExampleCommand).Assembly.Location) ?? AppContext.BaseDirectory;
        return FindSerowRoot(start);
    }

    /// <summary>Runs <c>serow gen</c> into the default folder when it is missing or lacks the command-line client.</summary>
    private void EnsureGenerated(DesignRoot design, GenerationOptions options, string gen)
    {
        var files = CodeGeneration.Run(design, options, GeneratorCatalog.All);
        var cli = files.FirstOrDefault(f => f.Path.StartsWith("Cli/", StringComparison.Ordinal));
        if (Directory.Exists(gen) && (cli is null || File.Exists(Path.Combine(gen, cli.Path))))
        {
            output.WriteLine($"using the generated code in {Relative(gen)} (run `serow gen` again after changing the design)");
            return;
        }

        var written = GeneratedFileWriter.Write(gen, files);
        output.WriteLine($"generated {written.Written.Count} files in {Relative(gen)} (serow gen)");
    }

    /// <summary>The central package versions of the Serow tree, so that the scaffold builds with the same tools (protoc among them).</summary>
    private static Dictionary<string, string> PackageVersions(string serowRoot)
    {
        var props = Path.Combine(serowRoot, "Directory.Packages.props");
        if (!File.Exists(props))
        {
            return [];
        }

        return XDocument.Load(props).Descendants("PackageVersion")
            .Select(e => ((string?)e.Attribute("Include"), (string?)e.Attribute("Version")))
            .Where(p => !string.IsNullOrWhiteSpace(p.Item1) && !string.IsNullOrWhiteSpace(p.Item2))
            .GroupBy(p => p.Item1!)
            .ToDictionary(g => g.Key, g => g.First().Item2!);
    }

    private static string RelativeFolder(string from, string to)
    {
        var relative = Path.GetRelativePath(from, to).Replace(Path.DirectorySeparatorChar, '/');
        return relative.EndsWith('/') ? relative : relative + "/";
    }

    private int ReportDesignErrors(IReadOnlyList<DesignDiagnostic> diagnostics)
    {
        foreach (var diagnostic in diagnostics)
        {
            error.WriteLine(diagnostic.ToString());
        }

        error.WriteLine($"{diagnostics.Count} design error(s).");
        return 1;
    }

    /// <summary>A path relative to the working folder when it is inside it, else the full path.</summary>
    private string Relative(string path)
    {
        var relative = Path.GetRelativePath(workingDirectory, path);
        return (relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? Path.GetFullPath(path) : relative)
            .Replace(Path.DirectorySeparatorChar, '/');
    }
}
