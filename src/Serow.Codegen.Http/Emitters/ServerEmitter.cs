// Licensed under the MIT license. See LICENSE in the project root.

using Serow.Codegen.Emitters;
using Serow.Codegen.Http.Model;
using Serow.Codegen.Model;
using Serow.Codegen.Writing;
using Serow.Design;

namespace Serow.Codegen.Http.Emitters;

/// <summary>Prints the ASP.NET Core side of a service: request handlers, endpoint mapping and service registration.</summary>
internal static class ServerEmitter
{
    // internal static partial class <Service>HttpServer
    // {
    //     public static async Task <Method>Async(HttpContext context)    (not async for streams: returns the invoker's task)
    //     {
    //         var call = HttpServerCall.StartUnary(context, "<service>", "<method>", C.<Method>ErrorStatus);   (Start for streams: their call reports itself)
    //         try { decode payload; validate; call the service; write the result (or run the WebSocket / SSE call, or copy the raw body) }
    //         catch (Exception e) { await call.WriteErrorAsync(e); }
    //     }
    // }
    // file sealed class <Service><Method>HttpServerStream(SseServerCall<TOut> call) : SseServerStream<TOut>(call), I…ServerStream;
    public static GeneratedFile EmitServer(CodeModel model, HttpServiceSpec http) =>
        CSharpFile.Create(model, $"{http.Service.Name}/Http/{http.Server}.g.cs", http.Service.Namespace, "server", writer =>
        {
            writer.Summary($"The request handlers of the \"{http.Service.Design.Name}\" service over HTTP; mapped by Map{http.Service.Name}Http.");
            CSharpFile.GeneratedCodeAttribute(writer, model);
            writer.Open($"internal static partial class {http.Server}");
            var first = true;
            foreach (var endpoint in http.Endpoints)
            {
                if (!first)
                {
                    writer.Line();
                }

                first = false;
                Handler(writer, model, http, endpoint);
            }

            writer.Close();
        });

