// Licensed under the MIT license. See LICENSE in the project root.

using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Serow.Codegen.Writing;
using Serow.Design;

namespace Serow.Codegen.Http.Documents;

/// <summary>Builds the OpenAPI 3.1 object model of a design's HTTP endpoints (goa's openapi/v3 builder, in C#).</summary>
internal sealed class OpenApiBuilder
{
    /// <summary>The vendor extension that attaches the message schemas of each direction to a WebSocket operation.</summary>
    public const string WebSocketExtension = "x-serow-websocket";

    /// <summary>The vendor extension that names the result attributes an SSE event's fields come from.</summary>
    public const string SseExtension = "x-serow-sse";

    private const string Json = "application/json";
    private const string OctetStream = "application/octet-stream";
    private const string EventStream = "text/event-stream";
    private const string Ndjson = "application/x-ndjson";
    private const string SseErrorEvent = "error";

    private readonly DesignRoot _design;
    private readonly OpenApiVersion _version;
    private readonly SchemaMapper _schemas;
    private readonly OpenApiDocument _document;

    private OpenApiBuilder(DesignRoot design, OpenApiVersion version)
    {
        _design = design;
        _version = version;
        _schemas = new SchemaMapper(design);
        _document = new OpenApiDocument
        {
            Info = Info(design.Api),
            Paths = [],
            Components = new OpenApiComponents(),
            Tags = new HashSet<OpenApiTag>(),
            ExternalDocs = design.Api.Docs is { } docs ? new OpenApiExternalDocs { Url = new Uri(docs.Url), Description = docs.Description } : null,
            Servers = Servers(design),
        };
    }

    /// <summary>Builds the document; null when no method is served over HTTP.</summary>
    public static OpenApiDocument? Build(DesignRoot design, OpenApiVersion version = OpenApiVersion.OpenApi3_2)
    {
        var builder = new OpenApiBuilder(design, version);
        var operations = HttpOperations.Of(design, builder._schemas);
        if (operations.Count == 0)
        {
            return null;
        }

        builder.AddOperations(operations);
        return builder._document;
    }

    /// <summary>Serialises a document as OpenAPI JSON of <paramref name="version"/> with LF line endings and a final newline.</summary>
    public static string ToJson(OpenApiDocument document, OpenApiVersion version = OpenApiVersion.OpenApi3_2) =>
        Serialize(writer => Write(document, new OpenApiJsonWriter(writer), version));

    /// <summary>Serialises a document as OpenAPI YAML of <paramref name="version"/> with LF line endings and a final newline.</summary>
    public static string ToYaml(OpenApiDocument document, OpenApiVersion version = OpenApiVersion.OpenApi3_2) =>
        Serialize(writer => Write(document, new OpenApiYamlWriter(writer), version));

    private static void Write(OpenApiDocument document, IOpenApiWriter writer, OpenApiVersion version)
    {
        if (version == OpenApiVersion.OpenApi3_1)
        {
            document.SerializeAsV31(writer);
        }
        else
        {
            document.SerializeAsV32(writer);
        }
    }

    private static string Serialize(Action<TextWriter> write)
    {
        using var writer = new StringWriter(new StringBuilder(), CultureInfo.InvariantCulture) { NewLine = "\n" };
        write(writer);
        writer.Flush();
        return writer.ToString().ReplaceLineEndings("\n").TrimEnd('\n') + "\n";
    }

    // Every HTTP address of every host, variables with their default and allowed values.
    private static List<OpenApiServer>? Servers(DesignRoot design)
    {
        var servers = Serow.Codegen.Model.ServerAddresses.All(design)
            .Where(a => !a.IsGrpc)
            .Select(a => new OpenApiServer
            {
                Url = a.Uri,
                // Variable descriptions join the server's: independent validators refuse them on the variable.
                Description = string.Join(" ", new[] { a.Host.Description ?? a.Server.Description ?? $"{a.Server.Name} ({a.Host.Name})" }
                    .Concat(a.Host.Variables.Where(v => v.Description is not null && a.Uri.Contains("{" + v.Name + "}", StringComparison.Ordinal)).Select(v => $"{{{v.Name}}}: {v.Description}."))),
                Variables = a.Host.Variables
                    .Where(v => a.Uri.Contains("{" + v.Name + "}", StringComparison.Ordinal))
                    .ToDictionary(v => v.Name, v => new OpenApiServerVariable
                    {
                        Default = v.DefaultJson is { } json ? Serow.Codegen.Model.ServerAddresses.Text(json) : null,
                        Enum = v.Validation.EnumJson.Count > 0 ? v.Validation.EnumJson.Select(Serow.Codegen.Model.ServerAddresses.Text).ToList() : null,
                    }, StringComparer.Ordinal),
            })
            .ToList();
        return servers.Count == 0 ? null : servers;
    }

