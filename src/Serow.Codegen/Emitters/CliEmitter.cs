// Licensed under the MIT license. See LICENSE in the project root.

using Serow.Codegen.Model;
using Serow.Codegen.Writing;
using Serow.Design;

namespace Serow.Codegen.Emitters;

/// <summary>
/// Prints the command-line client of an API: a description of its services, methods and payload options for the
/// Serow.Runtime.Cli runtime, and one small function per method that calls the typed client of the chosen transport.
/// </summary>
internal static class CliEmitter
{
    // public static partial class <Api>Cli
    // {
    //     public static CliApplication Application { get; } = new() { Name = "<api>-cli", Services = [ new CliService { …, Methods = [ new CliMethod { … } ] } ] };
    //     public static Task<int> RunAsync(string[] args, CancellationToken cancellationToken = default) => Application.RunAsync(args, cancellationToken);
    //     public static Task<int> RunAsync(string[] args, TextReader input, TextWriter output, TextWriter error, CancellationToken cancellationToken = default) => …;
    //     private static async Task <Service><Method>Async(CliCall call, CancellationToken cancellationToken) { payload; client; call; print }
    //     private static I<Service>Client Create<Service>Client(CliCall call) => call.Transport switch { <Transport> => new <Service><Transport>Client(…), … };
    // }
    public static GeneratedFile Emit(CodeModel model, CliSpec cli) =>
        CSharpFile.Create(model, $"Cli/{cli.ClassName}.g.cs", model.RootNamespace, "cli", writer =>
        {
            var api = model.Design.Api;
            writer.Summary($"The command-line client of the \"{api.Name}\" API: {cli.ToolName} [--transport {cli.TransportChoices}] [--url URL] <service> <method> [payload options]. Results print as JSON lines; streamed messages are read from standard input as JSON lines.");
            CSharpFile.GeneratedCodeAttribute(writer, model);
            writer.Open($"public static partial class {cli.ClassName}");
            writer.Summary("The services and methods offered on the command line, with their payload options and transports.");
            writer.Line($"public static {CliKnownTypes.Application} Application {{ get; }} = new()");
            writer.Line("{");
            writer.Line($"    Name = {CSharp.String(cli.ToolName)},");
            writer.Line($"    Description = {CSharp.String(api.Description ?? api.Title ?? $"Calls the services of the \"{api.Name}\" API.")},");
            foreach (var (grpc, property) in new[] { (true, "DefaultGrpcUrl"), (false, "DefaultHttpUrl") })
            {
                // The design's first host is the default when --url is not given.
                if (ServerAddresses.Default(model.Design, null, grpc) is { } address)
                {
                    writer.Line($"    {property} = new global::System.Uri({CSharp.String(ServerAddresses.Resolve(address))}),");
                }
            }

            writer.Line("    Services =");
            writer.Line("    [");
            foreach (var service in cli.Services)
            {
                Service(writer, service);
            }

            writer.Line("    ],");
            writer.Line("};");
            writer.Line();
            writer.Summary("Runs the command line against the console; Ctrl+C cancels the call.");
            writer.Param("args", "The command-line arguments, for example monitor watch --interval 1.");
            writer.Param("cancellationToken", "Cancels the call.");
            writer.Returns("The exit code: 0 on success, 1 for a service error, 2 for a usage error, 3 for a transport failure, 130 when cancelled.");
            writer.Line($"public static {KnownTypes.Task}<int> RunAsync(string[] args, {KnownTypes.CancellationToken} cancellationToken = default) =>");
            writer.Line("    Application.RunAsync(args, cancellationToken);");
            writer.Line();
            writer.Summary("Runs the command line with the given standard input, output and error (for tests and embedding).");
            writer.Param("args", "The command-line arguments, for example monitor watch --interval 1.");
            writer.Param("input", "Where streamed messages are read from, one JSON document per line.");
            writer.Param("output", "Where results are written, one JSON document per line.");
            writer.Param("error", "Where errors are written, as error: <name>: <message>.");
            writer.Param("cancellationToken", "Cancels the call.");
            writer.Returns("The exit code: 0 on success, 1 for a service error, 2 for a usage error, 3 for a transport failure, 130 when cancelled.");
            writer.Line($"public static {KnownTypes.Task}<int> RunAsync(string[] args, {CliKnownTypes.TextReader} input, {CliKnownTypes.TextWriter} output, {CliKnownTypes.TextWriter} error, {KnownTypes.CancellationToken} cancellationToken = default) =>");
            writer.Line("    Application.RunAsync(args, input, output, error, cancellationToken);");

            foreach (var service in cli.Services)
            {
                foreach (var method in service.Methods)
                {
                    writer.Line();
                    Invoke(writer, service, method);
                }

                writer.Line();
                Factory(writer, service);
            }

            writer.Close();
        });

    //         new CliService { Name = "<service>", Description = "…", Methods = [ new CliMethod { … }, ] },
    private static void Service(CodeWriter writer, CliServiceSpec cli)
    {
        var service = cli.Service;
        writer.Line($"        new {CliKnownTypes.Service}");
        writer.Line("        {");
        writer.Line($"            Name = {CSharp.String(service.Design.Name)},");
        if (service.Design.Description is { } serviceDescription)
        {
            writer.Line($"            Description = {CSharp.String(serviceDescription)},");
        }

        writer.Line("            Methods =");
        writer.Line("            [");
        foreach (var spec in cli.Methods)
        {
            var method = spec.Method;
            writer.Line($"                new {CliKnownTypes.Method}");
            writer.Line("                {");
            writer.Line($"                    Name = {CSharp.String(method.Design.Name)},");
            if (method.Design.Description is { } methodDescription)
            {
                writer.Line($"                    Description = {CSharp.String(methodDescription)},");
            }

            writer.Line($"                    Kind = {CliKnownTypes.MethodKind}.{Kind(method.Kind)},");
            writer.Line($"                    Transports = [{string.Join(", ", spec.Transports.Select(t => $"{CliKnownTypes.Transport}.{t.CliTransport}"))}],");
            if (method.Payload is not null)
            {
                writer.Line("                    HasPayload = true,");
            }

            if (spec.Fields.Count > 0)
            {
                writer.Line("                    Fields =");
                writer.Line("                    [");
                foreach (var field in spec.Fields)
                {
                    var description = field.Description is null ? "null" : CSharp.String(field.Description);
                    var extras = (field.Default is null ? string.Empty : $", Default: {CSharp.String(field.Default)}") + (field.Limits is null ? string.Empty : $", Limits: {CSharp.String(field.Limits)}");
                    writer.Line($"                        new({CSharp.String(field.Name)}, {CSharp.String(field.Option)}, {CliKnownTypes.FieldKind}.{field.Kind}, {description}, {CSharp.Bool(field.Required)}{extras}),");
                }

                writer.Line("                    ],");
            }

            writer.Line($"                    InvokeAsync = {service.Name}{method.Name}Async,");
            writer.Line("                },");
        }

        writer.Line("            ],");
        writer.Line("        },");
    }

    // private static async Task <Service><Method>Async(CliCall call, CancellationToken cancellationToken)
    // {
    //     var payload = call.ReadPayload<P>();
    //     var client = Create<Service>Client(call);
    //     unary: var result = await client.<Method>Async(payload, cancellationToken); await call.WriteResultAsync(result, cancellationToken);
    //     streams: await using var stream = await client.<Method>Async(…); then WriteStreamAsync / SendInputAsync + CloseAndRecvAsync / DuplexAsync
    // }
    private static void Invoke(CodeWriter writer, CliServiceSpec cli, CliMethodSpec spec)
    {
        var service = cli.Service;
        var method = spec.Method;
        var await = ".ConfigureAwait(false)";
        writer.Open($"private static async {KnownTypes.Task} {service.Name}{method.Name}Async({CliKnownTypes.Call} call, {KnownTypes.CancellationToken} cancellationToken)");
        var arguments = "cancellationToken";
        if (method.Payload is { } payload)
        {
            writer.Line($"var payload = call.ReadPayload<{payload.TypeRef}>();");
            arguments = "payload, cancellationToken";
        }

        // SkipRequestBodyEncodeDecode: the raw request body is standard input; SkipResponseBodyEncodeDecode: the raw response goes to standard output.
        var rawRequest = method.RawRequest;
        var rawResponse = method.RawResponse;
        if (rawRequest)
        {
            arguments = arguments.Replace("cancellationToken", "call.OpenInput(), cancellationToken", StringComparison.Ordinal);
        }
        else if (method.Multipart)
        {
            // MultipartRequest: standard input is the one part, named "file".
            arguments = arguments.Replace("cancellationToken", $"{KnownTypes.MultipartPart}.Of({KnownTypes.MultipartPart}.FromStream(\"file\", call.OpenInput(), \"stdin\")), cancellationToken", StringComparison.Ordinal);
        }

        writer.Line($"var client = Create{service.Name}Client(call);");
        switch (method.Kind)
        {
            case StreamKind.None when rawResponse:
                writer.Line($"await using var body = await client.{method.Name}Async({arguments}){await};");
                writer.Line($"await call.WriteBodyAsync(body, cancellationToken){await};");
                break;
            case StreamKind.None when method.Result is not null:
                writer.Line($"var result = await client.{method.Name}Async({arguments}){await};");
                writer.Line($"await call.WriteResultAsync(result, cancellationToken){await};");
                break;
            case StreamKind.None:
                writer.Line($"await client.{method.Name}Async({arguments}){await};");
                break;
            case StreamKind.Server:
                writer.Line($"await using var stream = await client.{method.Name}Async({arguments}){await};");
                writer.Line($"await call.WriteStreamAsync(stream, cancellationToken){await};");
                break;
            case StreamKind.Client when method.Result is not null:
                writer.Line($"await using var stream = await client.{method.Name}Async({arguments}){await};");
                writer.Line($"await call.SendInputAsync(stream, cancellationToken){await};");
                writer.Line($"var result = await stream.CloseAndRecvAsync(cancellationToken){await};");
                writer.Line($"await call.WriteResultAsync(result, cancellationToken){await};");
                break;
            case StreamKind.Client:
                writer.Line($"await using var stream = await client.{method.Name}Async({arguments}){await};");
                writer.Line($"await call.SendInputAsync(stream, cancellationToken){await};");
                writer.Line($"await stream.CloseAsync(cancellationToken){await};");
                break;
            default:
                writer.Line($"await using var stream = await client.{method.Name}Async({arguments}){await};");
                writer.Line($"await call.DuplexAsync(stream, stream, stream, cancellationToken){await};");
                break;
        }

        writer.Close();
    }

    // private static I<Service>Client Create<Service>Client(CliCall call) => call.Transport switch { … };
    private static void Factory(CodeWriter writer, CliServiceSpec cli)
    {
        var service = cli.Service;
        writer.Line($"private static global::{service.Namespace}.{service.ClientInterface} Create{service.Name}Client({CliKnownTypes.Call} call) => call.Transport switch");
        writer.Line("{");
        foreach (var transport in cli.Clients)
        {
            writer.Line($"    {CliKnownTypes.Transport}.{transport.CliTransport} => new global::{service.Namespace}.{service.Name}{transport.Suffix}Client({transport.CliClientArguments}),");
        }

        writer.Line($"    _ => throw new {CliKnownTypes.NotSupportedException}({CSharp.String($"the \"{service.Design.Name}\" service has no client for this transport")}),");
        writer.Line("};");
    }

    private static string Kind(StreamKind kind) => kind switch
    {
        StreamKind.Server => "ServerStream",
        StreamKind.Client => "ClientStream",
        StreamKind.Bidirectional => "Bidirectional",
        _ => "Unary",
    };
}
