// Licensed under the MIT license. See LICENSE in the project root.

using System.Text.RegularExpressions;
using Serow.Design;

namespace Serow.Codegen.Model;

/// <summary>The addresses a design's <c>Server</c> hosts declare, and which one is the default for a service.</summary>
internal static partial class ServerAddresses
{
    /// <summary>An address of a host: its kind and its URI as designed (<c>{name}</c> variables kept).</summary>
    public sealed record Address(ServerDesign Server, HostDesign Host, string Uri, bool IsGrpc);

    /// <summary>Every address of every host, in declaration order.</summary>
    public static IEnumerable<Address> All(DesignRoot design) =>
        from server in design.Api.Servers
        from host in server.Hosts
        from uri in host.Uris
        select new Address(server, host, uri, IsGrpcUri(uri));

    /// <summary>The first HTTP (or gRPC) address of the first host of the first server that hosts the service.</summary>
    public static Address? Default(DesignRoot design, string? service, bool grpc) =>
        All(design).FirstOrDefault(a => a.IsGrpc == grpc && (service is null || a.Server.Serves(service)));

    /// <summary>The URI with every variable at its default, and <c>grpc</c>/<c>grpcs</c> as <c>http</c>/<c>https</c> (what a channel dials).</summary>
    public static string Resolve(Address address)
    {
        var text = Variable().Replace(address.Uri, match =>
            address.Host.Variables.FirstOrDefault(v => v.Name == match.Groups[1].Value)?.DefaultJson is { } json
                ? Text(json)
                : match.Value);
        return Dialable(text);
    }

    /// <summary>A variable's value (a default or an enum entry, kept as a JSON literal) as the text an address holds.</summary>
    public static string Text(string json) => System.Text.Json.JsonDocument.Parse(json).RootElement.ToString();

    /// <summary><c>grpc://</c> and <c>grpcs://</c> become the <c>http://</c> and <c>https://</c> a gRPC channel dials.</summary>
    public static string Dialable(string uri) =>
        uri.StartsWith("grpcs://", StringComparison.OrdinalIgnoreCase) ? "https://" + uri["grpcs://".Length..]
        : uri.StartsWith("grpc://", StringComparison.OrdinalIgnoreCase) ? "http://" + uri["grpc://".Length..]
        : uri;

    /// <summary>The variables a URI uses, in order of first use.</summary>
    public static IReadOnlyList<string> VariablesOf(string uri) =>
        Variable().Matches(uri).Select(m => m.Groups[1].Value).Distinct(StringComparer.Ordinal).ToList();

    public static bool IsGrpcUri(string uri) => uri.StartsWith("grpc", StringComparison.OrdinalIgnoreCase);

    [GeneratedRegex(@"\{([A-Za-z_][A-Za-z0-9_]*)\}")]
    public static partial Regex Variable();
}
