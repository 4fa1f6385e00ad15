// Licensed under the MIT license. See LICENSE in the project root.

namespace Serow.Design;

/// <summary>A server declared with <c>Server</c>: a program that hosts some of the API's services, and where it runs.</summary>
public sealed record ServerDesign
{
    /// <summary>The server's name.</summary>
    public required string Name { get; init; }

    /// <summary>The design's description, if any.</summary>
    public string? Description { get; init; }

    /// <summary>The services it hosts, by name; empty when it hosts every service.</summary>
    public EquatableArray<string> Services { get; init; }

    /// <summary>Where it runs, in declaration order; the first is the default.</summary>
    public EquatableArray<HostDesign> Hosts { get; init; }

    /// <summary>Where the server was declared.</summary>
    public required SourceLocation Location { get; init; }

    /// <summary>Whether the server hosts the named service.</summary>
    public bool Serves(string service) => Services.Count == 0 || Services.Contains(service);
}

/// <summary>A host of a server (<c>Host</c>): its addresses, with variables such as <c>{region}</c>.</summary>
public sealed record HostDesign
{
    /// <summary>The host's name, for example <c>development</c>.</summary>
    public required string Name { get; init; }

    /// <summary>The design's description, if any.</summary>
    public string? Description { get; init; }

    /// <summary>
    /// The addresses in declaration order: <c>http</c>/<c>https</c> for HTTP, <c>grpc</c>/<c>grpcs</c> for gRPC; a
    /// <c>{name}</c> segment is a variable.
    /// </summary>
    public EquatableArray<string> Uris { get; init; }

    /// <summary>The variables of the addresses, each with a default and optionally an <c>Enum</c>.</summary>
    public EquatableArray<AttributeDesign> Variables { get; init; }

    /// <summary>Where the host was declared.</summary>
    public required SourceLocation Location { get; init; }
}
