// Licensed under the MIT license. See LICENSE in the project root.

using System.Text.RegularExpressions;
using Serow.Design;
using Serow.Dsl.Expressions;

namespace Serow.Dsl;

/// <content>Server, Host, URI and Variable rules.</content>
internal sealed partial class DesignValidator
{
    private static readonly string[] AddressSchemes = ["http", "https", "grpc", "grpcs"];

    private void ValidateServers()
    {
        var api = model.Api;
        Duplicates(api.Servers, s => s.Name, s => s.Location, (s, first) => $"{s.Label} is declared twice (first at {first.Location}); rename one of the servers");
        foreach (var server in api.Servers)
        {
            foreach (var service in server.Services.Where(n => model.Services.All(s => s.Name != n.Name)))
            {
                Report(
                    DiagnosticIds.ServerAddress,
                    $"{server.Label}: Services names \"{service.Name}\", which the design does not declare (it declares {string.Join(", ", model.Services.Select(s => $"\"{s.Name}\""))})",
                    service.Location);
            }

            if (server.Hosts.Count == 0)
            {
                Report(DiagnosticIds.ServerAddress, $"{server.Label}: a server needs at least one Host(name, block) with its URI", server.Location);
            }

            Duplicates(server.Hosts, h => h.Name, h => h.Location, (h, first) => $"{h.Label} is declared twice (first at {first.Location}); rename one of the hosts");
            foreach (var host in server.Hosts)
            {
                ValidateHost(host);
            }
        }
    }

    private void ValidateHost(HostExpr host)
    {
        if (host.Uris.Count == 0)
        {
            Report(DiagnosticIds.ServerAddress, $"{host.Label}: a host needs at least one URI, for example URI(\"http://localhost:8080\")", host.Location);
        }

        Duplicates(host.Variables, v => v.Name, v => v.Location, (v, first) => $"{v.Label} is declared twice (first at {first.Location}); rename one of the variables");
        foreach (var variable in host.Variables)
        {
            ValidateAttribute(variable);
            if (Resolve(variable.Type) is { } type and not PrimitiveTypeExpr { Kind: PrimitiveKind.String } and not PrimitiveTypeExpr { IsInteger: true })
            {
                Report(DiagnosticIds.ServerAddress, $"{variable.Label}: a variable is a String or an integer, but the type is {Describe(type)}", variable.Location);
            }

            if (!variable.HasDefault)
            {
                Report(DiagnosticIds.ServerAddress, $"{variable.Label}: a variable needs a Default, the value used when none is chosen; declare it in the variable's block", variable.Location);
            }

            if (host.Uris.All(u => !u.Uri.Contains("{" + variable.Name + "}", StringComparison.Ordinal)))
            {
                Report(DiagnosticIds.ServerAddress, $"{variable.Label}: no URI of the host uses {{{variable.Name}}}; use it or remove the variable", variable.Location);
            }
        }

        foreach (var (uri, location) in host.Uris)
        {
            var resolved = uri;
            foreach (Match match in AddressVariable().Matches(uri))
            {
                var name = match.Groups[1].Value;
                if (host.Variables.FirstOrDefault(v => v.Name == name) is not { } variable)
                {
                    Report(DiagnosticIds.ServerAddress, $"{host.Label}: URI \"{uri}\" uses {{{name}}}, which is not a Variable of the host; declare it with Variable(\"{name}\", String, block)", location);
                    resolved = resolved.Replace(match.Value, "x", StringComparison.Ordinal);
                    continue;
                }

                resolved = resolved.Replace(match.Value, variable.Default?.ToString() ?? "x", StringComparison.Ordinal);
            }

            if (!Uri.TryCreate(resolved, UriKind.Absolute, out var parsed) || !AddressSchemes.Contains(parsed.Scheme) || parsed.Host.Length == 0)
            {
                Report(
                    DiagnosticIds.ServerAddress,
                    $"{host.Label}: URI \"{uri}\" is not an absolute address with scheme http, https (HTTP), grpc or grpcs (gRPC) and a host",
                    location);
            }
            else if (parsed.Scheme is "grpc" or "grpcs" && parsed.AbsolutePath != "/")
            {
                Report(DiagnosticIds.ServerAddress, $"{host.Label}: gRPC URI \"{uri}\" has a path; gRPC addresses are a host and a port", location);
            }
        }
    }

    [GeneratedRegex(@"\{([A-Za-z_][A-Za-z0-9_]*)\}")]
    private static partial Regex AddressVariable();
}
