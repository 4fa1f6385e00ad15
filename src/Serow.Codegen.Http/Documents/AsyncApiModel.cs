// Licensed under the MIT license. See LICENSE in the project root.

using Serow.Design;

namespace Serow.Codegen.Http.Documents;

// A small object model of the parts of AsyncAPI 3.0.0 Serow uses; AsyncApiWriter serialises it.

/// <summary>An AsyncAPI 3.0.0 document.</summary>
internal sealed record AsyncApiDocument(
    AsyncApiInfo Info,
    string DefaultContentType,
    IReadOnlyList<AsyncApiChannel> Channels,
    IReadOnlyList<AsyncApiOperation> Operations,
    IReadOnlyList<AsyncApiMessage> Messages,
    IReadOnlyList<SchemaComponent> Schemas)
{
    /// <summary>The design's security schemes, written into <c>components.securitySchemes</c>.</summary>
    public IReadOnlyList<Serow.Design.SecuritySchemeDesign> SecuritySchemes { get; init; } = [];

    /// <summary>The design's HTTP addresses as WebSocket servers.</summary>
    public IReadOnlyList<AsyncApiServer> Servers { get; init; } = [];
}

/// <summary>A server: a host's HTTP address as WebSocket (<c>ws</c>/<c>wss</c>), with its variables.</summary>
internal sealed record AsyncApiServer(string Key, string Host, string Protocol, string? Pathname, string? Description, EquatableArray<AttributeDesign> Variables);

/// <summary>The document's <c>info</c>.</summary>
internal sealed record AsyncApiInfo(string Title, string Version, string? Description)
{
    public ApiContactDesign? Contact { get; init; }

    public ApiLicenseDesign? License { get; init; }

    public string? TermsOfService { get; init; }

    public ApiDocsDesign? Docs { get; init; }
}

/// <summary>A channel: one streaming HTTP method.</summary>
/// <param name="Id">The channel's key, <c>service.method</c>.</param>
/// <param name="Address">The route, with <c>{name}</c> path parameters.</param>
/// <param name="Title">A title.</param>
/// <param name="Description">A description.</param>
/// <param name="Parameters">The path parameters of the address.</param>
/// <param name="Messages">The channel's messages: a local name and the message component it refers to.</param>
/// <param name="WebSocket">The <c>ws</c> binding, for WebSocket channels.</param>
internal sealed record AsyncApiChannel(
    string Id,
    string Address,
    string Title,
    string? Description,
    IReadOnlyList<AsyncApiParameter> Parameters,
    IReadOnlyList<KeyValuePair<string, string>> Messages,
    AsyncApiWebSocketBinding? WebSocket);

/// <summary>A parameter of a channel address.</summary>
internal sealed record AsyncApiParameter(string Name, string? Description);

/// <summary>The <c>ws</c> channel binding: the upgrade request's method, query and headers.</summary>
internal sealed record AsyncApiWebSocketBinding(string Method, DocSchema? Query, DocSchema? Headers);

/// <summary>An operation, from the server's point of view.</summary>
/// <param name="Id">The operation's key.</param>
/// <param name="Action"><c>send</c> (server to client) or <c>receive</c> (client to server).</param>
/// <param name="ChannelId">The channel.</param>
/// <param name="Summary">A summary.</param>
/// <param name="Messages">Local names of the channel's messages this operation carries.</param>
/// <param name="HttpMethod">The HTTP method of an <c>http</c> operation binding (Server-Sent Events), or null.</param>
/// <param name="Security">The security schemes any one of which admits the caller (AsyncAPI 3.0 has no "all of these"); empty when public.</param>
internal sealed record AsyncApiOperation(
    string Id,
    string Action,
    string ChannelId,
    string Summary,
    IReadOnlyList<string> Messages,
    string? HttpMethod,
    IReadOnlyList<string> Security);

/// <summary>A message component.</summary>
internal sealed record AsyncApiMessage(string Id, string Name, string Title, string? Summary, string ContentType, DocSchema Payload);