    private static OpenApiInfo Info(ApiDesign api)
    {
        var info = new OpenApiInfo
        {
            Title = api.Title ?? api.Name,
            Description = api.Description,
            Version = api.Version ?? "1.0",
            TermsOfService = api.TermsOfService is { } terms ? new Uri(terms) : null,
            Contact = api.Contact is { } contact
                ? new OpenApiContact { Name = contact.Name, Email = contact.Email, Url = contact.Url is { } url ? new Uri(url) : null }
                : null,
            License = api.License is { } license
                ? new OpenApiLicense { Name = license.Name, Url = license.Url is { } text ? new Uri(text) : null }
                : null,
        };
        info.Extensions = new Dictionary<string, IOpenApiExtension>(StringComparer.Ordinal) { ["x-serow-api"] = new JsonNodeExtension(JsonValue.Create(api.Name)) };
        return info;
    }

    private void AddOperations(IReadOnlyList<HttpOperation> operations)
    {
        foreach (var service in operations.Select(o => o.Service).Distinct())
        {
            _document.Tags!.Add(new OpenApiTag { Name = service.Name, Description = service.Description ?? $"The {service.Name} service." });
        }

        foreach (var operation in operations)
        {
            for (var i = 0; i < operation.Routes.Count; i++)
            {
                var (verb, path) = operation.Routes[i];
                if (!_document.Paths.TryGetValue(path, out var item))
                {
                    _document.Paths[path] = item = new OpenApiPathItem { Operations = [] };
                }

                var id = i == 0 ? operation.Id : $"{operation.Id}.{(i + 1).ToString(CultureInfo.InvariantCulture)}";
                ((OpenApiPathItem)item).Operations!.TryAdd(HttpMethod.Parse(verb), Operation(operation, id, path));
            }
        }

        AddFiles();

        // Schemas register as the operations use them, so the components come last.
        _document.Components!.Schemas = _schemas.Components.ToDictionary(c => c.Name, c => OpenApiSchemas.Convert(c.Schema, _document), StringComparer.Ordinal);
        if (_design.SecuritySchemes.Count > 0)
        {
            _document.Components.SecuritySchemes = OpenApiSecurity.Schemes(_design);
        }
    }

    // Files: a GET per route, the file's bytes or 404; a wildcard route takes the file's path under the directory.
    private void AddFiles()
    {
        foreach (var service in _design.Services.Where(s => s.Files.Count > 0))
        {
            if (_document.Tags!.All(t => t.Name != service.Name))
            {
                _document.Tags!.Add(new OpenApiTag { Name = service.Name, Description = service.Description ?? $"The {service.Name} service." });
            }

            var prefix = _design.PathPrefixOf(service);
            foreach (var files in service.Files)
            {
                var path = "/" + (prefix + files.Path).Replace("{*", "{", StringComparison.Ordinal).Trim('/');
                var parameters = new List<IOpenApiParameter>();
                if (files.Wildcard is { } wildcard)
                {
                    parameters.Add(new OpenApiParameter
                    {
                        Name = wildcard,
                        In = ParameterLocation.Path,
                        Required = true,
                        Description = "The file's path under the served directory.",
                        Schema = new OpenApiSchema { Type = JsonSchemaType.String },
                    });
                }

                var operation = new OpenApiOperation
                {
                    OperationId = $"{service.Name}.files{path.Replace('/', '.').Replace("{", string.Empty, StringComparison.Ordinal).Replace("}", string.Empty, StringComparison.Ordinal)}",
                    Summary = "files",
                    Description = files.Description ?? (files.Wildcard is null ? $"Serves the file {files.FileName}." : $"Serves the files under {files.FileName}."),
                    Tags = new HashSet<OpenApiTagReference> { new(service.Name, _document, null) },
                    Parameters = parameters,
                    Responses = new OpenApiResponses
                    {
                        ["200"] = new OpenApiResponse
                        {
                            Description = "OK. The file's bytes, with the content type of its extension.",
                            Content = new Dictionary<string, IOpenApiMediaType>(StringComparer.Ordinal) { [OctetStream] = new OpenApiMediaType() },
                        },
                        ["404"] = new OpenApiResponse { Description = "Not Found. No such file." },
                    },
                };
                if (!_document.Paths.TryGetValue(path, out var item))
                {
                    _document.Paths[path] = item = new OpenApiPathItem { Operations = [] };
                }

                ((OpenApiPathItem)item).Operations!.TryAdd(HttpMethod.Get, operation);
            }
        }
    }

