// Licensed under the MIT license. See LICENSE in the project root.

using Serow.Codegen.Http.Model;
using Serow.Codegen.Model;
using Serow.Design;

namespace Serow.Codegen.Http.TypeScript;

/// <summary>
/// Prints the TypeScript module of one service: its error classes' factory and a client class whose methods speak REST
/// (fetch), Serow's WebSocket protocol and Server-Sent Events, with the same validation and typed errors as the C# client.
/// </summary>
internal sealed class TsClientEmitter(CodeModel model, TsTypes types, TsErrors errors)
{
    /// <summary>The module's file name: the service's design name in kebab case.</summary>
    public static string FileName(ServiceSpec service) => service.Design.Name.Replace('_', '-').ToLowerInvariant();

    /// <summary>The client class's name.</summary>
    public static string ClientName(ServiceSpec service) => service.Name + "Client";

    /// <summary>The name of the service's error factory.</summary>
    public static string FactoryName(ServiceSpec service) => char.ToLowerInvariant(service.Name[0]) + service.Name[1..] + "Errors";

    /// <summary>Why a method is not in the TypeScript client, or null when it is.</summary>
    public static string? Unsupported(HttpEndpointSpec endpoint)
    {
        var method = endpoint.Method;
        return method.Multipart ? "its request body is multipart"
            : endpoint.MappedResponses.Count > 0 ? "its result travels partly in response headers or cookies"
            : endpoint.MapParams is not null ? "it maps the whole query to a payload attribute (MapParams)"
            : endpoint.Params.Any(p => p.Source == HttpSource.Cookie) ? "a payload attribute travels in a cookie"
            : null;
    }

    public string Emit(HttpServiceSpec http, string header)
    {
        var service = http.Service;
        var writer = new TsWriter();
        var factory = FactoryName(service);
        writer.Doc($"Creates the typed error of an error of the \"{service.Design.Name}\" service from its name, as the transports receive it.");
        writer.Open($"export function {factory}(name: string, message: string, init: serow.ErrorInit): serow.ServiceError");
        var designed = model.ApiErrors.Concat(service.Errors).ToList();
        if (designed.Count > 0)
        {
            writer.Open("switch (name)");
            foreach (var error in designed)
            {
                writer.Line($"case {TsWriter.String(error.Design.Name)}:");
                writer.Line($"  return new errors.{errors.NameOf(error)}(message, init);");
            }

            writer.Close();
        }

        writer.Line("return serow.standardError(name, message, init);");
        writer.Close();

        var skipped = new List<string>();
        var methods = new TsWriter();
        foreach (var method in service.Methods)
        {
            if (http.Find(method) is not { } endpoint)
            {
                skipped.Add($"{method.Design.Name}: it has no HTTP mapping");
                continue;
            }

            if (Unsupported(endpoint) is { } reason)
            {
                skipped.Add($"{method.Design.Name}: {reason}");
                continue;
            }

            methods.Line();
            Method(methods, http, endpoint);
        }

        writer.Line();
        var doc = service.Design.Description is { Length: > 0 } description
            ? $"Calls the \"{service.Design.Name}\" service over HTTP: {description}"
            : $"Calls the \"{service.Design.Name}\" service over HTTP.";
        if (skipped.Count > 0)
        {
            doc += "\n\nNot in this client (the C# client has them):\n" + string.Join("\n", skipped.Select(s => "- " + s));
        }

        writer.Doc(doc);
        writer.Open($"export class {ClientName(service)}");
        writer.Doc("Creates a client that calls the server at `options.baseUrl`.");
        writer.Line("constructor(readonly options: serow.ClientOptions) {}");
        writer.Lines(methods.ToString());

        writer.Close();

        // Imports only what the module uses, so that it compiles under noUnusedLocals too.
        var body = writer.ToString();
        var module = new TsWriter();
        module.Line(header);
        module.Line("import * as serow from \"./runtime.js\";");
        if (body.Contains("types.", StringComparison.Ordinal))
        {
            module.Line("import * as types from \"./types.js\";");
        }

        if (body.Contains("errors.", StringComparison.Ordinal))
        {
            module.Line("import * as errors from \"./errors.js\";");
        }

        return module.Line().ToString() + body;
    }

