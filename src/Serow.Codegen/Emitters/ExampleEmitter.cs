// Licensed under the MIT license. See LICENSE in the project root.

using System.Text.RegularExpressions;
using Serow.Codegen.Model;
using Serow.Codegen.Writing;
using Serow.Design;

namespace Serow.Codegen.Emitters;

/// <summary>
/// Prints the scaffold of <c>serow example</c>: user-owned code, so it reads like hand-written code (short type names
/// with usings, no generated-code markers) and is written once.
/// </summary>
internal static partial class ExampleEmitter
{
    // Usings the Web and console SDKs import implicitly.
    private static readonly HashSet<string> ImplicitNamespaces =
    [
        "System", "System.Collections.Generic", "System.IO", "System.Linq", "System.Net.Http", "System.Threading", "System.Threading.Tasks",
    ];

    public static IReadOnlyList<GeneratedFile> Emit(CodeModel model, CliSpec cli, ExampleOptions example)
    {
        var prefix = CSharp.Pascal(model.Design.Api.Name);
        var server = $"{prefix}.Server";
        var client = $"{prefix}.Client";
        var transports = cli.Transports;
        var files = new List<GeneratedFile>
        {
            File($"{server}/{server}.csproj", ServerProject(model, example, transports)),
            File($"{server}/Program.cs", ServerProgram(model, cli, server, transports)),
        };
        files.AddRange(model.Services.Select(s => File($"{server}/{s.Name}Service.cs", ServiceStub(model, s, server))));
        files.AddRange(model.Services.Where(s => model.Interception.Of(s, server: true).Count > 0)
            .Select(s => File($"{server}/{s.Name}ServerInterceptors.cs", InterceptorStub(model, s))));
        if (cli.Services.Count > 0)
        {
            files.Add(File($"{client}/{client}.csproj", ClientProject(model, cli, example, transports)));
            files.Add(File($"{client}/Program.cs", ClientProgram(model, cli)));
        }

        return files;
    }

    private static GeneratedFile File(string path, string text) =>
        new(path, EquatableArray.Create(new GeneratedSection("scaffold", text)));

    private static string Header(CodeModel model) =>
        $"// Scaffolded by `serow example` from the design \"{model.Options.DesignName ?? model.Design.Api.Name}\". This file is yours: edit it freely; serow never overwrites it.";

    private static string ServerProject(CodeModel model, ExampleOptions example, IReadOnlyList<TransportBinding> transports)
    {
        var writer = new CodeWriter();
        writer.Line("<Project Sdk=\"Microsoft.NET.Sdk.Web\">");
        writer.Line($"  <!-- Scaffolded by `serow example`: the server of the \"{Xml.Escape(model.Design.Api.Name)}\" API over the code `serow gen` writes. Yours to edit. -->");
        Properties(writer, example, $"{model.RootNamespace}.Server", assemblyName: null, exe: false);
        References(writer, transports, cli: false, framework: false, example);
        writer.Line("</Project>");
        return writer.ToString();
    }

    private static string ClientProject(CodeModel model, CliSpec cli, ExampleOptions example, IReadOnlyList<TransportBinding> transports)
    {
        var writer = new CodeWriter();
        writer.Line("<Project Sdk=\"Microsoft.NET.Sdk\">");
        writer.Line($"  <!-- Scaffolded by `serow example`: {Xml.Escape(cli.ToolName)}, the generated command-line client of the \"{Xml.Escape(model.Design.Api.Name)}\" API. Yours to edit. -->");
        Properties(writer, example, $"{model.RootNamespace}.Client", cli.ToolName, exe: true);
        References(writer, transports, cli: true, framework: true, example);
        writer.Line("</Project>");
        return writer.ToString();
    }

    private static void Properties(CodeWriter writer, ExampleOptions example, string rootNamespace, string? assemblyName, bool exe)
    {
        writer.Line("  <PropertyGroup>");
        if (exe)
        {
            writer.Line("    <OutputType>Exe</OutputType>");
        }

        writer.Line("    <TargetFramework>net10.0</TargetFramework>");
        writer.Line("    <Nullable>enable</Nullable>");
        writer.Line("    <ImplicitUsings>enable</ImplicitUsings>");
        writer.Line($"    <RootNamespace>{rootNamespace}</RootNamespace>");
        if (assemblyName is not null)
        {
            writer.Line($"    <AssemblyName>{assemblyName}</AssemblyName>");
        }

        if (example.SerowRoot is { } serowRoot)
        {
            writer.Line("    <!-- Serow is referenced from its source tree, and the generated code from the folder `serow gen` writes. -->");
            writer.Line($"    <SerowRoot>$([MSBuild]::NormalizeDirectory('$(MSBuildThisFileDirectory)', '{serowRoot}'))</SerowRoot>");
        }
        else
        {
            writer.Line("    <!-- Serow is referenced as packages, and the generated code from the folder `serow gen` writes. -->");
        }

        writer.Line($"    <SerowGen>$([MSBuild]::NormalizeDirectory('$(MSBuildThisFileDirectory)', '{example.GenPath}'))</SerowGen>");
        writer.Line("  </PropertyGroup>");
    }

