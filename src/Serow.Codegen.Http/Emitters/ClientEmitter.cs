// Licensed under the MIT license. See LICENSE in the project root.

using Serow.Codegen.Emitters;
using Serow.Codegen.Http.Model;
using Serow.Codegen.Model;
using Serow.Codegen.Writing;
using Serow.Design;

namespace Serow.Codegen.Http.Emitters;

/// <summary>Prints the HTTP client of a service: REST calls over HttpClient, streams over ClientWebSocket.</summary>
internal static class ClientEmitter
{
    // public sealed partial class <Service>HttpClient : I<Service>Client
    // {
    //     public <Service>HttpClient(HttpClient httpClient, SerowHttpClientOptions? options = null) { … }
    //     public async Task<R> <Method>Async(P payload, CancellationToken cancellationToken = default)
    //         => build the request (route, query, headers, body); HttpClientInvoker.SendAsync(…, <Service>Errors.Create, …);
    //     public async Task<I…ClientStream> <Method>Async(P payload, CancellationToken cancellationToken = default)
    //         => WebSocketClientCall<TIn, TOut>.ConnectAsync(…) wrapped in the method's client stream;
    // }
    // file sealed class <Service><Method>HttpClientStream(SseClientCall<TOut> call) : SseClientStream<TOut>(call), I…ClientStream;
    public static GeneratedFile Emit(CodeModel model, HttpServiceSpec http) =>
        CSharpFile.Create(model, $"{http.Service.Name}/Http/{http.Client}.g.cs", http.Service.Namespace, "client", writer =>
        {
            var service = http.Service;
            writer.Summary($"Calls the \"{service.Design.Name}\" service over HTTP: unary methods as JSON requests, streaming methods over WebSockets.");
            CSharpFile.GeneratedCodeAttribute(writer, model);
            writer.Open($"public sealed partial class {http.Client} : global::{service.Namespace}.{service.ClientInterface}");
            writer.Line($"private readonly {HttpKnownTypes.HttpClient} _http;");
            writer.Line($"private readonly {HttpKnownTypes.SerowHttpClientOptions} _options;");
            if (ServerAddresses.Default(model.Design, service.Design.Name, grpc: false) is { } server)
            {
                writer.Line();
                writer.Summary($"The design's address of the service, used when the HttpClient has no BaseAddress: {server.Server.Name}/{server.Host.Name}.");
                writer.Line($"public static global::System.Uri DefaultServer {{ get; }} = {ServersEmitter.AddressRef(model, server)};");
            }

            writer.Line();
            writer.Summary("Creates a client that sends its requests with the given HttpClient.");
            writer.Param("httpClient", "The HttpClient; its BaseAddress is the server's address.");
            writer.Param("options", "WebSocket settings of streaming methods; the defaults when null.");
            writer.Open($"public {http.Client}({HttpKnownTypes.HttpClient} httpClient, {HttpKnownTypes.SerowHttpClientOptions}? options = null)");
            writer.Line($"{KnownTypes.ArgumentNullException}.ThrowIfNull(httpClient);");
            writer.Line("_http = httpClient;");
            writer.Line($"_options = options ?? {HttpKnownTypes.SerowHttpClientOptions}.Default;");
            writer.Close();

            foreach (var method in service.Methods)
            {
                writer.Line();
                writer.Line("/// <inheritdoc/>");
                if (http.Find(method) is { } endpoint)
                {
                    Method(writer, model, http, endpoint);
                }
                else
                {
                    writer.Line($"public {Signatures.Client(service, method)} =>");
                    writer.Line($"    throw new {HttpKnownTypes.NotSupportedException}({CSharp.String($"{service.Design.Name}.{method.Design.Name} is not served over HTTP by this client (it has no HTTP mapping).")});");
                }
            }

            writer.Close();
        });