    private static void Handler(CodeWriter writer, CodeModel model, HttpServiceSpec http, HttpEndpointSpec endpoint)
    {
        var method = endpoint.Method;
        var contracts = $"global::{http.Service.Namespace}.{http.Contracts}";
        if (endpoint.MappedResponses.Count > 0)
        {
            MappedResultFields(writer, endpoint);
        }

        writer.Summary($"Handles {string.Join(", ", endpoint.Routes.Select(r => r.Verb + " " + r.Path))}: {http.Service.Design.Name}.{method.Design.Name}.");
        // A stream's handler returns the invoker's task (which answers its own errors): an open stream then holds no
        // state machine of this method. Reading a body needs an await, so such a payload keeps the async form.
        // A secured method awaits its authorization first, so it keeps the async form too.
        var security = ServiceContractsEmitter.Security(model, http.Service, method);
        var direct = (endpoint.IsSse || endpoint.IsWebSocket) && (method.Payload is null || endpoint.Body is not (HttpBody.Payload or HttpBody.Attribute)) && security is null;
        if (method.Design.Http?.Redirect is { } redirect)
        {
            // Redirect: the request is answered without calling the method.
            writer.Line($"public static {KnownTypes.Task} {method.Name}Async({HttpKnownTypes.HttpContext} context) =>");
            writer.Line($"    {HttpKnownTypes.HttpFiles}.RedirectAsync(context, {CSharp.String(redirect.Url)}, {redirect.StatusCode});");
            return;
        }

        writer.Open($"public static {(direct ? string.Empty : "async ")}{KnownTypes.Task} {method.Name}Async({HttpKnownTypes.HttpContext} context)");
        writer.Line(endpoint.IsSse || endpoint.IsWebSocket
            ? $"var call = {HttpKnownTypes.HttpServerCall}.Start(context, {CSharp.String(http.OptionsName)}, {contracts}.{ContractsEmitter.ErrorStatus(endpoint)});"
            : $"var call = {HttpKnownTypes.HttpServerCall}.StartUnary(context, {CSharp.String(http.OptionsName)}, {CSharp.String(method.Design.Name)}, {contracts}.{ContractsEmitter.ErrorStatus(endpoint)});");
        writer.Open("try");
        if (security is not null)
        {
            // Before anything is read or streamed: a refused WebSocket upgrade never reaches 101.
            writer.Line($"await call.AuthorizeAsync({security}).ConfigureAwait(false);");
        }

        var ns = http.Service.Namespace;
        writer.Line(model.Interception.Of(http.Service, server: true).Count > 0
            ? $"var service = new global::{ns}.{InterceptorEmitter.InterceptedServiceName(http.Service)}(call.GetService<global::{ns}.{http.Service.Interface}>(), call.GetService<global::{ns}.{InterceptorEmitter.InterfaceName(http.Service, server: true)}>());"
            : $"var service = call.GetService<global::{ns}.{http.Service.Interface}>();");
        var arguments = new List<string>();
        if (method.Payload is { } payload)
        {
            DecodePayload(writer, model, http, endpoint, payload, contracts);
            arguments.Add("payload");
        }

        if (method.Multipart)
        {
            // Checked before the call: a body that is not multipart is refused like an invalid payload.
            writer.Line($"var parts = {HttpKnownTypes.HttpMultipart}.Parts(call);");
        }

        writer.Line("call.ThrowIfInvalid();");
        if (method.RawRequest)
        {
            arguments.Add($"{HttpKnownTypes.HttpRawBody}.RequestBody(call)");
        }
        else if (method.Multipart)
        {
            arguments.Add("parts");
        }

        if (endpoint.IsSse || endpoint.IsWebSocket)
        {
            // The service and the payload travel as the handler's state: no closure per call.
            var (state, service, payloadArgument) = method.Payload is null ? ("service", "state", string.Empty) : ("(service, payload)", "state.service", "state.payload, ");
            var (invoke, contract) = endpoint.IsSse
                ? ($"{HttpKnownTypes.SseServerInvoker}.RunAsync", $"{contracts}.{ContractsEmitter.Events(endpoint)}")
                : endpoint.AlsoEvents
                    ? ($"{HttpKnownTypes.WebSocketServerInvoker}.RunServerStreamAsync", $"{contracts}.{ContractsEmitter.Socket(endpoint)}, {contracts}.{ContractsEmitter.Events(endpoint)}")
                    : ($"{HttpKnownTypes.WebSocketServerInvoker}.RunAsync", $"{contracts}.{ContractsEmitter.Socket(endpoint)}");
            writer.Line($"{(direct ? "return" : "await")} {invoke}(call, {contract}, {state},");
            writer.Line($"    static (state, stream, token) => {service}.{method.Name}Async({payloadArgument}new {ServiceContractsEmitter.ServerStream(http.Service, method)}(stream), token)){(direct ? string.Empty : ".ConfigureAwait(false)")};");
        }
        else
        {
            arguments.Add("context.RequestAborted");
            var invoke = $"service.{method.Name}Async({string.Join(", ", arguments)})";
            if (method.RawResponse)
            {
                writer.Line($"var body = await {invoke}.ConfigureAwait(false);");
                writer.Line($"await {HttpKnownTypes.HttpRawBody}.WriteResponseAsync(call, {endpoint.SuccessStatus}, {CSharp.String(endpoint.RawContentType)}, body).ConfigureAwait(false);");
            }
            else if (method.Result is { } result)
            {
                writer.Line($"var result = await {invoke}.ConfigureAwait(false);");
                if (endpoint.MappedResponses.Count > 0)
                {
                    MappedResult(writer, endpoint, $"{contracts}.{ContractsEmitter.Json(http, result.TypeRef)}");
                }
                else
                {
                    writer.Line($"await call.WriteResultAsync({endpoint.SuccessStatus}, result, {contracts}.{ContractsEmitter.Json(http, result.TypeRef)}).ConfigureAwait(false);");
                }
            }
            else
            {
                writer.Line($"await {invoke}.ConfigureAwait(false);");
                writer.Line($"await call.WriteStatusAsync({endpoint.SuccessStatus}).ConfigureAwait(false);");
            }
        }

        writer.Close();
        writer.Open($"catch ({KnownTypes.Exception} e)");
        writer.Line(direct ? "return call.WriteErrorAsync(e);" : "await call.WriteErrorAsync(e).ConfigureAwait(false);");
        writer.Close();
        writer.Close();
    }

