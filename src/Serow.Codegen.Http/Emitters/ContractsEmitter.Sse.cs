// Licensed under the MIT license. See LICENSE in the project root.

using Serow.Codegen.Emitters;
using Serow.Codegen.Http.Model;
using Serow.Codegen.Model;
using Serow.Codegen.Writing;

namespace Serow.Codegen.Http.Emitters;

/// <content>The Server-Sent Events contract of a server stream.</content>
internal static partial class ContractsEmitter
{
    public static string Events(HttpEndpointSpec endpoint) => $"{endpoint.Method.Name}Events";

    // public static readonly SseContract<TOut> <Method>Events = new()
    // {
    //     Stream = <Service>Contracts.<Method>Stream,
    //     Data = static message => …, WriteData = static (message, data) => … (JSON data), Id = …, EventType = …, Retry = …,
    //     ReadData = static data => … (whole results as JSON), Parse = Parse<Method>Event,
    // };
    // public static TOut Parse<Method>Event(SseEvent e) { var message = EmptyObject(…); message.<Data> = …; return message; }
    private static void SseContract(CodeWriter writer, HttpServiceSpec http, HttpEndpointSpec endpoint, SseSpec sse)
    {
        var method = endpoint.Method;
        var outJson = Json(http, method.OutType);
        writer.Line($"public static readonly {HttpKnownTypes.SseContract}<{method.OutType}> {Events(endpoint)} = new()");
        writer.Line("{");
        writer.Line($"    Stream = {ServiceContractsEmitter.Stream(http.Service, method)},");
        if (sse.DataProperty is { } data)
        {
            var value = $"message.{data}";
            if (sse.DataIsText)
            {
                writer.Line($"    Data = static message => {value}{(sse.DataMayBeNull ? " ?? string.Empty" : string.Empty)},");
            }
            else
            {
                var dataValue = $"{value}{(sse.DataMayBeNull ? "!" : string.Empty)}";
                writer.Line($"    Data = static message => {HttpKnownTypes.SseData}.Json({dataValue}, {Json(http, sse.DataType!)}),");
                writer.Line($"    WriteData = static (message, data) => {HttpKnownTypes.SseData}.WriteJson(data, {dataValue}, {Json(http, sse.DataType!)}),");
            }
        }
        else
        {
            writer.Line($"    Data = static message => {HttpKnownTypes.SseData}.Json(message, {outJson}),");
            writer.Line($"    WriteData = static (message, data) => {HttpKnownTypes.SseData}.WriteJson(data, message, {outJson}),");
        }

        if (sse.IdProperty is { } id)
        {
            writer.Line($"    Id = static message => message.{id},");
        }

        if (sse.EventProperty is { } eventType)
        {
            writer.Line($"    EventType = static message => message.{eventType},");
        }
        else if (method.OutMessage?.Union is not null)
        {
            // A typed event stream: the event type is the branch, so an EventSource can listen per kind of event.
            writer.Line("    EventType = static message => message.Branch,");
        }

        if (sse.RetryProperty is { } retry)
        {
            writer.Line($"    Retry = static message => (long?)message.{retry},");
        }

        if (sse.DataProperty is null)
        {
            writer.Line($"    ReadData = static data => {HttpKnownTypes.SseData}.ReadJson(data, {outJson}),");
        }

        if (sse.AnswersJson || sse.AnswersNdjson)
        {
            // Other media types carry whole results, whatever the events' data is.
            writer.Line($"    WriteResult = static (message, data) => {HttpKnownTypes.SseData}.WriteJson(data, message, {outJson}),");
            writer.Line($"    AnswersJson = {(sse.AnswersJson ? "true" : "false")},");
            writer.Line($"    AnswersNdjson = {(sse.AnswersNdjson ? "true" : "false")},");
        }

        writer.Line(sse.DataProperty is null
            ? $"    Parse = static e => {HttpKnownTypes.SseData}.FromJson(e.Data, {outJson}),"
            : $"    Parse = Parse{method.Name}Event,");
        writer.Line("};");
        if (sse.DataProperty is not { } dataProperty)
        {
            return;
        }

        writer.Line();
        writer.Summary($"Rebuilds a result of {http.Service.Design.Name}.{method.Design.Name} from the fields of a received event.");
        writer.Param("e", "The event.");
        writer.Open($"public static {method.OutType} Parse{method.Name}Event({HttpKnownTypes.SseEvent} e)");
        writer.Line($"var message = {HttpKnownTypes.HttpServerCall}.EmptyObject({outJson});");
        writer.Line(sse.DataIsText
            ? $"message.{dataProperty} = e.Data;"
            : $"message.{dataProperty} = {HttpKnownTypes.SseData}.FromJson(e.Data, {Json(http, sse.DataType!)});");
        if (sse.IdProperty is { } idProperty)
        {
            writer.Open("if (e.Id is { } id)");
            writer.Line($"message.{idProperty} = id;");
            writer.Close();
        }

        if (sse.EventProperty is { } eventProperty)
        {
            writer.Open("if (e.EventType is { } eventType)");
            writer.Line($"message.{eventProperty} = eventType;");
            writer.Close();
        }

        if (sse.RetryProperty is { } retryProperty)
        {
            writer.Open("if (e.RetryMilliseconds is { } retry)");
            writer.Line($"message.{retryProperty} = ({sse.RetryType})retry;");
            writer.Close();
        }

        writer.Line("return message;");
        writer.Close();
    }
}