    private void Method(TsWriter writer, HttpServiceSpec http, HttpEndpointSpec endpoint)
    {
        var service = http.Service;
        var method = endpoint.Method;
        var label = $"{service.Design.Name}.{method.Design.Name}";
        var name = Camel(method.Name);
        var payloadType = method.Payload is { } payload ? types.Of(payload.TypeRef, "types.") : null;
        var parameters = (payloadType is null ? string.Empty : $"payload: {payloadType}, ") + (method.RawRequest ? "body: BodyInit, " : string.Empty) + "signal?: AbortSignal";
        var factory = FactoryName(service);

        writer.Doc(method.Design.Description);
        writer.Open($"async {name}({parameters}): Promise<{ReturnType(method)}>");
        if (method.Payload is { } message && Validator(message) is { } validatePayload)
        {
            // An invalid payload is refused before anything is sent, as by every Serow client.
            writer.Line($"serow.validate(payload, {validatePayload});");
        }

        var requestFor = method.Payload is null ? "this.request" + method.Name + "()" : "this.request" + method.Name + "(payload)";
        if (method.RawRequest)
        {
            // The raw body is the request's body; the payload travels in the path, query and headers.
            requestFor += ".raw(body)";
        }

        var streamContract = $"{{ label: {TsWriter.String(label)}, errors: {factory}{ValidatorEntry("validateIn", method.StreamingPayload)}{ValidatorEntry("validateOut", method.OutMessage)} }}";
        switch (method.Kind)
        {
            case StreamKind.None when method.RawResponse:
                writer.Line($"return serow.sendRaw(this.options, {requestFor}, {factory}, signal);");
                break;

            case StreamKind.None:
            {
                var result = method.Result is { } r ? Validator(r) ?? "undefined" : "undefined";
                writer.Line($"return serow.sendJson(this.options, {requestFor}, {factory}, {result}, {(method.Result is null ? "false" : "true")}, signal);");
                break;
            }

            case StreamKind.Server:
            {
                var outType = types.Of(method.OutMessage!.TypeRef, "types.");
                writer.Line($"const contract: serow.StreamContract<never, {outType}> = {streamContract};");
                var events = endpoint.IsSse ? EventsContract(service, endpoint, outType) : $"{{ read: (event: serow.ServerSentEvent) => JSON.parse(event.data) as {outType} }}";
                var resumable = method.Design.Resumable;
                var positionOf = resumable is null ? "undefined" : $"(result: {outType}) => {TsWriter.Access("result", resumable.PositionAttribute)}";
                var connect = endpoint.IsSse
                    ? $"serow.EventStream.connect(this.options, this.request{method.Name}(p), contract, {events}, signal)"
                    : $"this.options.serverStreamsAsEvents\n      ? serow.EventStream.connect(this.options, this.request{method.Name}(p), contract, {events}, signal)\n      : serow.WebSocketStream.connect(this.options, this.request{method.Name}(p), contract, signal, {positionOf})";
                if (payloadType is null)
                {
                    writer.Line("const connect = () =>");
                    writer.Line($"  {connect.Replace($"this.request{method.Name}(p)", $"this.request{method.Name}()", StringComparison.Ordinal)};");
                    writer.Line("return connect();");
                    break;
                }

                writer.Line($"const connect = (p: {payloadType}) =>");
                writer.Line($"  {connect};");
                if (resumable is not null)
                {
                    var resume = TsWriter.Property(resumable.ResumeAttribute);
                    writer.Open("if (this.options.reconnect !== undefined)");
                    writer.Line("// Each connection asks for the results after the last one delivered.");
                    writer.Line($"return serow.ResumingStream.open({TsWriter.String(label)}, {TsWriter.Access("payload", resumable.ResumeAttribute)} ?? undefined,");
                    writer.Line($"  (after) => connect(after === undefined ? payload : {{ ...payload, {resume}: after }}), {positionOf}, this.options.reconnect, signal);");
                    writer.Close();
                    writer.Line();
                }

                writer.Line("return connect(payload);");
                break;
            }

            case StreamKind.Client:
            case StreamKind.Bidirectional:
            {
                var inType = types.Of(method.StreamingPayload!.TypeRef, "types.");
                var outType = method.OutMessage is { } output ? types.Of(output.TypeRef, "types.") : "never";
                writer.Line($"const contract: serow.StreamContract<{inType}, {outType}> = {streamContract};");
                writer.Line($"const stream = await serow.WebSocketStream.connect(this.options, {requestFor}, contract, signal);");
                var wrap = method.Kind == StreamKind.Bidirectional ? "bidiStream" : method.Result is not null ? "clientStream" : "sinkStream";
                writer.Line($"return serow.{wrap}(stream);");
                break;
            }
        }

        writer.Close();
        writer.Line();
        Request(writer, service, endpoint, label);
    }

    private string ReturnType(MethodSpec method) => method.Kind switch
    {
        StreamKind.None when method.RawResponse => "Response",
        StreamKind.None => method.Result is { } result ? types.Of(result.TypeRef, "types.") : "void",
        StreamKind.Server => $"serow.ServerStream<{types.Of(method.OutMessage!.TypeRef, "types.")}>",
        StreamKind.Client when method.Result is { } result => $"serow.ClientStream<{types.Of(method.StreamingPayload!.TypeRef, "types.")}, {types.Of(result.TypeRef, "types.")}>",
        StreamKind.Client => $"serow.SinkStream<{types.Of(method.StreamingPayload!.TypeRef, "types.")}>",
        _ => $"serow.BidiStream<{types.Of(method.StreamingPayload!.TypeRef, "types.")}, {types.Of(method.StreamingResult!.TypeRef, "types.")}>",
    };

