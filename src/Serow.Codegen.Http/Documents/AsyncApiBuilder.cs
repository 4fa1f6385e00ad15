// Licensed under the MIT license. See LICENSE in the project root.

using Serow.Codegen.Writing;
using Serow.Design;

namespace Serow.Codegen.Http.Documents;

/// <summary>Builds the AsyncAPI 3.0.0 model of a design's streaming HTTP methods: WebSocket and Server-Sent Events channels.</summary>
internal sealed class AsyncApiBuilder(DesignRoot design)
{
    /// <summary>The message every WebSocket channel may carry from the server when the stream fails.</summary>
    public const string ErrorFrame = "SerowErrorFrame";

    public const string PositionFrame = "SerowPositionFrame";

    private readonly SchemaMapper _schemas = new(design);
    private readonly List<AsyncApiChannel> _channels = [];
    private readonly List<AsyncApiOperation> _operations = [];
    private readonly List<AsyncApiMessage> _messages = [];

    /// <summary>Builds the document; null when no streaming method is served over HTTP.</summary>
    public static AsyncApiDocument? Build(DesignRoot design)
    {
        // The analysis registers request bodies and error bodies the AsyncAPI document does not use: give it its own mapper.
        var streams = HttpOperations.Of(design, new SchemaMapper(design)).Where(o => o.Shape != HttpShape.Unary).ToList();
        if (streams.Count == 0)
        {
            return null;
        }

        var builder = new AsyncApiBuilder(design);
        foreach (var operation in streams)
        {
            builder.Add(operation);
        }

        var api = design.Api;
        return new AsyncApiDocument(
            new AsyncApiInfo(api.Title ?? api.Name, api.Version ?? "1.0", api.Description)
            {
                Contact = api.Contact,
                License = api.License,
                TermsOfService = api.TermsOfService,
                Docs = api.Docs,
            },
            "application/json",
            builder._channels,
            builder._operations,
            builder._messages.OrderBy(m => m.Id, StringComparer.Ordinal).ToList(),
            builder._schemas.Components)
        {
            SecuritySchemes = design.SecuritySchemes.ToList(),
            Servers = Servers(design),
        };
    }

