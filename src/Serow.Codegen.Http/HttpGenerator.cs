// Licensed under the MIT license. See LICENSE in the project root.

using Serow.Codegen.Http.Emitters;
using Serow.Codegen.Http.Model;
using Serow.Codegen.Model;
using Serow.Design;

namespace Serow.Codegen.Http;

/// <summary>
/// Generates the HTTP transport of every service with HTTP mappings: ASP.NET Core endpoints (REST for unary methods,
/// WebSockets for streams), service registration, a System.Text.Json context and a typed client. A pure function of its inputs.
/// </summary>
public sealed class HttpGenerator : ICodeGenerator
{
    /// <inheritdoc/>
    public string Name => "http";

    /// <summary>How the HTTP transport's generated code is used by the command-line client and hosted by the example scaffold.</summary>
    public static TransportBinding Binding { get; } = new()
    {
        Name = "HTTP",
        CliTransport = "Http",

        // Every method with an HTTP mapping: REST, WebSocket or Server-Sent Events.
        Serves = static method => method.Http is not null,
        Suffix = "Http",
        CliClientArguments = "call.Use(new global::System.Net.Http.HttpClient { BaseAddress = call.Url }), new global::Serow.Http.SerowHttpClientOptions { Credentials = call.Credentials, Reconnect = call.Reconnect }",
        RuntimeProject = "Serow.Runtime.Http",
        PortSetting = "HttpPort",
        DefaultPort = 8080,
        Protocols = "Http1",
        ListenComment = "HTTP: REST for unary methods, WebSockets and Server-Sent Events for streams.",
    };

    /// <summary>Generates the HTTP files of every service that maps at least one method to HTTP, ordered by path.</summary>
    /// <param name="design">The validated design.</param>
    /// <param name="options">Generation settings.</param>
    /// <exception cref="CodegenException">An attribute cannot be read from where the design maps it.</exception>
    public IReadOnlyList<GeneratedFile> Generate(DesignRoot design, GenerationOptions options)
    {
        ArgumentNullException.ThrowIfNull(design);
        ArgumentNullException.ThrowIfNull(options);
        var model = CodeModelBuilder.Build(design, options);
        var files = new List<GeneratedFile>();
        foreach (var http in HttpModelBuilder.Build(model))
        {
            files.Add(JsonContextEmitter.Emit(model, http));
            files.Add(ContractsEmitter.Emit(model, http));
            files.Add(ServerEmitter.EmitServer(model, http));
            files.Add(ServerEmitter.EmitEndpoints(model, http));
            files.Add(ServerEmitter.EmitServices(model, http));
            files.Add(ClientEmitter.Emit(model, http));
        }

        return files.OrderBy(f => f.Path, StringComparer.Ordinal).ToList();
    }
}