    // private request<Method>(payload): serow.HttpRequest: the route, query, headers, body and security of one call.
    private void Request(TsWriter writer, ServiceSpec service, HttpEndpointSpec endpoint, string label)
    {
        var method = endpoint.Method;
        var (verb, path) = endpoint.Routes[0];
        var argument = method.Payload is { } payload ? $"payload: {types.Of(payload.TypeRef, "types.")}" : string.Empty;
        writer.Open($"private request{method.Name}({argument}): serow.HttpRequest");
        writer.Line($"const request = new serow.HttpRequest({TsWriter.String(verb)}, {TsWriter.String(path)}, {TsWriter.String(label)});");
        foreach (var param in endpoint.Params)
        {
            var call = param.Source switch
            {
                HttpSource.Path => "param",
                HttpSource.Query => "query",
                _ => "header",
            };
            writer.Line($"request.{call}({TsWriter.String(param.WireName)}, {TsWriter.Access("payload", param.Attribute)});");
        }

        if (method.Kind is StreamKind.None or StreamKind.Server && !endpoint.IsWebSocket)
        {
            switch (endpoint.Body)
            {
                case HttpBody.Payload:
                    writer.Line("request.json(payload);");
                    break;
                case HttpBody.Attribute:
                    writer.Line($"request.json({TsWriter.Access("payload", endpoint.BodyAttribute!)});");
                    break;
            }
        }

        var schemes = model.Design.SecurityOf(service.Design, method.Design)
            .SelectMany(r => r.Schemes)
            .Select(s => model.Design.FindSecurityScheme(s)?.Kind)
            .ToList();
        if (schemes.Count > 0)
        {
            var bearer = schemes.Any(k => k is SecuritySchemeKind.Jwt or SecuritySchemeKind.OAuth2);
            var apiKey = schemes.Contains(SecuritySchemeKind.ApiKey);
            var basic = schemes.Contains(SecuritySchemeKind.BasicAuth);
            writer.Line($"request.security = {{ bearer: {Bool(bearer)}, apiKey: {Bool(apiKey)}, basic: {Bool(basic)} }};");
        }

        writer.Line("return request;");
        writer.Close();
    }

    private static string Bool(bool value) => value ? "true" : "false";

    // How an event becomes a result: the data (JSON, or the text attribute), then the mapped id, event type and retry.
    private string EventsContract(ServiceSpec service, HttpEndpointSpec endpoint, string outType)
    {
        var sse = HttpModelBuilder.SseOf(model, service, endpoint.Method);
        var parts = new List<string>();
        if (sse?.DataAttribute is { } data)
        {
            parts.Add($"{TsWriter.Property(data)}: {(endpoint.Sse!.DataIsText ? "event.data" : "JSON.parse(event.data)")}");
        }
        else
        {
            parts.Add("...JSON.parse(event.data)");
        }

        if (sse?.IdAttribute is { } id)
        {
            parts.Add($"...(event.id.length > 0 ? {{ {TsWriter.Property(id)}: event.id }} : {{}})");
        }

        if (sse?.EventAttribute is { } type)
        {
            parts.Add($"...(event.type !== \"message\" ? {{ {TsWriter.Property(type)}: event.type }} : {{}})");
        }

        if (sse?.RetryAttribute is { } retry)
        {
            parts.Add($"...(event.retry !== undefined ? {{ {TsWriter.Property(retry)}: event.retry }} : {{}})");
        }

        // The whole result as the data, nothing mapped: the parsed JSON is the result.
        return parts.Count == 1 && sse?.DataAttribute is null
            ? $"{{ read: (event: serow.ServerSentEvent) => JSON.parse(event.data) as {outType} }}"
            : $"{{ read: (event: serow.ServerSentEvent) => ({{ {string.Join(", ", parts)} }}) as {outType} }}";
    }

    private string ValidatorEntry(string name, MessageSpec? message) =>
        message is not null && Validator(message) is { } validator ? $", {name}: {validator}" : string.Empty;

    /// <summary>The validator of a message: its type's, or an inline function for a primitive or collection with rules.</summary>
    private string? Validator(MessageSpec message)
    {
        if (types.ValidatorOf(message.TypeRef) is { } named)
        {
            return "types." + named;
        }

        var body = new TsWriter();
        new TsChecks(model.Design, types, "types.").Emit(body, message.Attribute, message.TypeRef, "value", "path");
        if (body.ToString().Length == 0)
        {
            return null;
        }

        return $"(value: {types.Of(message.TypeRef, "types.")}, path: string, report: serow.ValidationReport) => {{ {string.Join(" ", body.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim()))} }}";
    }

    private static string Camel(string pascal) => char.ToLowerInvariant(pascal[0]) + pascal[1..];
}