    private OpenApiOperation Operation(HttpOperation operation, string id, string path)
    {
        var method = operation.Method;
        var result = new OpenApiOperation
        {
            OperationId = id,
            Summary = method.Name,
            Description = Describe(operation),
            Tags = new HashSet<OpenApiTagReference> { new(operation.Service.Name, _document, null) },
            Parameters = Parameters(operation, path),
            Responses = [],
            Security = OpenApiSecurity.Requirements(_design, operation.Service, operation.Method, _document),
        };

        if (operation.Body is { } body)
        {
            result.RequestBody = new OpenApiRequestBody
            {
                Description = body.Raw ? "The raw request body, streamed to the method unread." : body.Multipart ? "A multipart body whose parts are streamed to the method." : null,
                Required = body.Required,
                Content = new Dictionary<string, IOpenApiMediaType>(StringComparer.Ordinal)
                {
                    [body.Raw ? OctetStream : body.Multipart ? "multipart/form-data" : Json] = Media(body.Schema),
                },
            };
        }

        switch (operation.Shape)
        {
            case HttpShape.WebSocket:
                WebSocket(operation, result);
                break;
            case HttpShape.ServerSentEvents:
                ServerSentEvents(operation, result);
                break;
            default:
                Unary(operation, result);
                break;
        }

        foreach (var error in operation.ErrorResponses)
        {
            var names = string.Join("; ", error.Errors.Select(e => e.Description is { } d ? $"{e.Name}: {d}" : e.Name));
            result.Responses[Status(error.Status)] = new OpenApiResponse
            {
                Description = $"{Reason(error.Status)}. {names}",
                Content = new Dictionary<string, IOpenApiMediaType>(StringComparer.Ordinal) { [Json] = Media(error.Schema) },
            };
        }

        return result;
    }

    private static string Describe(HttpOperation operation)
    {
        var description = operation.Method.Description ?? $"The {operation.Method.Name} method of the {operation.Service.Name} service.";
        return operation.Shape switch
        {
            HttpShape.WebSocket => description + "\n\nServed over a WebSocket: the GET request upgrades the connection, then every message is one JSON text frame. "
                + $"The message schemas of each direction are in the {WebSocketExtension} extension; a failure during the stream arrives as an error frame ({SchemaMapper.ErrorFrameComponent}) before the close.",
            HttpShape.ServerSentEvents => description + "\n\nServed as Server-Sent Events: the response is a text/event-stream; each event's data is described by the response schema.",
            _ => description,
        };
    }

    private List<IOpenApiParameter> Parameters(HttpOperation operation, string path)
    {
        var parameters = new List<IOpenApiParameter>();
        foreach (var p in operation.PathParameters.Where(p => path.Contains("{" + p.WireName + "}", StringComparison.Ordinal)))
        {
            parameters.Add(Parameter(operation, p, ParameterLocation.Path));
        }

        parameters.AddRange(operation.QueryParameters.Select(p => Parameter(operation, p, ParameterLocation.Query)));
        parameters.AddRange(operation.Headers.Select(p => Parameter(operation, p, ParameterLocation.Header)));
        parameters.AddRange(operation.Cookies.Select(p => Parameter(operation, p, ParameterLocation.Cookie)));
        return parameters;
    }

