// Licensed under the MIT license. See LICENSE in the project root.

using System.CommandLine;
using Serow.Codegen;
using Serow.Design;

namespace Serow.Cli.Internal;

/// <summary>
/// <c>serow gen</c>: builds the design project (or takes its built assembly), evaluates its designs and writes the generated code.
/// </summary>
internal sealed class GenCommand
{
    private readonly TextWriter output;
    private readonly TextWriter error;
    private readonly string workingDirectory;

    public GenCommand(TextWriter output, TextWriter error, string workingDirectory)
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
            Description = "The folder to write the generated code to. Default: a 'gen' folder beside the design project's folder.",
            HelpName = "dir",
        };
        var namespaceOption = new Option<string?>("--namespace", "-n")
        {
            Description = "The root namespace of the generated code. Default: the API name in PascalCase.",
            HelpName = "ns",
        };
        var presenceOption = new Option<ProtoPresence>("--proto-presence")
        {
            Description = "How the .proto marks optional fields: 'optional' (proto3 optional, protoc 3.15 or later) or 'oneof' (a one-field oneof each, for older protoc). Default: optional.",
            DefaultValueFactory = _ => ProtoPresence.Optional,
        };
        var openApiOption = new Option<string>("--openapi-version")
        {
            Description = "The version of the generated OpenAPI document: '3.2' (streamed responses described item by item with itemSchema) or '3.1' (for tools that do not read 3.2 yet). Default: 3.2.",
            DefaultValueFactory = _ => "3.2",
            HelpName = "version",
        };
        openApiOption.AcceptOnlyFromAmong("3.2", "3.1");
        var typeScriptOption = new Option<string?>("--typescript")
        {
            Description = "Also write a TypeScript client package (ES modules, typed clients over fetch, WebSockets and Server-Sent Events) to this folder. See docs/typescript.md.",
            HelpName = "dir",
        };
        var assemblyOption = new Option<string?>("--design-assembly")
        {
            Description = "The design project's assembly, already built: serow then loads it instead of building the project (Serow.Build passes the assembly MSBuild built, so that a parallel build compiles the design project once).",
            HelpName = "path",
        };
        var errorFormatOption = new Option<ErrorFormat>("--error-format")
        {
            Description = "How errors are printed: 'text' (file:line: error ID: message, the path relative to the current folder) or 'msbuild' (file(line,column): error ID: message, which MSBuild and IDEs list as build errors). Default: text.",
            DefaultValueFactory = _ => ErrorFormat.Text,
        };
        var command = new Command("gen", "Generate C# code from a design project.")
        {
            design,
            outputOption,
            namespaceOption,
            presenceOption,
            openApiOption,
            typeScriptOption,
            assemblyOption,
            errorFormatOption,
        };
        command.SetAction(parseResult =>
        {
            var configuration = parseResult.InvocationConfiguration;
            var gen = new GenCommand(configuration.Output, configuration.Error, workingDirectory)
            {
                Errors = parseResult.GetValue(errorFormatOption),
            };
            return gen.Execute(
                parseResult.GetRequiredValue(design),
                parseResult.GetValue(outputOption),
                parseResult.GetValue(namespaceOption),
                parseResult.GetValue(presenceOption),
                parseResult.GetValue(openApiOption) == "3.1" ? OpenApiVersion.OpenApi3_1 : OpenApiVersion.OpenApi3_2,
                parseResult.GetValue(typeScriptOption),
                parseResult.GetValue(assemblyOption));
        });
        return command;
    }

    /// <summary>How errors are printed.</summary>
    public ErrorFormat Errors { get; init; }

    /// <summary>The default output folder: <c>gen</c> beside the design project's folder.</summary>
    public static string DefaultOutputDirectory(string projectPath) =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(projectPath)!, "..", "gen"));

    public int Execute(
        string designPath, string? outputDirectory, string? rootNamespace, ProtoPresence protoPresence = ProtoPresence.Optional,
        OpenApiVersion openApiVersion = OpenApiVersion.OpenApi3_2, string? typeScriptDirectory = null, string? designAssembly = null)
    {
        try
        {
            var project = DesignProjectLocator.Locate(designPath, workingDirectory);
            var assemblyPath = designAssembly is null ? DesignProjectBuilder.Build(project) : Built(designAssembly);
            var result = DesignLoader.Evaluate(assemblyPath);
            if (!result.Succeeded || result.Root is null)
            {
                return ReportDesignErrors(result.Diagnostics);
            }

            IReadOnlyList<GeneratedFile> files;
            IReadOnlyList<GeneratedFile> typeScript = [];
            var options = new GenerationOptions
            {
                RootNamespace = string.IsNullOrWhiteSpace(rootNamespace) ? null : rootNamespace,
                DesignName = Path.GetFileNameWithoutExtension(project),
                ToolVersion = SerowCli.Version,
                ProtoPresence = protoPresence,
                OpenApiVersion = openApiVersion,
            };
            try
            {
                files = CodeGeneration.Run(result.Root, options, GeneratorCatalog.All);
                if (typeScriptDirectory is not null)
                {
                    typeScript = CodeGeneration.Run(result.Root, options, [GeneratorCatalog.TypeScript]);
                }
            }
            catch (CodegenException exception)
            {
                return ReportDesignErrors(exception.Diagnostics);
            }

            var target = outputDirectory is null
                ? DefaultOutputDirectory(project)
                : Path.GetFullPath(outputDirectory, workingDirectory);
            var written = GeneratedFileWriter.Write(target, files);
            foreach (var path in written.Written.Select(Relative).Order(StringComparer.Ordinal))
            {
                output.WriteLine(path);
            }

            output.WriteLine($"Generated {written.Written.Count} files in {Relative(written.OutputDirectory)}.");
            if (typeScriptDirectory is not null)
            {
                if (typeScript.Count == 0)
                {
                    WriteError("the design maps no method to HTTP, so there is no TypeScript client to write.");
                    return 1;
                }

                var package = GeneratedFileWriter.Write(Path.GetFullPath(typeScriptDirectory, workingDirectory), typeScript);
                foreach (var path in package.Written.Select(Relative).Order(StringComparer.Ordinal))
                {
                    output.WriteLine(path);
                }

                output.WriteLine($"Generated the TypeScript client ({package.Written.Count} files) in {Relative(package.OutputDirectory)}.");
            }

            return 0;
        }
        catch (CliException exception)
        {
            if (!string.IsNullOrEmpty(exception.Details))
            {
                error.Write(exception.Details);
            }

            WriteError(exception.Message);
            return 1;
        }
        catch (DesignException exception)
        {
            return ReportDesignErrors(exception.Diagnostics);
        }
        catch (IOException exception)
        {
            WriteError(exception.Message);
            return 1;
        }
        catch (UnauthorizedAccessException exception)
        {
            WriteError(exception.Message);
            return 1;
        }
    }

    private int ReportDesignErrors(IReadOnlyList<DesignDiagnostic> diagnostics)
    {
        foreach (var diagnostic in diagnostics)
        {
            var location = diagnostic.Location;
            var file = location.File.StartsWith('<') ? null : Path.GetFullPath(location.File, workingDirectory);
            error.WriteLine(Errors == ErrorFormat.MSBuild
                ? $"{file ?? "serow "}{(file is null ? string.Empty : location.Column > 0 ? $"({location.Line},{location.Column})" : $"({location.Line})")}: error {diagnostic.Id}: {diagnostic.Message}"
                : $"{(file is null ? location.File : Relative(file))}:{location.Line}: error {diagnostic.Id}: {diagnostic.Message}");
        }

        error.WriteLine($"{diagnostics.Count} design error(s).");
        return 1;
    }

    private void WriteError(string message) =>
        error.WriteLine(Errors == ErrorFormat.MSBuild ? $"serow : error SEROW000: {message}" : $"serow: error: {message}");

    private string Relative(string path) => Path.GetRelativePath(workingDirectory, path).Replace(Path.DirectorySeparatorChar, '/');

    /// <summary>The full path of an assembly given with --design-assembly, which must exist.</summary>
    private string Built(string designAssembly)
    {
        var path = Path.GetFullPath(designAssembly, workingDirectory);
        return File.Exists(path) ? path : throw new CliException($"the design assembly '{path}' (--design-assembly) does not exist; build the design project first.");
    }
}