    // One WebSocket server per HTTP address of a host: ws for http, wss for https (SSE runs on the same address).
    private static List<AsyncApiServer> Servers(DesignRoot design) =>
        Serow.Codegen.Model.ServerAddresses.All(design)
            .Where(a => !a.IsGrpc)
            .GroupBy(a => (a.Server, a.Host))
            .SelectMany(g => g.Select((a, i) => (Address: a, Index: i)))
            .Select(x =>
            {
                var uri = x.Address.Uri;
                var secure = uri.StartsWith("https://", StringComparison.OrdinalIgnoreCase);
                var rest = uri[(uri.IndexOf("://", StringComparison.Ordinal) + 3)..];
                var slash = rest.IndexOf('/', StringComparison.Ordinal);
                var host = slash < 0 ? rest : rest[..slash];
                var path = slash < 0 ? null : rest[slash..].TrimEnd('/');
                var key = $"{x.Address.Server.Name}-{x.Address.Host.Name}" + (x.Index == 0 ? string.Empty : "-" + (x.Index + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
                return new AsyncApiServer(key, host, secure ? "wss" : "ws", string.IsNullOrEmpty(path) ? null : path,
                    x.Address.Host.Description ?? x.Address.Server.Description, x.Address.Host.Variables);
            })
            .ToList();

    private void Add(HttpOperation operation)
    {
        var method = operation.Method;
        var id = operation.Id;
        var messages = new List<KeyValuePair<string, string>>();
        var sends = new List<string>();
        var receives = new List<string>();
        var prefix = operation.SchemaPrefix;
        if (operation.Shape == HttpShape.ServerSentEvents)
        {
            var sse = operation.Sse!;
            var streamed = method.StreamingResult!;
            var data = sse.DataAttribute is { } name && design.Resolve(streamed.Type) is ObjectType obj && obj.Find(name) is { } attribute
                ? _schemas.Attribute(attribute, prefix + "EventData")
                : _schemas.Message(streamed, prefix + "StreamingResult", operation.StreamViews(design));
            var fields = new[] { ("id", sse.IdAttribute), ("event", sse.EventAttribute), ("retry", sse.RetryAttribute) }
                .Where(f => f.Item2 is not null).Select(f => $"{f.Item1} from \"{f.Item2}\"").ToList();
            var summary = "One Server-Sent Event; its data is " + (sse.DataAttribute is { } d ? $"the \"{d}\" attribute of a streamed result" : "a streamed result")
                + (fields.Count > 0 ? $"; {string.Join(", ", fields)}" : string.Empty) + ".";
            messages.Add(Message(id, "event", $"{id} event", summary, "text/event-stream", data));
            sends.Add("event");
        }
        else
        {
            if (method.StreamingPayload is { } input)
            {
                messages.Add(Message(id, "request", $"{id} request", "A message the client sends, one JSON text frame each.",
                    "application/json", Named(_schemas.Message(input, prefix + "StreamingPayload"), prefix + "StreamingPayload")));
                receives.Add("request");
            }

            var output = method.StreamingResult ?? (method.StreamKind == StreamKind.Client ? method.Result : null);
            if (output is not null)
            {
                var summary = method.StreamingResult is null ? "The final result the server sends once the client has finished sending." : "A message the server sends, one JSON text frame each.";
                var suffix = method.StreamingResult is null ? "Result" : "StreamingResult";
                messages.Add(Message(id, "response", $"{id} response", summary, "application/json",
                    Named(_schemas.Message(output, prefix + suffix, operation.StreamViews(design)), prefix + suffix)));
                sends.Add("response");
            }

            SendShared(ErrorFrame, "error", "Error frame",
                "The error that ends the stream (a designed error, invalid_message listing every violation, internal or protocol_error), then the close.",
                _schemas.ErrorFrame(), messages, sends);
            if (method.Resumable is not null)
            {
                SendShared(PositionFrame, "position", "Position frame",
                    "Where a resumable stream starts, sent before any result when the server says so: a client that reconnects before the first result resumes after it.",
                    _schemas.PositionFrame(), messages, sends);
            }
        }

        var (verb, path) = operation.Routes[0];
        var description = (method.Description ?? $"The {method.Name} method of the {operation.Service.Name} service.") + (operation.Shape == HttpShape.WebSocket
            ? $" A WebSocket opened with {verb} {path}; every message is one JSON text frame."
            : $" Server-Sent Events: {verb} {path} answers with a text/event-stream.");
        _channels.Add(new AsyncApiChannel(
            id,
            path,
            id,
            description,
            operation.PathParameters.Select(p => new AsyncApiParameter(p.WireName, p.Attribute.Description)).ToList(),
            messages,
            operation.Shape == HttpShape.WebSocket ? new AsyncApiWebSocketBinding(verb, Object(operation, operation.QueryParameters), Object(operation, operation.Headers)) : null));

        var httpMethod = operation.Shape == HttpShape.ServerSentEvents ? verb : null;
        var security = design.SecurityOf(operation.Service, method).SelectMany(r => r.Schemes).Distinct(StringComparer.Ordinal).ToList();
        if (receives.Count > 0)
        {
            _operations.Add(new AsyncApiOperation(id + ".receive", "receive", id, $"The server receives the {method.Name} stream's messages.", receives, httpMethod, security));
        }

        if (sends.Count > 0)
        {
            _operations.Add(new AsyncApiOperation(id + ".send", "send", id, $"The server sends the {method.Name} stream's messages.", sends, httpMethod, security));
        }
    }

    /// <summary>A reference to a message schema, as in OpenAPI's <c>x-serow-websocket</c>: inline schemas become components.</summary>
    private DocSchema Named(DocSchema schema, string name) => SchemaMapper.Reference(_schemas.Named(schema, name));

    /// <summary>A frame every WebSocket channel may send (error, position): one message of the document, listed once.</summary>
    private void SendShared(string id, string name, string title, string description, DocSchema schema, List<KeyValuePair<string, string>> messages, List<string> sends)
    {
        if (!_messages.Any(m => m.Id == id))
        {
            _messages.Add(new AsyncApiMessage(id, name, title, description, "application/json", schema));
        }

        messages.Add(KeyValuePair.Create(name, id));
        sends.Add(name);
    }

    private KeyValuePair<string, string> Message(string channel, string local, string title, string summary, string contentType, DocSchema payload)
    {
        var messageId = $"{channel}.{local}";
        _messages.Add(new AsyncApiMessage(messageId, local, title, summary, contentType, payload));
        return KeyValuePair.Create(local, messageId);
    }

    /// <summary>The schema of the query string or headers of a WebSocket upgrade: one property per mapped attribute.</summary>
    private DocSchema? Object(HttpOperation operation, IReadOnlyList<HttpParameter> parameters) => parameters.Count == 0 ? null : new DocSchema
    {
        Type = "object",
        Properties = parameters.Select(p => KeyValuePair.Create(p.WireName, _schemas.Attribute(p.Attribute, operation.SchemaPrefix + CSharp.Pascal(p.Attribute.Name)))).ToList(),
        Required = parameters.Any(p => p.Required) ? parameters.Where(p => p.Required).Select(p => p.WireName).ToList() : null,
    };
}