    // if (result.<Tag> == "<value>") { call.ResponseHeader(…); call.ResponseCookie(…); await call.WriteResultAsync(<status>, result, json, [omitted]); }
    // else { …the untagged response… }
    private static void MappedResult(CodeWriter writer, HttpEndpointSpec endpoint, string json)
    {
        for (var i = 0; i < endpoint.MappedResponses.Count; i++)
        {
            var response = endpoint.MappedResponses[i];
            if (response.TagProperty is { } tag)
            {
                writer.Open($"{(i == 0 ? "if" : "else if")} (result.{tag} == {CSharp.String(response.TagValue!)})");
            }
            else if (i > 0)
            {
                writer.Open("else");
            }
            else
            {
                writer.OpenBlock();
            }

            foreach (var header in response.Headers)
            {
                writer.Line($"call.ResponseHeader({CSharp.String(header.WireName)}, result.{header.Property});");
            }

            foreach (var cookie in response.Cookies)
            {
                writer.Line($"call.ResponseCookie({CSharp.String(cookie.WireName)}, result.{cookie.Property}, {CookiesField(endpoint, i)});");
            }

            writer.Line($"await call.WriteResultAsync({response.Status}, result, {json}, {OmittedField(endpoint)}).ConfigureAwait(false);");
            writer.Close();
        }
    }

    // private static readonly string[] <Method>Omitted = ["a", …];                       made once, not per request
    // private static readonly HttpCookieSettings <Method>Cookies<i> = new() { MaxAge = …, … };
    private static void MappedResultFields(CodeWriter writer, HttpEndpointSpec endpoint)
    {
        writer.Summary($"The result attributes of {endpoint.Method.Design.Name} that travel in response headers or cookies, not in the body.");
        writer.Line($"private static readonly string[] {OmittedField(endpoint)} = [{string.Join(", ", endpoint.OmittedFromBody.Select(CSharp.String))}];");
        writer.Line();
        for (var i = 0; i < endpoint.MappedResponses.Count; i++)
        {
            if (endpoint.MappedResponses[i].Cookies.Count == 0)
            {
                continue;
            }

            var c = endpoint.MappedResponses[i].Cookie;
            var settings = new[]
            {
                c.MaxAge is { } maxAge ? $"MaxAge = {maxAge}" : null,
                c.Secure ? "Secure = true" : null,
                c.HttpOnly ? "HttpOnly = true" : null,
                c.Domain is { } domain ? $"Domain = {CSharp.String(domain)}" : null,
                c.Path is { } path ? $"Path = {CSharp.String(path)}" : null,
                c.SameSite is { } sameSite ? $"SameSite = {CSharp.String(sameSite)}" : null,
            }.OfType<string>();
            writer.Summary($"The attributes of the cookies of {endpoint.Method.Design.Name}'s {endpoint.MappedResponses[i].Status} response.");
            writer.Line($"private static readonly {HttpKnownTypes.HttpCookieSettings} {CookiesField(endpoint, i)} = new() {{ {string.Join(", ", settings)} }};");
            writer.Line();
        }
    }

    private static string OmittedField(HttpEndpointSpec endpoint) => endpoint.Method.Name + "Omitted";

    private static string CookiesField(HttpEndpointSpec endpoint, int response) =>
        endpoint.Method.Name + "Cookies" + response.ToString(System.Globalization.CultureInfo.InvariantCulture);