    private OpenApiParameter Parameter(HttpOperation operation, HttpParameter parameter, ParameterLocation location) => new()
    {
        Name = parameter.WireName,
        In = location,
        Required = parameter.Required || location == ParameterLocation.Path,
        Description = parameter.Attribute.Description,
        Schema = OpenApiSchemas.Convert(
            _schemas.Attribute(parameter.Attribute, operation.SchemaPrefix + CSharp.Pascal(parameter.Attribute.Name)) with { Description = null },
            _document),
    };

    private void Unary(HttpOperation operation, OpenApiOperation result)
    {
        if (operation.Http.Redirect is { } redirect)
        {
            result.Responses![Status(redirect.StatusCode)] = new OpenApiResponse
            {
                Description = $"{Reason(redirect.StatusCode)}. Redirects to {redirect.Url}.",
                Headers = new Dictionary<string, IOpenApiHeader>(StringComparer.OrdinalIgnoreCase)
                {
                    ["Location"] = new OpenApiHeader { Required = true, Schema = new OpenApiSchema { Type = JsonSchemaType.String, Const = redirect.Url } },
                },
            };
            return;
        }

        foreach (var designed in operation.SuccessStatuses.DefaultIfEmpty(operation.Method.Result is null ? 204 : 200))
        {
            // A raw response body cannot travel with 204 No Content: the method's bytes go out with 200.
            var status = operation.Http.SkipResponseBodyEncodeDecode && designed == 204 ? 200 : designed;
            var response = new OpenApiResponse { Description = Reason(status) };
            if (operation.Http.SkipResponseBodyEncodeDecode)
            {
                response.Description += ". The raw response body the method writes.";
                var mediaType = operation.Http.ContentType ?? operation.Method.Meta.FirstOrDefault(m => m.Key == "http:content-type")?.Values.FirstOrDefault() ?? OctetStream;
                response.Content = new Dictionary<string, IOpenApiMediaType>(StringComparer.Ordinal) { [mediaType] = new OpenApiMediaType() };
            }
            else if (operation.Method.Result is { } resultAttribute && status is not (204 or 304))
            {
                response.Content = new Dictionary<string, IOpenApiMediaType>(StringComparer.Ordinal)
                {
                    [Json] = Media(ResultBody(operation, resultAttribute)),
                };
                MappedFields(operation, designed, response);
            }

            result.Responses![Status(status)] = response;
        }
    }

    private void WebSocket(HttpOperation operation, OpenApiOperation result)
    {
        var method = operation.Method;
        var extension = new JsonObject();
        var directions = new List<string>();
        if (method.StreamingPayload is { } input)
        {
            var schema = Named(_schemas.Message(input, operation.SchemaPrefix + "StreamingPayload"), operation.SchemaPrefix + "StreamingPayload");
            extension["request"] = new JsonObject { ["$ref"] = "#/components/schemas/" + schema };
            directions.Add($"the client sends {schema} messages");
        }

        var output = method.StreamingResult ?? (method.StreamKind == StreamKind.Client ? method.Result : null);
        if (output is not null)
        {
            var suffix = method.StreamingResult is null ? "Result" : "StreamingResult";
            var schema = Named(_schemas.Message(output, operation.SchemaPrefix + suffix, operation.StreamViews(_design)), operation.SchemaPrefix + suffix);
            extension["response"] = new JsonObject { ["$ref"] = "#/components/schemas/" + schema };
            directions.Add(method.StreamingResult is null ? $"the server replies once with {schema}" : $"the server sends {schema} messages");
        }

        extension["error"] = new JsonObject { ["$ref"] = "#/components/schemas/" + _schemas.ErrorFrame().Ref };
        if (method.Resumable is not null)
        {
            extension["position"] = new JsonObject { ["$ref"] = "#/components/schemas/" + _schemas.PositionFrame().Ref };
        }

        result.Extensions = new Dictionary<string, IOpenApiExtension>(StringComparer.Ordinal) { [WebSocketExtension] = new JsonNodeExtension(extension) };
        result.Responses!["101"] = new OpenApiResponse
        {
            Description = "Switching Protocols: the connection is now a WebSocket; " + string.Join(", and ", directions.DefaultIfEmpty("no message flows")) + ", each message one JSON text frame.",
        };
    }