    private static void Method(CodeWriter writer, CodeModel model, HttpServiceSpec http, HttpEndpointSpec endpoint)
    {
        var service = http.Service;
        var method = endpoint.Method;
        var contracts = $"global::{service.Namespace}.{http.Contracts}";
        var errors = $"global::{service.Namespace}.{service.ErrorFactory}.Create";
        writer.Open($"public async {Signatures.Client(service, method)}");
        if (method.Payload is { IsValueType: false })
        {
            writer.Line($"{KnownTypes.ArgumentNullException}.ThrowIfNull(payload);");
        }

        if (ContractsEmitter.PayloadValidator(model, http, endpoint) is { } validatePayload)
        {
            // An invalid payload is refused before anything is sent, as on every transport.
            writer.Line($"{HttpKnownTypes.HttpClientInvoker}.Validate(payload, {validatePayload});");
        }

        var wrap = $"static call => (global::{service.Namespace}.{method.ClientStream})new {ServiceContractsEmitter.ClientStream(service, method)}(call)";
        if (method.Design.Resumable is not null && method.Kind == StreamKind.Server)
        {
            // Each connection builds its own request from the payload it is given: a reconnect asks for the results after
            // the last one delivered.
            ServiceContractsEmitter.ResumableConnect(writer, service, method, "_options", $"Connect{method.Name}Async(p, token)", wrap, awaited: true);
            writer.Close();
            writer.Line();
            writer.Open($"private async {KnownTypes.Task}<{KnownTypes.ClientCall}<{method.InType}, {method.OutType}>> Connect{method.Name}Async({method.Payload!.TypeRef} payload, {KnownTypes.CancellationToken} cancellationToken)");
            wrap = "static call => call";
        }

        var (verb, path) = endpoint.Routes[0];
        var calls = method.Kind == StreamKind.None ? $".Calls({CSharp.String(service.Design.Name)}, {CSharp.String(method.Design.Name)})" : string.Empty;
        if (ServerAddresses.Default(model.Design, service.Design.Name, grpc: false) is not null)
        {
            // Used when the HttpClient has no BaseAddress.
            calls += ".Server(DefaultServer)";
        }

        writer.Line($"var request = new {HttpKnownTypes.HttpRequestBuilder}({CSharp.String(verb)}, {CSharp.String(path)}){calls};");
        if (ServiceContractsEmitter.Security(model, service, method) is { } security)
        {
            writer.Line($"request.Secure({security}, _options.Credentials);");
        }

        foreach (var param in endpoint.Params)
        {
            var call = (param.Source, param.IsList) switch
            {
                (HttpSource.Path, _) => "Route",
                (HttpSource.Query, true) => "QueryList",
                (HttpSource.Query, _) => "Query",
                (HttpSource.Cookie, _) => "Cookie",
                _ => "Header",
            };
            writer.Line($"request.{call}({CSharp.String(param.WireName)}, payload.{param.Property});");
        }

        if (endpoint.MapParams is { } queryMap)
        {
            writer.Line($"request.QueryMap(payload.{queryMap.Property});");
        }

        if (method.RawRequest)
        {
            writer.Line($"{KnownTypes.ArgumentNullException}.ThrowIfNull(body);");
            writer.Line("request.StreamBody(body);");
        }
        else if (method.Multipart)
        {
            writer.Line($"{KnownTypes.ArgumentNullException}.ThrowIfNull(parts);");
            writer.Line("request.MultipartBody(parts);");
        }

        switch (endpoint.Body)
        {
            case HttpBody.Payload:
                writer.Line($"request.JsonBody(payload, {contracts}.{ContractsEmitter.Json(http, method.Payload!.TypeRef)});");
                break;
            case HttpBody.Attribute:
                writer.Line($"request.JsonBody(payload.{endpoint.BodyProperty}, {contracts}.{ContractsEmitter.Json(http, endpoint.BodyType!)});");
                break;
        }

        if (endpoint.IsSse)
        {
            writer.Line($"return await {HttpKnownTypes.SseClientInvoker}.ConnectAsync(_http, request, {contracts}.{ContractsEmitter.Events(endpoint)}, {errors}, _options,");
            writer.Line($"    {wrap}, cancellationToken).ConfigureAwait(false);");
        }
        else if (method.RawResponse)
        {
            writer.Line($"return await {HttpKnownTypes.HttpRawBody}.ReceiveAsync(_http, request, {errors}, cancellationToken).ConfigureAwait(false);");
        }
        else if (endpoint.IsWebSocket)
        {
            writer.Line(endpoint.AlsoEvents
                ? $"return await {HttpKnownTypes.WebSocketClientInvoker}.ConnectServerStreamAsync(_http, request, {contracts}.{ContractsEmitter.Socket(endpoint)}, {contracts}.{ContractsEmitter.Events(endpoint)}, {errors}, _options,"
                : $"return await {HttpKnownTypes.WebSocketClientInvoker}.ConnectAsync(_http, request, {contracts}.{ContractsEmitter.Socket(endpoint)}, {errors}, _options,");
            writer.Line($"    {wrap}, cancellationToken).ConfigureAwait(false);");
        }
        else if (method.Result is { } result)
        {
            var validator = ContractsEmitter.ResultValidator(model, http, endpoint) ?? "null";
            if (endpoint.MappedResponses.Count > 0)
            {
                // The attributes that travel in headers and cookies are set from the response before validation.
                writer.Line($"return await {HttpKnownTypes.HttpClientInvoker}.SendAsync(_http, request, {contracts}.{ContractsEmitter.Json(http, result.TypeRef)},");
                writer.Line("    static (result, response) =>");
                writer.Line("    {");
                var fields = endpoint.MappedResponses
                    .SelectMany(r => r.Headers.Select(h => (Kind: "Header", Field: h)).Concat(r.Cookies.Select(c => (Kind: "Cookie", Field: c))))
                    .DistinctBy(f => (f.Kind, f.Field.Attribute, f.Field.WireName))
                    .ToList();
                for (var i = 0; i < fields.Count; i++)
                {
                    var (kind, field) = fields[i];
                    writer.Line($"        if ({HttpKnownTypes.HttpResponseFields}.Try{kind}<{field.ValueType}>(response, {CSharp.String(field.WireName)}, out var f{i}))");
                    writer.Line("        {");
                    writer.Line($"            result.{field.Property} = f{i};");
                    writer.Line("        }");
                    if (i < fields.Count - 1)
                    {
                        writer.Line();
                    }
                }

                writer.Line("    },");
                writer.Line($"    {validator}, {errors}, cancellationToken).ConfigureAwait(false);");
            }
            else
            {
                writer.Line($"return await {HttpKnownTypes.HttpClientInvoker}.SendAsync(_http, request, {contracts}.{ContractsEmitter.Json(http, result.TypeRef)}, {validator}, {errors}, cancellationToken).ConfigureAwait(false);");
            }
        }
        else
        {
            writer.Line($"await {HttpKnownTypes.HttpClientInvoker}.SendAsync(_http, request, {errors}, cancellationToken).ConfigureAwait(false);");
        }

        writer.Close();
    }
}