    private static void References(CodeWriter writer, IReadOnlyList<TransportBinding> transports, bool cli, bool framework, ExampleOptions example)
    {
        if (framework)
        {
            writer.Line("  <ItemGroup>");
            writer.Line("    <!-- The generated code holds the server glue too. -->");
            writer.Line("    <FrameworkReference Include=\"Microsoft.AspNetCore.App\" />");
            writer.Line("  </ItemGroup>");
        }

        // The runtime projects are the packages of the same names.
        var runtimes = new List<string> { "Serow.Runtime" };
        runtimes.AddRange(transports.Select(t => t.RuntimeProject));
        if (cli)
        {
            runtimes.Add("Serow.Runtime.Cli");
        }

        writer.Line("  <ItemGroup>");
        foreach (var runtime in runtimes)
        {
            writer.Line(example.SerowRoot is null
                ? $"    <PackageReference Include=\"{runtime}\" Version=\"{example.SerowPackageVersion}\" />"
                : $"    <ProjectReference Include=\"$(SerowRoot)src/{runtime}/{runtime}.csproj\" />");
        }

        writer.Line("  </ItemGroup>");
        foreach (var (package, defaultVersion) in transports.SelectMany(t => t.BuildPackages))
        {
            var version = example.PackageVersions.TryGetValue(package, out var known) ? known : defaultVersion;
            writer.Line("  <ItemGroup>");
            writer.Line($"    <!-- {package}, to build the generated code; under central package management the version comes from Directory.Packages.props. -->");
            writer.Line($"    <PackageReference Include=\"{package}\" Version=\"{version}\" PrivateAssets=\"all\" Condition=\"'$(ManagePackageVersionsCentrally)' != 'true'\" />");
            writer.Line($"    <PackageReference Include=\"{package}\" PrivateAssets=\"all\" Condition=\"'$(ManagePackageVersionsCentrally)' == 'true'\" />");
            writer.Line("  </ItemGroup>");
        }

        writer.Line("  <ItemGroup>");
        writer.Line(cli
            ? "    <Compile Include=\"$(SerowGen)**/*.cs\" LinkBase=\"gen\" />"
            : "    <Compile Include=\"$(SerowGen)**/*.cs\" Exclude=\"$(SerowGen)Cli/**\" LinkBase=\"gen\" />");
        foreach (var item in transports.SelectMany(t => t.ProjectItems))
        {
            writer.Line("    " + item);
        }

        writer.Line("  </ItemGroup>");
    }