    // Result attributes mapped to headers or cookies travel there only: the body's schema leaves them out.
    private DocSchema ResultBody(HttpOperation operation, AttributeDesign resultAttribute)
    {
        var omitted = operation.Http.Responses.Where(r => r.ErrorName is null).SelectMany(r => r.Headers.Concat(r.Cookies)).Select(m => m.Attribute).ToHashSet(StringComparer.Ordinal);
        if (omitted.Count == 0 || _design.Resolve(resultAttribute.Type) is not ObjectType result)
        {
            return _schemas.Message(resultAttribute, operation.SchemaPrefix + "Result");
        }

        var body = new ObjectType(
            new EquatableArray<AttributeDesign>(result.Attributes.Where(a => !omitted.Contains(a.Name)).ToArray()),
            new EquatableArray<string>(result.Required.Where(r => !omitted.Contains(r)).ToArray()));
        return _schemas.Object(body, operation.SchemaPrefix + "ResponseBody", $"The body of {operation.Id}'s result: the attributes not carried in response headers or cookies.");
    }

    // Response headers (and Set-Cookie for cookies) of the success response with this status, and its tag.
    private void MappedFields(HttpOperation operation, int status, OpenApiResponse response)
    {
        if (operation.Http.Responses.FirstOrDefault(r => r.ErrorName is null && r.StatusCode == status) is not { } designed
            || _design.Resolve(operation.Method.Result!.Type) is not ObjectType result)
        {
            return;
        }

        if (designed.Tag is { } tag)
        {
            response.Description += $". Sent when the result's {tag.Attribute} is \"{tag.Value}\"";
        }

        var headers = new Dictionary<string, IOpenApiHeader>(StringComparer.OrdinalIgnoreCase);
        foreach (var header in designed.Headers)
        {
            if (result.Find(header.Attribute) is { } attribute)
            {
                headers[header.WireName] = new OpenApiHeader
                {
                    Description = attribute.Description ?? $"The result's {attribute.Name}.",
                    Required = result.IsRequired(attribute.Name),
                    Schema = OpenApiSchemas.Convert(_schemas.Attribute(attribute, operation.SchemaPrefix + CSharp.Pascal(attribute.Name)), _document),
                };
            }
        }

        if (designed.Cookies.Count > 0)
        {
            var c = designed.Cookie;
            var settings = new[]
            {
                c.MaxAge is { } maxAge ? $"Max-Age={maxAge}" : null, c.Secure ? "Secure" : null, c.HttpOnly ? "HttpOnly" : null,
                c.Domain is { } domain ? $"Domain={domain}" : null, c.Path is { } path ? $"Path={path}" : null, c.SameSite is { } sameSite ? $"SameSite={sameSite}" : null,
            }.OfType<string>();
            headers["Set-Cookie"] = new OpenApiHeader
            {
                Description = $"Sets the cookies {string.Join(", ", designed.Cookies.Select(m => $"{m.WireName} (the result's {m.Attribute})"))}"
                    + (settings.Any() ? $"; {string.Join("; ", settings)}" : string.Empty) + ". Values are URL-encoded.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String },
            };
        }

        if (headers.Count > 0)
        {
            response.Headers = headers;
        }
    }

    private void ServerSentEvents(HttpOperation operation, OpenApiOperation result)
    {
        var sse = operation.Sse!;
        var streamed = operation.Method.StreamingResult!;
        var data = sse.DataAttribute is { } name && _design.Resolve(streamed.Type) is ObjectType obj && obj.Find(name) is { } attribute
            ? _schemas.Attribute(attribute, operation.SchemaPrefix + "EventData")
            : _schemas.Message(streamed, operation.SchemaPrefix + "StreamingResult", operation.StreamViews(_design));
        var fields = new JsonObject();
        var words = new List<string>();
        foreach (var (field, source) in new[] { ("data", sse.DataAttribute), ("id", sse.IdAttribute), ("event", sse.EventAttribute), ("retry", sse.RetryAttribute) })
        {
            if (source is not null)
            {
                fields[field] = source;
                words.Add($"{field} from \"{source}\"");
            }
        }

        var status = operation.SuccessStatuses.DefaultIfEmpty(200).First();
        var description = $"{Reason(status)}. A stream of Server-Sent Events; each event's data is one streamed result"
            + (words.Count > 0 ? $" ({string.Join(", ", words)})" : string.Empty) + ". The stream ends when the method returns.";
        // OpenAPI 3.2 describes each event (itemSchema); 3.1 can only give the schema of one event's data.
        var content = new Dictionary<string, IOpenApiMediaType>(StringComparer.Ordinal)
        {
            [EventStream] = _version == OpenApiVersion.OpenApi3_1 ? Media(data) : new OpenApiMediaType { ItemSchema = EventSchema(operation, data) },
        };
        if (sse.AnswersJson || sse.AnswersNdjson)
        {
            // The other answers carry whole results, whatever the events' data is.
            var whole = _schemas.Message(streamed, operation.SchemaPrefix + "StreamingResult", operation.StreamViews(_design));
            if (sse.AnswersJson)
            {
                content[Json] = Media(new DocSchema { Type = "array", Items = whole });
                description += " With Accept: application/json, every result in one JSON array once the stream has ended.";
            }

            if (sse.AnswersNdjson)
            {
                content[Ndjson] = _version == OpenApiVersion.OpenApi3_1 ? Media(whole) : new OpenApiMediaType { ItemSchema = OpenApiSchemas.Convert(whole, _document) };
                description += " With Accept: application/x-ndjson, one line of JSON per result as they come.";
            }
        }

        result.Responses![Status(status)] = new OpenApiResponse
        {
            Description = description,
            Content = content,
        };
        if (fields.Count > 0)
        {
            result.Extensions = new Dictionary<string, IOpenApiExtension>(StringComparer.Ordinal) { [SseExtension] = new JsonNodeExtension(fields) };
        }
    }

    /// <summary>
    /// One Server-Sent Event as OpenAPI 3.2 describes it: <c>data</c> (JSON text holding the data schema, or the text
    /// attribute itself), and the <c>event</c>, <c>id</c> and <c>retry</c> fields the design maps.
    /// </summary>
    private OpenApiSchema EventSchema(HttpOperation operation, DocSchema data)
    {
        var sse = operation.Sse!;
        var dataSchema = OpenApiSchemas.Convert(data, _document);
        var properties = new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal)
        {
            ["data"] = sse.DataAttribute is not null && data.Type == "string"
                ? dataSchema
                : new OpenApiSchema { Type = JsonSchemaType.String, ContentMediaType = Json, ContentSchema = dataSchema },
        };
        // Every stream may end with an error event, whose data is the error body.
        var union = _design.Resolve(operation.Method.StreamingResult!.Type) is UnionType;
        var failure = $"\"{SseErrorEvent}\" for a failure after the first event, whose data is the error body ({SchemaMapper.ErrorComponent}).";
        properties["event"] = new OpenApiSchema
        {
            Type = JsonSchemaType.String,
            Description = union ? "The result's branch, or " + failure
                : sse.EventAttribute is { } eventType ? $"The result's \"{eventType}\" (absent when empty), or " + failure
                : "Absent for results; " + failure,
        };

        if (sse.IdAttribute is { } id)
        {
            properties["id"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = $"The result's \"{id}\"." };
        }

        if (sse.RetryAttribute is { } retry)
        {
            properties["retry"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Minimum = "0", Description = $"The result's \"{retry}\", in milliseconds." };
        }

        return new OpenApiSchema { Type = JsonSchemaType.Object, Required = new HashSet<string>(StringComparer.Ordinal) { "data" }, Properties = properties };
    }

    /// <summary>The component name of a message schema, registering an inline schema under <paramref name="name"/>.</summary>
    private string Named(DocSchema schema, string name) => _schemas.Named(schema, name);

    private OpenApiMediaType Media(DocSchema? schema) => new() { Schema = schema is null ? null : OpenApiSchemas.Convert(schema, _document) };

    private static string Status(int status) => status.ToString(CultureInfo.InvariantCulture);

    /// <summary>The reason phrase of a status code (<c>404</c> → <c>Not Found</c>).</summary>
    public static string Reason(int status)
    {
        var name = Enum.IsDefined(typeof(HttpStatusCode), status) ? ((HttpStatusCode)status).ToString() : $"Status {status}";
        var phrase = new StringBuilder();
        foreach (var c in name)
        {
            if (char.IsUpper(c) && phrase.Length > 0 && char.IsLower(phrase[^1]))
            {
                phrase.Append(' ');
            }

            phrase.Append(c);
        }

        return phrase.ToString();
    }
}
