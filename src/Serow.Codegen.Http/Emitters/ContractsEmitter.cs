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

    public static string? PayloadValidator(CodeModel model, HttpEndpointSpec endpoint) =>
        endpoint.Method.Payload is { } payload && new ValidationEmitter(model.Design).HasChecks(payload.Attribute) ? $"Validate{endpoint.Method.Name}Payload" : null;

    public static string? ResultValidator(CodeModel model, HttpEndpointSpec endpoint) =>
        endpoint.Method.Kind == StreamKind.None && endpoint.Method.Result is { } result && new ValidationEmitter(model.Design).HasChecks(result.Attribute)
            ? $"Validate{endpoint.Method.Name}Result"
            : null;

    // internal static partial class <Service>HttpContracts
    // {
    //     public static readonly JsonTypeInfo<T> Json<T> = SerowJson.TypeInfo<T>(<Service>JsonContext.Default);
    //     public static int? <Method>ErrorStatus(string name) => name switch { "<error>" => <status>, _ => null };
    //     public static void Validate<Method>Payload(P value, ValidationReport report) { … }
    //     public static readonly WebSocketContract<TIn, TOut> <Method>Socket = new() { Stream = new() { … }, In = …, Out = … };
    // }
    public static GeneratedFile Emit(CodeModel model, HttpServiceSpec http) =>
        CSharpFile.Create(model, $"{http.Service.Name}/Http/{http.Contracts}.g.cs", http.Service.Namespace, "contracts", writer =>
        {
            var validation = new ValidationEmitter(model.Design);
            writer.Summary($"What the HTTP server and client of the \"{http.Service.Design.Name}\" service share: JSON metadata, validators, error statuses and stream contracts.");
            CSharpFile.GeneratedCodeAttribute(writer, model);
            writer.Open($"internal static partial class {http.Contracts}");
            foreach (var (type, name) in JsonNames(http))
            {
                writer.Line($"public static readonly {HttpKnownTypes.JsonTypeInfo}<{type}> {name} = {HttpKnownTypes.SerowJson}.TypeInfo<{type}>(global::{http.Service.Namespace}.{http.JsonContext}.Default);");
            }

            foreach (var endpoint in http.Endpoints)
            {
                writer.Line();
                Endpoint(writer, model, http, endpoint, validation);
            }

            writer.Close();
        });

    private static void Endpoint(CodeWriter writer, CodeModel model, HttpServiceSpec http, HttpEndpointSpec endpoint, ValidationEmitter validation)
    {
        var method = endpoint.Method;
        var cases = string.Concat(endpoint.ErrorStatuses.Select(e => $"{CSharp.String(e.Error)} => {e.Status}, "));
        writer.Line($"public static int? {ErrorStatus(endpoint)}(string name) => name switch {{ {cases}_ => null }};");

        if (PayloadValidator(model, endpoint) is { } payloadValidator)
        {
            writer.Line();
            Validator(writer, validation, payloadValidator, method.Payload!, nullable: false);
        }

        if (ResultValidator(model, endpoint) is { } resultValidator)
        {
            writer.Line();
            Validator(writer, validation, resultValidator, method.Result!, nullable: false);
        }

        if (!endpoint.IsWebSocket && !endpoint.IsSse)
        {
            return;
        }

        string? validateIn = null, validateOut = null;
        if (method.StreamingPayload is { } incoming && validation.HasChecks(incoming.Attribute))
        {
            validateIn = $"Validate{method.Name}StreamingPayload";
            writer.Line();
            Validator(writer, validation, validateIn, incoming, nullable: incoming.IsValueType);
        }

        var outMessage = method.OutMessage;
        if (outMessage is not null && method.Views is null && validation.HasChecks(outMessage.Attribute))
        {
            validateOut = $"Validate{method.Name}{(method.StreamingResult is null ? "FinalResult" : "StreamingResult")}";
            writer.Line();
            Validator(writer, validation, validateOut, outMessage, nullable: outMessage.IsValueType);
        }

        writer.Line();
        if (endpoint.Sse is { } sse)
        {
            SseContract(writer, http, endpoint, sse, validateOut);
            return;
        }

        var types = $"<{method.InType}, {method.OutType}>";
        writer.Line($"public static readonly {HttpKnownTypes.WebSocketContract}{types} {Socket(endpoint)} = new()");
        writer.Line("{");
        StreamContractLines(writer, http, method, validateIn, validateOut);
        if (method.InType != KnownTypes.NoMessage)
        {
            writer.Line($"    In = {Json(http, method.InType)},");
        }

        if (method.OutType != KnownTypes.NoMessage)
        {
            writer.Line($"    Out = {Json(http, method.OutType)},");
        }

        writer.Line($"    HasFinalResult = {CSharp.Bool(method.Kind == StreamKind.Client && method.Result is not null)},");
        writer.Line("};");
    }

    // Stream = new StreamContract<TIn, TOut> { Service = …, Method = …, validation, views },
    private static void StreamContractLines(CodeWriter writer, HttpServiceSpec http, MethodSpec method, string? validateIn, string? validateOut)
    {
        writer.Line($"    Stream = new {KnownTypes.StreamContract}<{method.InType}, {method.OutType}>");
        writer.Line("    {");
        writer.Line($"        Service = {CSharp.String(http.Service.Design.Name)},");
        writer.Line($"        Method = {CSharp.String(method.Design.Name)},");
        if (validateIn is not null)
        {
            writer.Line($"        ValidateIncoming = {validateIn},");
        }

        if (method.Views is { } views)
        {
            writer.Line("        ValidateOutgoing = static (message, view, report) => message.Validate(report, string.Empty, view),");
            writer.Line("        Project = static (message, view) => message.Project(view),");
            writer.Line($"        Views = [{string.Join(", ", views.Names.Select(CSharp.String))}],");
            writer.Line($"        DefaultView = {CSharp.String(views.DefaultView)},");
            writer.Line($"        CanSetView = {CSharp.Bool(views.CanSetView)},");
        }
        else if (validateOut is not null)
        {
            writer.Line($"        ValidateOutgoing = static (message, view, report) => {validateOut}(message, report),");
        }

        writer.Line("    },");
    }

    // public static void <Name>(<T> value, ValidationReport report) { …checks with path "" … }
    private static void Validator(CodeWriter writer, ValidationEmitter validation, string name, MessageSpec message, bool nullable)
    {
        var type = nullable ? message.TypeRef + "?" : message.TypeRef;
        writer.Open($"public static void {name}({type} value, {KnownTypes.ValidationReport} report)");
        validation.Emit(writer, message.Attribute, "value", "string.Empty", required: false, nullable: nullable || !message.IsValueType);
        writer.Close();
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
