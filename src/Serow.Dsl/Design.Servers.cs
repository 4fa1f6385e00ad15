// Licensed under the MIT license. See LICENSE in the project root.

using Serow.Design;
using Serow.Dsl.Expressions;

namespace Serow.Dsl;

/// <content>Where the API runs: <c>Server</c>, <c>Services</c>, <c>Host</c>, <c>URI</c> and <c>Variable</c>.</content>
public abstract partial class Design
{
    /// <summary>
    /// Declares a server: a program hosting some of the API's services (all of them unless <c>Services</c> names them),
    /// and the hosts it runs on. Its addresses become the OpenAPI and AsyncAPI servers, the generated
    /// <c>&lt;Api&gt;Servers</c> class and the default addresses of the generated clients and command-line tool.
    /// Use inside <c>API</c>.
    /// </summary>
    /// <param name="name">The server's name.</param>
    /// <param name="block">Declares <c>Description</c>, <c>Services</c> and one or more <c>Host</c>.</param>
    protected void Server(string name, Action block)
    {
        var location = SourceLocator.Capture();
        if (Current<ApiExpr>("Server", "an API block", location) is not { } api)
        {
            return;
        }

        CheckIdentifier("server", name, location);
        var server = new ServerExpr { Name = name, Location = location };
        api.Servers.Add(server);
        Recorder.Run(server, block, location);
    }

    /// <summary>Names the services the current server hosts. Use inside <c>Server</c>.</summary>
    /// <param name="names">Service names.</param>
    protected void Services(params string[] names)
    {
        var location = SourceLocator.Capture();
        if (Current<ServerExpr>("Services", "a Server block", location) is { } server)
        {
            server.Services.AddRange(names.Select(n => new NameRef(n, location)));
        }
    }

    /// <summary>Declares a host of the current server: its addresses (<c>URI</c>) and their variables. Use inside <c>Server</c>.</summary>
    /// <param name="name">The host's name, for example <c>development</c>.</param>
    /// <param name="block">Declares <c>Description</c>, <c>URI</c> and <c>Variable</c>.</param>
    protected void Host(string name, Action block)
    {
        var location = SourceLocator.Capture();
        if (Current<ServerExpr>("Host", "a Server block", location) is not { } server)
        {
            return;
        }

        CheckIdentifier("host", name, location);
        var host = new HostExpr { Name = name, Location = location, Server = server };
        server.Hosts.Add(host);
        Recorder.Run(host, block, location);
    }

    /// <summary>
    /// Declares an address of the current host: <c>http://</c> or <c>https://</c> for HTTP, <c>grpc://</c> or
    /// <c>grpcs://</c> for gRPC; <c>{name}</c> stands for a <c>Variable</c>. Use inside <c>Host</c>.
    /// </summary>
    /// <param name="uri">The address, for example <c>https://{region}.example.com/v1</c>.</param>
    protected void URI(string uri)
    {
        var location = SourceLocator.Capture();
        if (Current<HostExpr>("URI", "a Host block", location) is { } host)
        {
            host.Uris.Add((uri ?? string.Empty, location));
        }
    }

    /// <summary>Declares a variable of the current host's addresses; its block gives the <c>Default</c> it needs and, optionally, <c>Enum</c>.</summary>
    /// <param name="name">The variable, as written in braces in the addresses.</param>
    /// <param name="type">A String or integer type.</param>
    /// <param name="description">The description.</param>
    /// <param name="block">Declares <c>Default</c>, <c>Enum</c> and other validations.</param>
    protected void Variable(string name, DslType type, string description, Action block) => DeclareVariable(name, type, description, block);

    /// <summary>Declares a variable of the current host's addresses.</summary>
    /// <param name="name">The variable.</param>
    /// <param name="type">A String or integer type.</param>
    /// <param name="block">Declares <c>Default</c>, <c>Enum</c> and other validations.</param>
    protected void Variable(string name, DslType type, Action block) => DeclareVariable(name, type, null, block);

    private void DeclareVariable(string name, DslType type, string? description, Action? block)
    {
        var location = SourceLocator.Capture();
        if (Current<HostExpr>("Variable", "a Host block", location) is not { } host)
        {
            return;
        }

        CheckIdentifier("variable", name, location);
        var variable = new AttributeExpr
        {
            Name = name,
            Type = type?.Expr,
            Description = description,
            Location = location,
            Label = $"{host.Label} variable \"{name}\"",
            Role = AttributeRole.Member,
        };
        host.Variables.Add(variable);
        if (block is not null)
        {
            Recorder.Run(variable, block, location);
        }
    }
}
