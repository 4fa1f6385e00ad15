// Licensed under the MIT license. See LICENSE in the project root.

using Serow.Codegen.Model;
using Serow.Codegen.Writing;
using Serow.Design;

namespace Serow.Codegen.Emitters;

/// <summary>Prints <c>&lt;Api&gt;Servers</c>: the addresses of the design's servers and hosts, with their variables.</summary>
internal static class ServersEmitter
{
    public static string ClassName(CodeModel model) => CSharp.Pascal(model.Design.Api.Name) + "Servers";

    public static string ClassRef(CodeModel model) => $"global::{model.RootNamespace}.{ClassName(model)}";

    /// <summary>The expression of a host's first HTTP or gRPC address, variables at their defaults.</summary>
    public static string AddressRef(CodeModel model, ServerAddresses.Address address) =>
        $"{ClassRef(model)}.{CSharp.Pascal(address.Server.Name)}.{CSharp.Pascal(address.Host.Name)}.{(address.IsGrpc ? "Grpc" : "Http")}()";

    // public static class <Api>Servers
    // {
    //     public static Uri? DefaultHttp { get; } / DefaultGrpc            the first host's, variables at their defaults
    //     public static class <Server> { public static class <Host> { public static Uri Http(<variables>) / Grpc(…) } }
    // }
    public static GeneratedFile? Emit(CodeModel model)
    {
        var design = model.Design;
        if (design.Api.Servers.Count == 0)
        {
            return null;
        }

        return CSharpFile.Create(model, $"{ClassName(model)}.g.cs", model.RootNamespace, "servers", writer =>
        {
            writer.Summary($"Where the \"{design.Api.Name}\" API runs, as its design declares: a class per server and host, a method per kind of address.");
            CSharpFile.GeneratedCodeAttribute(writer, model);
            writer.Open($"public static class {ClassName(model)}");
            foreach (var (grpc, name) in new[] { (false, "DefaultHttp"), (true, "DefaultGrpc") })
            {
                var address = ServerAddresses.Default(design, null, grpc);
                writer.Summary(address is null
                    ? $"No host declares a{(grpc ? " gRPC" : "n HTTP")} address."
                    : $"The first {(grpc ? "gRPC" : "HTTP")} address: {address.Server.Name}/{address.Host.Name}, {ServerAddresses.Resolve(address)}.");
                writer.Line(address is null
                    ? $"public static global::System.Uri? {name} => null;"
                    : $"public static global::System.Uri? {name} {{ get; }} = {AddressRef(model, address)};");
                writer.Line();
            }

            var firstServer = true;
            foreach (var server in design.Api.Servers)
            {
                if (!firstServer)
                {
                    writer.Line();
                }

                firstServer = false;
                writer.Summary(server.Description ?? $"The \"{server.Name}\" server"
                    + (server.Services.Count == 0 ? "." : $": hosts {string.Join(", ", server.Services)}."));
                writer.Open($"public static class {CSharp.Pascal(server.Name)}");
                var firstHost = true;
                foreach (var host in server.Hosts)
                {
                    if (!firstHost)
                    {
                        writer.Line();
                    }

                    firstHost = false;
                    Host(writer, host);
                }

                writer.Close();
            }

            writer.Close();
        });
    }

    private static void Host(CodeWriter writer, HostDesign host)
    {
        writer.Summary(host.Description ?? $"The \"{host.Name}\" host.");
        writer.Open($"public static class {CSharp.Pascal(host.Name)}");
        var first = true;
        foreach (var grpc in new[] { false, true })
        {
            if (host.Uris.FirstOrDefault(u => ServerAddresses.IsGrpcUri(u) == grpc) is not { } uri)
            {
                continue;
            }

            if (!first)
            {
                writer.Line();
            }

            first = false;
            Address(writer, host, uri, grpc);
        }

        writer.Close();
    }

    // public static Uri Http(string region = "eu")
    // {
    //     if (region is not ("eu" or "us")) throw new ArgumentOutOfRangeException(…);
    //     return new Uri(string.Create(CultureInfo.InvariantCulture, $"https://{region}.example.com"));
    // }
    private static void Address(CodeWriter writer, HostDesign host, string uri, bool grpc)
    {
        var variables = ServerAddresses.VariablesOf(uri)
            .Select(name => host.Variables.First(v => v.Name == name))
            .ToList();
        writer.Summary($"The host's {(grpc ? "gRPC" : "HTTP")} address, {uri}{(grpc ? " (dialed as " + ServerAddresses.Dialable(uri) + ")" : string.Empty)}.");
        foreach (var variable in variables)
        {
            writer.Param(Parameter(variable), variable.Description ?? $"The {{{variable.Name}}} variable.");
        }

        writer.Returns("The address.");
        var parameters = variables.Select(v => $"{ParameterType(v)} {Parameter(v)} = {DefaultLiteral(v)}");
        writer.Open($"public static global::System.Uri {(grpc ? "Grpc" : "Http")}({string.Join(", ", parameters)})");
        foreach (var variable in variables.Where(v => v.Validation.EnumJson.Count > 0))
        {
            var kind = Kind(variable);
            var values = variable.Validation.EnumJson.Select(json => Literals.FromJson(kind, json)).ToList();
            writer.Open($"if ({Parameter(variable)} is not ({string.Join(" or ", values)}))");
            writer.Line($"throw new global::System.ArgumentOutOfRangeException(nameof({Parameter(variable)}), {Parameter(variable)}, {CSharp.String($"{variable.Name} is one of {string.Join(", ", variable.Validation.EnumJson)}.")});");
            writer.Close();
        }

        if (variables.Any(v => v.Validation.EnumJson.Count > 0))
        {
            writer.Line();
        }

        var text = ServerAddresses.Dialable(uri).Replace("{", "{{", StringComparison.Ordinal).Replace("}", "}}", StringComparison.Ordinal);
        foreach (var variable in variables)
        {
            text = text.Replace("{{" + variable.Name + "}}", "{" + Parameter(variable) + "}", StringComparison.Ordinal);
        }

        writer.Line(variables.Count == 0
            ? $"return new global::System.Uri({CSharp.String(ServerAddresses.Dialable(uri))});"
            : $"return new global::System.Uri(string.Create(global::System.Globalization.CultureInfo.InvariantCulture, ${CSharp.String(text)}));");
        writer.Close();
    }

    private static PrimitiveKind Kind(AttributeDesign variable) => variable.Type is PrimitiveType primitive ? primitive.Kind : PrimitiveKind.String;

    private static string ParameterType(AttributeDesign variable) => CodeModelBuilder.Primitive(Kind(variable));

    private static string Parameter(AttributeDesign variable) => CSharp.Identifier(CSharp.Camel(variable.Name));

    private static string DefaultLiteral(AttributeDesign variable) =>
        variable.DefaultJson is { } json && Literals.FromJson(Kind(variable), json) is { } literal ? literal : "default";
}