    // var payload = await call.ReadBodyAsync(C.JsonP, isObject: true);    or HttpServerCall.EmptyObject(C.JsonP)
    // if (call.TryQuery<int>("to", "to", true, out var p0)) { payload.To = p0; }
    // C.Validate<Method>Payload(payload, call.Report);
    private static void DecodePayload(CodeWriter writer, CodeModel model, HttpServiceSpec http, HttpEndpointSpec endpoint, MessageSpec payload, string contracts)
    {
        var json = $"{contracts}.{ContractsEmitter.Json(http, payload.TypeRef)}";
        switch (endpoint.Body)
        {
            case HttpBody.Payload:
                writer.Line($"var payload = await call.ReadBodyAsync({json}, isObject: {CSharp.Bool(payload.Object is not null)}).ConfigureAwait(false);");
                break;
            case HttpBody.Attribute:
                var bodyIsObject = payload.Object!.Type.Find(endpoint.BodyAttribute!) is { } attribute && model.Design.Resolve(attribute.Type) is ObjectType;
                writer.Line($"var payload = {HttpKnownTypes.HttpServerCall}.EmptyObject({json});");
                writer.Line($"payload.{endpoint.BodyProperty} = await call.ReadBodyAsync({contracts}.{ContractsEmitter.Json(http, endpoint.BodyType!)}, isObject: {CSharp.Bool(bodyIsObject)}).ConfigureAwait(false);");
                break;
            default:
                writer.Line($"var payload = {HttpKnownTypes.HttpServerCall}.EmptyObject({json});");
                break;
        }

        var index = 0;
        foreach (var param in endpoint.Params)
        {
            var local = $"p{index++}";
            var read = (param.Source, param.IsList) switch
            {
                (HttpSource.Query, true) => $"call.TryQueryList<{param.ValueType}>({CSharp.String(param.WireName)}, {CSharp.String(param.Attribute)}, out var {local})",
                (HttpSource.Path, _) => $"call.TryRoute<{param.ValueType}>({CSharp.String(param.WireName)}, {CSharp.String(param.Attribute)}, {CSharp.Bool(param.ReportMissing)}, out var {local})",
                (HttpSource.Query, _) => $"call.TryQuery<{param.ValueType}>({CSharp.String(param.WireName)}, {CSharp.String(param.Attribute)}, {CSharp.Bool(param.ReportMissing)}, out var {local})",
                (HttpSource.Cookie, _) => $"call.TryCookie<{param.ValueType}>({CSharp.String(param.WireName)}, {CSharp.String(param.Attribute)}, {CSharp.Bool(param.ReportMissing)}, out var {local})",
                _ => $"call.TryHeader<{param.ValueType}>({CSharp.String(param.WireName)}, {CSharp.String(param.Attribute)}, {CSharp.Bool(param.ReportMissing)}, out var {local})",
            };
            writer.Open($"if ({read})");
            writer.Line($"payload.{param.Property} = {local};");
            writer.Close();
        }

        if (endpoint.MapParams is { } map)
        {
            // MapParams: every query parameter not mapped to another attribute.
            var mapped = "[" + string.Join(", ", map.Mapped.Select(CSharp.String)) + "]";
            writer.Open($"if (call.TryQuery{(map.Multi ? "Multi" : string.Empty)}Map({mapped}, out var queryMap))");
            writer.Line($"payload.{map.Property} = queryMap;");
            writer.Close();
        }

        if (ContractsEmitter.PayloadValidator(model, http, endpoint) is { } validator)
        {
            writer.Line($"{validator}(payload, call.Report);");
        }
    }