    private static string ServerProgram(CodeModel model, CliSpec cli, string server, IReadOnlyList<TransportBinding> transports)
    {
        var writer = new CodeWriter();
        writer.Line(Header(model));
        writer.Line();
        writer.Line("using System.Net;");
        writer.Line("using Microsoft.AspNetCore.Server.Kestrel.Core;");
        foreach (var service in model.Services)
        {
            writer.Line($"using {service.Namespace};");
        }

        writer.Line($"using {model.RootNamespace}.Server;");
        writer.Line();
        writer.Line("var builder = WebApplication.CreateBuilder(args);");
        writer.Line();
        var settings = string.Join(" ", transports.Select(t => $"--{t.PortSetting} {9000 + transports.ToList().IndexOf(t)}"));
        var keys = string.Join("/", transports.Select(t => t.PortSetting));
        writer.Line($"// Listens on 127.0.0.1; change the ports with {settings} (or {keys} in configuration); 0 picks a free port.");
        foreach (var transport in transports)
        {
            writer.Line($"var {Port(transport)} = builder.Configuration.GetValue({CSharp.String(transport.PortSetting)}, {transport.DefaultPort});");
        }

        writer.Line("var listening = new List<(string Name, ListenOptions Listen)>();");
        writer.Open("builder.WebHost.ConfigureKestrel(kestrel =>");
        foreach (var transport in transports)
        {
            writer.Line($"// {transport.ListenComment}");
            writer.Line($"kestrel.Listen(IPAddress.Loopback, {Port(transport)}, listen =>");
            writer.Line("{");
            writer.Line($"    listen.Protocols = HttpProtocols.{transport.Protocols};");
            writer.Line($"    listening.Add(({CSharp.String(transport.Name)}, listen));");
            writer.Line("});");
        }

        writer.Close(");");
        writer.Line();
        var schemes = model.Services
            .SelectMany(s => s.Methods.SelectMany(m => model.Design.SecurityOf(s.Design, m.Design)))
            .SelectMany(r => r.Schemes).Distinct().Order(StringComparer.Ordinal).ToList();
        if (schemes.Count > 0)
        {
            writer.Line($"// The design secures methods with {string.Join(", ", schemes.Select(n => $"\"{n}\""))}: register an authentication handler for each");
            writer.Line("// (docs/security.md), for example builder.Services.AddAuthentication().AddJwtBearer(\"jwt\", …) or");
            writer.Line("// .AddSerowApiKey(\"api_key\", …); until then their calls are refused as unauthenticated.");
            writer.Line();
        }

        writer.Line("// The implementations: one class per service in this project; replace their stubs.");
        foreach (var service in model.Services)
        {
            writer.Line($"builder.Services.AddSingleton<{service.Interface}, {service.Name}Service>();");
        }

        foreach (var service in model.Services.Where(s => model.Interception.Of(s, server: true).Count > 0))
        {
            writer.Line($"builder.Services.AddSingleton<{InterceptorEmitter.InterfaceName(service, server: true)}, {service.Name}ServerInterceptors>();");
        }

        foreach (var transport in transports)
        {
            foreach (var service in cli.Services.Where(s => s.Clients.Contains(transport)))
            {
                writer.Line($"builder.Services.Add{service.Service.Name}{transport.Suffix}();");
            }
        }

        writer.Line();
        writer.Line("var app = builder.Build();");
        foreach (var transport in transports)
        {
            foreach (var service in cli.Services.Where(s => s.Clients.Contains(transport)))
            {
                writer.Line($"app.Map{service.Service.Name}{transport.Suffix}();");
            }
        }

        writer.Line();
        writer.Line("await app.StartAsync();");
        writer.Line("foreach (var (name, listen) in listening)");
        writer.Line("{");
        writer.Line("    // Kestrel writes the bound port back, so port 0 shows the port it picked.");
        writer.Line("    Console.WriteLine($\"{name}: http://127.0.0.1:{listen.IPEndPoint!.Port}\");");
        writer.Line("}");
        writer.Line();
        writer.Line($"Console.WriteLine({CSharp.String($"{server} is serving. Ctrl+C stops it.")});");
        writer.Line("await app.WaitForShutdownAsync();");
        return writer.ToString();
    }

    private static string Port(TransportBinding transport) => CSharp.Camel(transport.Suffix) + "Port";

    private static string ServiceStub(CodeModel model, ServiceSpec service, string server)
    {
        var body = new CodeWriter();
        body.Summary($"Implements the \"{service.Design.Name}\" service{(service.Design.Description is { } d ? ": " + d : ".")} Each method is a stub that fails with a not_implemented error until you write it.");
        body.Open($"public sealed class {service.Name}Service : {service.Interface}");
        var first = true;
        foreach (var method in service.Methods)
        {
            if (!first)
            {
                body.Line();
            }

            first = false;
            var signature = Signatures.Service(service, method);
            var returns = signature[..signature.IndexOf(' ', StringComparison.Ordinal)];
            var result = returns == KnownTypes.Task ? null : returns[(KnownTypes.Task.Length + 1)..^1];
            body.Summary(Signatures.Summary(method));
            body.Open("public " + signature);
            body.Line(Hint(method));
            var error = $"new ServiceError(\"not_implemented\", {CSharp.String($"{service.Design.Name}.{method.Design.Name} is not implemented yet")}, fault: true)";
            body.Line(result is null ? $"return Task.FromException({error});" : $"return Task.FromException<{result}>({error});");
            body.Close();
        }

        body.Close();

        return ServerFile(model, body, [service.Namespace, model.RootNamespace, "Serow", "Serow.Streaming", "System.Text.Json"], alwaysUsing: "Serow");
    }

    // The header, the usings of the names Shorten made short, the server's namespace, then the body.
    private static string ServerFile(CodeModel model, CodeWriter body, IReadOnlyList<string> imports, string? alwaysUsing = null)
    {
        var (text, usings) = Shorten(body.ToString(), imports);
        var writer = new CodeWriter();
        writer.Line(Header(model));
        writer.Line();
        foreach (var ns in (alwaysUsing is null ? usings : usings.Append(alwaysUsing)).Distinct().Order(StringComparer.Ordinal))
        {
            writer.Line($"using {ns};");
        }

        writer.Line();
        writer.Line($"namespace {model.RootNamespace}.Server;");
        writer.Line();
        return writer + text;
    }

    private static string InterceptorStub(CodeModel model, ServiceSpec service)
    {
        var body = new CodeWriter();
        body.Summary($"The server interceptors of the \"{service.Design.Name}\" service (docs/interceptors.md). Each lets the call or message pass until you write it.");
        body.Open($"public sealed class {service.Name}ServerInterceptors : global::{service.Namespace}.{InterceptorEmitter.InterfaceName(service, server: true)}");
        var first = true;
        foreach (var interceptor in model.Interception.Of(service, server: true))
        {
            if (!first)
            {
                body.Line();
            }

            first = false;
            body.Summary(interceptor.Design.Description ?? $"The \"{interceptor.Design.Name}\" interceptor.");
            body.Open($"public {KnownTypes.ValueTask} {interceptor.Method}({interceptor.InfoFullName} info, {KnownTypes.Func}<{KnownTypes.ValueTask}> next, {KnownTypes.CancellationToken} cancellationToken)");
            body.Line("// Read or change what info exposes before next (the payload, a message sent) or after it (the result, a message received).");
            body.Line("return next();");
            body.Close();
        }

        body.Close();

        return ServerFile(model, body, [service.Namespace, model.RootNamespace, $"{model.RootNamespace}.Interceptors", "Serow"]);
    }

    private static string Hint(MethodSpec method) => method.Kind switch
    {
        StreamKind.Server => "// Send each result with await stream.SendAsync(result, cancellationToken); returning ends the stream.",
        StreamKind.Client when method.Result is not null => "// Read messages with await stream.RecvAsync(cancellationToken) until it returns null, then await stream.SendAndCloseAsync(result, cancellationToken).",
        StreamKind.Client => "// Read messages with await stream.RecvAsync(cancellationToken) until it returns null.",
        StreamKind.Bidirectional => "// Read with await stream.RecvAsync(cancellationToken) (null once the client half-closes) and send with await stream.SendAsync(result, cancellationToken).",
        _ => method.Result is null ? "// Do the work; returning completes the call." : "// Compute and return the result.",
    };

    /// <summary>
    /// Replaces <c>global::Namespace.Type</c> with <c>Type</c> where the namespace is imported (implicitly or by one of
    /// <paramref name="imports"/>) and the short name is unambiguous in the text; returns the usings the text needs.
    /// </summary>
    private static (string Text, IReadOnlyList<string> Usings) Shorten(string text, IReadOnlyList<string> imports)
    {
        var allowed = new HashSet<string>(ImplicitNamespaces.Concat(imports), StringComparer.Ordinal);
        var names = GlobalName().Matches(text).Select(m => (Namespace: m.Groups[1].Value.TrimEnd('.'), Name: m.Groups[2].Value)).Distinct().ToList();
        var ambiguous = names.GroupBy(n => n.Name).Where(g => g.Select(n => n.Namespace).Distinct().Count() > 1).Select(g => g.Key).ToHashSet();
        var usings = new SortedSet<string>(StringComparer.Ordinal);
        var shortened = GlobalName().Replace(text, match =>
        {
            var ns = match.Groups[1].Value.TrimEnd('.');
            var name = match.Groups[2].Value;
            if (!allowed.Contains(ns) || ambiguous.Contains(name))
            {
                return match.Value;
            }

            if (!ImplicitNamespaces.Contains(ns))
            {
                usings.Add(ns);
            }

            return name;
        });
        return (shortened, usings.ToList());
    }

    [GeneratedRegex(@"global::((?:[A-Za-z_][A-Za-z0-9_]*\.)+)([A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex GlobalName();

    private static string ClientProgram(CodeModel model, CliSpec cli)
    {
        var writer = new CodeWriter();
        writer.Line(Header(model));
        writer.Line($"// {cli.ToolName} [--transport {cli.TransportChoices}] [--url URL] <service> <method> [payload options]; --help lists the services.");
        writer.Line();
        writer.Line($"return await global::{model.RootNamespace}.{cli.ClassName}.RunAsync(args);");
        return writer.ToString();
    }
}
