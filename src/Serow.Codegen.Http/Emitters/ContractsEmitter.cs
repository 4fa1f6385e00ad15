// Licensed under the MIT license. See LICENSE in the project root.

using System.Text.RegularExpressions;
using Serow.Codegen.Emitters;
using Serow.Codegen.Http.Model;
using Serow.Codegen.Model;
using Serow.Codegen.Writing;
using Serow.Design;

namespace Serow.Codegen.Http.Emitters;

/// <summary>
/// Prints what the HTTP server and client of a service share: JSON metadata, validators, the designed error statuses
/// and the WebSocket contract of each streaming method.
/// </summary>
internal static partial class ContractsEmitter
{
    /// <summary>The name of the field holding the JSON metadata of a type.</summary>
    public static string Json(HttpServiceSpec http, string type) => JsonNames(http)[type];

    public static string ErrorStatus(HttpEndpointSpec endpoint) => $"{endpoint.Method.Name}ErrorStatus";

    public static string Socket(HttpEndpointSpec endpoint) => $"{endpoint.Method.Name}Socket";

    /// <summary>The payload's validator in the service's contracts, or null when the payload has no checks.</summary>
    public static string? PayloadValidator(CodeModel model, HttpServiceSpec http, HttpEndpointSpec endpoint) =>
        ServiceContractsEmitter.Validator(model, http.Service, endpoint.Method, MessageSlot.Payload);

    /// <summary>The unary result's validator in the service's contracts, or null when it has no checks.</summary>
    public static string? ResultValidator(CodeModel model, HttpServiceSpec http, HttpEndpointSpec endpoint) =>
        endpoint.Method.Kind == StreamKind.None ? ServiceContractsEmitter.Validator(model, http.Service, endpoint.Method, MessageSlot.Result) : null;

    // internal static partial class <Service>HttpContracts
    // {
    //     public static readonly JsonTypeInfo<T> Json<T> = SerowJson.TypeInfo<T>(<Service>JsonContext.Default);
    //     public static int? <Method>ErrorStatus(string name) => name switch { "<error>" => <status>, _ => null };
    //     public static readonly WebSocketContract<TIn, TOut> <Method>Socket = new() { Stream = <Service>Contracts.<Method>Stream, In = …, Out = … };
    // }
    public static GeneratedFile Emit(CodeModel model, HttpServiceSpec http) =>
        CSharpFile.Create(model, $"{http.Service.Name}/Http/{http.Contracts}.g.cs", http.Service.Namespace, "contracts", writer =>
        {
            writer.Summary($"What the HTTP server and client of the \"{http.Service.Design.Name}\" service share: JSON metadata, error statuses and the WebSocket and Server-Sent Events contracts.");
            CSharpFile.GeneratedCodeAttribute(writer, model);
            writer.Open($"internal static partial class {http.Contracts}");
            foreach (var (type, name) in JsonNames(http))
            {
                writer.Line($"public static readonly {HttpKnownTypes.JsonTypeInfo}<{type}> {name} = {HttpKnownTypes.SerowJson}.TypeInfo<{type}>(global::{http.Service.Namespace}.{http.JsonContext}.Default);");
            }

            foreach (var endpoint in http.Endpoints)
            {
                writer.Line();
                Endpoint(writer, http, endpoint);
            }

            writer.Close();
        });

    private static void Endpoint(CodeWriter writer, HttpServiceSpec http, HttpEndpointSpec endpoint)
    {
        var method = endpoint.Method;
        var cases = string.Concat(endpoint.ErrorStatuses.Select(e => $"{CSharp.String(e.Error)} => {e.Status}, "));
        writer.Line($"public static int? {ErrorStatus(endpoint)}(string name) => name switch {{ {cases}_ => null }};");
        if (!endpoint.IsWebSocket && !endpoint.IsSse)
        {
            return;
        }

        writer.Line();
        if (endpoint.Sse is { } sse)
        {
            SseContract(writer, http, endpoint, sse);
            return;
        }

        var types = $"<{method.InType}, {method.OutType}>";
        writer.Line($"public static readonly {HttpKnownTypes.WebSocketContract}{types} {Socket(endpoint)} = new()");
        writer.Line("{");
        writer.Line($"    Stream = {ServiceContractsEmitter.Stream(http.Service, method)},");
        if (method.InType != KnownTypes.NoMessage)
        {
            writer.Line($"    In = {Json(http, method.InType)},");
        }

        if (method.OutType != KnownTypes.NoMessage)
        {
            writer.Line($"    Out = {Json(http, method.OutType)},");
        }

        writer.Line("};");
        if (endpoint.AlsoEvents)
        {
            writer.Line();
            SseContract(writer, http, endpoint, HttpEndpointSpec.WholeResultEvents);
        }
    }

    private static Dictionary<string, string> JsonNames(HttpServiceSpec http)
    {
        var names = new Dictionary<string, string>();
        var used = new HashSet<string>();
        foreach (var type in http.JsonTypes)
        {
            var simple = QualifiedName().Replace(type, "$3").Replace("?", " Nullable", StringComparison.Ordinal);
            var name = "Json" + CSharp.Pascal(simple);
            var unique = name;
            for (var i = 2; !used.Add(unique); i++)
            {
                unique = name + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            names[type] = unique;
        }

        return names;
    }

    [GeneratedRegex(@"(global::)?([A-Za-z_][A-Za-z0-9_]*\.)*([A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex QualifiedName();
}