    // public static class <Service>HttpEndpointRouteBuilderExtensions
    // {
    //     public static RouteGroupBuilder Map<Service>Http(this IEndpointRouteBuilder endpoints) { map every route; }
    // }
    public static GeneratedFile EmitEndpoints(CodeModel model, HttpServiceSpec http) =>
        CSharpFile.Create(model, $"{http.Service.Name}/Http/{http.Service.Name}HttpEndpointRouteBuilderExtensions.g.cs", "Microsoft.AspNetCore.Builder", "endpoints", writer =>
        {
            var name = http.Service.Name;
            writer.Summary($"Maps the HTTP endpoints of the \"{http.Service.Design.Name}\" service.");
            CSharpFile.GeneratedCodeAttribute(writer, model);
            writer.Open($"public static partial class {name}HttpEndpointRouteBuilderExtensions");
            writer.Summary($"Maps every HTTP route of the \"{http.Service.Design.Name}\" service to the {http.Service.Interface} registered in the services; streaming methods are served over WebSockets.");
            writer.Param("endpoints", "The application's endpoints.");
            writer.Returns("A group holding the service's endpoints, for adding conventions such as authorization.");
            writer.Open($"public static {HttpKnownTypes.RouteGroupBuilder} Map{name}Http(this {HttpKnownTypes.EndpointRouteBuilder} endpoints)");
            writer.Line($"{KnownTypes.ArgumentNullException}.ThrowIfNull(endpoints);");
            writer.Line($"var group = {HttpKnownTypes.EndpointRouteBuilderExtensions}.MapGroup(endpoints, string.Empty);");
            writer.Line($"{HttpKnownTypes.RoutingEndpointConventionBuilderExtensions}.WithMetadata(group, {HttpKnownTypes.HttpServiceEndpoints}.Create(endpoints, {CSharp.String(http.OptionsName)}));");
            foreach (var endpoint in http.Endpoints)
            {
                foreach (var (verb, path) in endpoint.Routes)
                {
                    // A WebSocket opens with GET over HTTP/1.1 and with an extended CONNECT over HTTP/2 (RFC 8441).
                    var verbs = endpoint.IsWebSocket && verb == "GET" ? $"{CSharp.String(verb)}, \"CONNECT\"" : CSharp.String(verb);
                    writer.Line($"{HttpKnownTypes.EndpointRouteBuilderExtensions}.MapMethods(group, {CSharp.String(path)}, [{verbs}], global::{http.Service.Namespace}.{http.Server}.{endpoint.Method.Name}Async);");
                }
            }

            foreach (var files in http.Files)
            {
                writer.Line($"{HttpKnownTypes.HttpFiles}.Map(group, {CSharp.String(files.Route)}, {CSharp.String(files.Design.FileName)}, {(files.Design.Wildcard is { } wildcard ? CSharp.String(wildcard) : "null")});");
            }

            writer.Line("return group;");
            writer.Close();
            writer.Close();
        });

    // public static class <Service>HttpServiceCollectionExtensions
    // {
    //     public static IServiceCollection Add<Service>Http(this IServiceCollection services, Action<SerowHttpOptions>? configure = null) => …;
    // }
    public static GeneratedFile EmitServices(CodeModel model, HttpServiceSpec http) =>
        CSharpFile.Create(model, $"{http.Service.Name}/Http/{http.Service.Name}HttpServiceCollectionExtensions.g.cs", "Microsoft.Extensions.DependencyInjection", "services", writer =>
        {
            var name = http.Service.Name;
            writer.Summary($"Registers what the HTTP endpoints of the \"{http.Service.Design.Name}\" service need.");
            CSharpFile.GeneratedCodeAttribute(writer, model);
            writer.Open($"public static partial class {name}HttpServiceCollectionExtensions");
            writer.Summary($"Registers the HTTP options of the \"{http.Service.Design.Name}\" service (WebSocket keepalive, limits, allowed origins). Register the {http.Service.Interface} implementation separately.");
            writer.Param("services", "The application's services.");
            writer.Param("configure", "Adjusts the options; the defaults when null.");
            writer.Returns("The services, for chaining.");
            writer.Line($"public static {HttpKnownTypes.ServiceCollection} Add{name}Http(this {HttpKnownTypes.ServiceCollection} services, {HttpKnownTypes.Action}<{HttpKnownTypes.SerowHttpOptions}>? configure = null) =>");
            writer.Line($"    {HttpKnownTypes.SerowHttpServices}.Add(services, {CSharp.String(http.OptionsName)}, configure);");
            writer.Close();
        });
}
