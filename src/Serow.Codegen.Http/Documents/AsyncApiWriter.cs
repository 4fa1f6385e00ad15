// Licensed under the MIT license. See LICENSE in the project root.

using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Serow.Codegen.Http.Documents;

/// <summary>Writes an <see cref="AsyncApiDocument"/> as JSON with <see cref="Utf8JsonWriter"/>, members in a fixed order.</summary>
internal static class AsyncApiWriter
{
    private const string WebSocketBindingVersion = "0.1.0";
    private const string HttpBindingVersion = "0.3.0";

    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        NewLine = "\n",
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The document as indented JSON with LF line endings and a final newline.</summary>
    public static string ToJson(AsyncApiDocument document)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, Options))
        {
            Write(writer, document);
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static void Write(Utf8JsonWriter writer, AsyncApiDocument document)
    {
        writer.WriteStartObject();
        writer.WriteString("asyncapi", "3.0.0");
        writer.WriteStartObject("info");
        writer.WriteString("title", document.Info.Title);
        writer.WriteString("version", document.Info.Version);
        Optional(writer, "description", document.Info.Description);
        Optional(writer, "termsOfService", document.Info.TermsOfService);
        if (document.Info.Contact is { } contact)
        {
            writer.WriteStartObject("contact");
            writer.WriteString("name", contact.Name);
            Optional(writer, "url", contact.Url);
            Optional(writer, "email", contact.Email);
            writer.WriteEndObject();
        }

        if (document.Info.License is { } license)
        {
            writer.WriteStartObject("license");
            writer.WriteString("name", license.Name);
            Optional(writer, "url", license.Url);
            writer.WriteEndObject();
        }

        if (document.Info.Docs is { } docs)
        {
            writer.WriteStartObject("externalDocs");
            Optional(writer, "description", docs.Description);
            writer.WriteString("url", docs.Url);
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
        if (document.Servers.Count > 0)
        {
            writer.WriteStartObject("servers");
            foreach (var server in document.Servers)
            {
                writer.WriteStartObject(server.Key);
                writer.WriteString("host", server.Host);
                writer.WriteString("protocol", server.Protocol);
                Optional(writer, "pathname", server.Pathname);
                Optional(writer, "description", server.Description);
                var used = server.Variables.Where(v => (server.Host + server.Pathname).Contains("{" + v.Name + "}", StringComparison.Ordinal)).ToList();
                if (used.Count > 0)
                {
                    writer.WriteStartObject("variables");
                    foreach (var variable in used)
                    {
                        writer.WriteStartObject(variable.Name);
                        if (variable.Validation.EnumJson.Count > 0)
                        {
                            writer.WriteStartArray("enum");
                            foreach (var value in variable.Validation.EnumJson)
                            {
                                writer.WriteStringValue(Serow.Codegen.Model.ServerAddresses.Text(value));
                            }

                            writer.WriteEndArray();
                        }

                        Optional(writer, "default", variable.DefaultJson is { } json ? Serow.Codegen.Model.ServerAddresses.Text(json) : null);
                        Optional(writer, "description", variable.Description);
                        writer.WriteEndObject();
                    }

                    writer.WriteEndObject();
                }

                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        }

        writer.WriteString("defaultContentType", document.DefaultContentType);

        writer.WriteStartObject("channels");
        foreach (var channel in document.Channels)
        {
            Channel(writer, channel);
        }

        writer.WriteEndObject();

        writer.WriteStartObject("operations");
        foreach (var operation in document.Operations)
        {
            Operation(writer, operation);
        }

        writer.WriteEndObject();

        writer.WriteStartObject("components");
        writer.WriteStartObject("schemas");
        foreach (var schema in document.Schemas)
        {
            writer.WritePropertyName(schema.Name);
            Schema(writer, schema.Schema);
        }

        writer.WriteEndObject();
        writer.WriteStartObject("messages");
        foreach (var message in document.Messages)
        {
            Message(writer, message);
        }

        writer.WriteEndObject();
        if (document.SecuritySchemes.Count > 0)
        {
            writer.WriteStartObject("securitySchemes");
            foreach (var scheme in document.SecuritySchemes)
            {
                SecurityScheme(writer, scheme);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    /// <summary>A scheme as OpenAPI states it (docs/openapi.md): JWT as HTTP bearer, the API key in <c>X-API-Key</c>, HTTP basic, OAuth2 flows.</summary>
    private static void SecurityScheme(Utf8JsonWriter writer, Serow.Design.SecuritySchemeDesign scheme)
    {
        writer.WriteStartObject(scheme.Name);
        switch (scheme.Kind)
        {
            case Serow.Design.SecuritySchemeKind.Jwt:
                writer.WriteString("type", "http");
                writer.WriteString("scheme", "bearer");
                writer.WriteString("bearerFormat", "JWT");
                break;
            case Serow.Design.SecuritySchemeKind.ApiKey:
                writer.WriteString("type", "httpApiKey");
                writer.WriteString("name", OpenApiSecurity.ApiKeyHeader);
                writer.WriteString("in", "header");
                break;
            case Serow.Design.SecuritySchemeKind.BasicAuth:
                writer.WriteString("type", "http");
                writer.WriteString("scheme", "basic");
                break;
            default:
                writer.WriteString("type", "oauth2");
                writer.WriteStartObject("flows");
                foreach (var flow in scheme.Flows)
                {
                    writer.WriteStartObject(flow.Kind switch
                    {
                        Serow.Design.OAuth2FlowKind.AuthorizationCode => "authorizationCode",
                        Serow.Design.OAuth2FlowKind.Implicit => "implicit",
                        Serow.Design.OAuth2FlowKind.Password => "password",
                        _ => "clientCredentials",
                    });
                    Optional(writer, "authorizationUrl", flow.AuthorizationUrl);
                    Optional(writer, "tokenUrl", flow.TokenUrl);
                    Optional(writer, "refreshUrl", flow.RefreshUrl);
                    writer.WriteStartObject("availableScopes");
                    foreach (var scope in scheme.Scopes)
                    {
                        writer.WriteString(scope.Name, scope.Description ?? scope.Name);
                    }

                    writer.WriteEndObject();
                    writer.WriteEndObject();
                }

                writer.WriteEndObject();
                break;
        }

        Optional(writer, "description", scheme.Description);
        writer.WriteEndObject();
    }

    private static void Channel(Utf8JsonWriter writer, AsyncApiChannel channel)
    {
        writer.WriteStartObject(channel.Id);
        writer.WriteString("address", channel.Address);
        writer.WriteString("title", channel.Title);
        Optional(writer, "description", channel.Description);
        writer.WriteStartObject("messages");
        foreach (var (name, message) in channel.Messages)
        {
            writer.WriteStartObject(name);
            writer.WriteString("$ref", "#/components/messages/" + message);
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
        if (channel.Parameters.Count > 0)
        {
            writer.WriteStartObject("parameters");
            foreach (var parameter in channel.Parameters)
            {
                writer.WriteStartObject(parameter.Name);
                Optional(writer, "description", parameter.Description);
                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        }

        if (channel.WebSocket is { } ws)
        {
            writer.WriteStartObject("bindings");
            writer.WriteStartObject("ws");
            writer.WriteString("method", ws.Method);
            if (ws.Query is { } query)
            {
                writer.WritePropertyName("query");
                Schema(writer, query);
            }

            if (ws.Headers is { } headers)
            {
                writer.WritePropertyName("headers");
                Schema(writer, headers);
            }

            writer.WriteString("bindingVersion", WebSocketBindingVersion);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    private static void Operation(Utf8JsonWriter writer, AsyncApiOperation operation)
    {
        writer.WriteStartObject(operation.Id);
        writer.WriteString("action", operation.Action);
        writer.WriteStartObject("channel");
        writer.WriteString("$ref", "#/channels/" + Pointer(operation.ChannelId));
        writer.WriteEndObject();
        writer.WriteString("summary", operation.Summary);
        writer.WriteStartArray("messages");
        foreach (var message in operation.Messages)
        {
            writer.WriteStartObject();
            writer.WriteString("$ref", $"#/channels/{Pointer(operation.ChannelId)}/messages/{Pointer(message)}");
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        if (operation.Security.Count > 0)
        {
            writer.WriteStartArray("security");
            foreach (var scheme in operation.Security)
            {
                writer.WriteStartObject();
                writer.WriteString("$ref", "#/components/securitySchemes/" + Pointer(scheme));
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        if (operation.HttpMethod is { } method)
        {
            writer.WriteStartObject("bindings");
            writer.WriteStartObject("http");
            writer.WriteString("method", method);
            writer.WriteString("bindingVersion", HttpBindingVersion);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    private static void Message(Utf8JsonWriter writer, AsyncApiMessage message)
    {
        writer.WriteStartObject(message.Id);
        writer.WriteString("name", message.Name);
        writer.WriteString("title", message.Title);
        Optional(writer, "summary", message.Summary);
        writer.WriteString("contentType", message.ContentType);
        writer.WritePropertyName("payload");
        Schema(writer, message.Payload);
        writer.WriteEndObject();
    }

    /// <summary>
    /// A schema as OpenAPI's document writes it (Microsoft.OpenApi, JSON Schema keywords), so a type reads the same in
    /// both documents; only the discriminator takes AsyncAPI's form (the property's name, where OpenAPI has an object).
    /// </summary>
    private static void Schema(Utf8JsonWriter writer, DocSchema schema)
    {
        var node = JsonNode.Parse(OpenApiSchemas.ToJson(schema))!;
        ToAsyncApiDiscriminators(node, inPropertiesMap: false);
        node.WriteTo(writer);
    }

    private static void ToAsyncApiDiscriminators(JsonNode? node, bool inPropertiesMap)
    {
        switch (node)
        {
            case JsonObject schema:
                // The members of "properties" are property names, not keywords.
                if (!inPropertiesMap && schema["discriminator"] is JsonObject discriminator && discriminator["propertyName"] is JsonValue name)
                {
                    schema["discriminator"] = name.GetValue<string>();
                }

                foreach (var (key, value) in schema.ToList())
                {
                    ToAsyncApiDiscriminators(value, !inPropertiesMap && key == "properties");
                }

                break;
            case JsonArray items:
                foreach (var item in items)
                {
                    ToAsyncApiDiscriminators(item, inPropertiesMap: false);
                }

                break;
        }
    }

    private static void Optional(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }

    /// <summary>Escapes a JSON Pointer token (RFC 6901).</summary>
    private static string Pointer(string token) => token.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
}
