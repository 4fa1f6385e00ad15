// Licensed under the MIT license. See LICENSE in the project root.

using System.Text.RegularExpressions;
using Serow.Design;
using Serow.Dsl.Expressions;

namespace Serow.Dsl;

/// <summary>
/// The base class of a Serow design. Derive from it and declare the design with DSL calls in the
/// constructor; <see cref="DesignRunner"/> evaluates it into an immutable <see cref="DesignRoot"/>.
/// </summary>
public abstract partial class Design
{
    /// <summary>Creates the design; the derived constructor declares the API, services and types.</summary>
    protected Design()
    {
    }

    internal DesignRecorder Recorder { get; } = new();

    /// <summary>Declares the API: its name, and in <paramref name="block"/> its title, version, errors and HTTP settings.</summary>
    /// <param name="name">The API's name.</param>
    /// <param name="block">Runs with the API as the current element.</param>
    protected void API(string name, Action block)
    {
        var location = SourceLocator.Capture();
        if (!AtTopLevel("API", location))
        {
            return;
        }

        Recorder.Apis.Add(new ApiExpr { Name = name, Location = location, Block = block });
    }

    /// <summary>Sets the API's title. Use inside <c>API</c>.</summary>
    /// <param name="title">A short title.</param>
    protected void Title(string title)
    {
        if (Current<ApiExpr>("Title", "an API block", SourceLocator.Capture()) is { } api)
        {
            api.Title = title;
        }
    }

    /// <summary>Sets the API's version. Use inside <c>API</c>.</summary>
    /// <param name="version">The version string.</param>
    protected void Version(string version)
    {
        if (Current<ApiExpr>("Version", "an API block", SourceLocator.Capture()) is { } api)
        {
            api.Version = version;
        }
    }

    /// <summary>Describes the current API, service, method, type, attribute or error.</summary>
    /// <param name="description">The description.</param>
    protected void Description(string description)
    {
        var location = SourceLocator.Capture();
        switch (Recorder.Top)
        {
            case ApiExpr api: api.Description = description; break;
            case ServiceExpr service: service.Description = description; break;
            case MethodExpr method: method.Description = description; break;
            case UserTypeExpr type: type.Description = description; break;
            case AttributeExpr attribute: attribute.Description = description; break;
            case ErrorExpr error: error.Description = description; break;
            case SecuritySchemeExpr scheme: scheme.Description = description; break;
            case InterceptorExpr interceptor: interceptor.Description = description; break;
            case ServerExpr server: server.Description = description; break;
            case HostExpr host: host.Description = description; break;
            case FilesExpr files: files.Description = description; break;
            default: WrongPlace("Description", "an API, Service, Method, Type, attribute, Error, security scheme, Interceptor, Server or Host block", location); break;
        }
    }

    /// <summary>Declares a service; its block (methods, errors, transports) runs when the design is evaluated.</summary>
    /// <param name="name">The service's name.</param>
    /// <param name="block">Runs with the service as the current element.</param>
    protected void Service(string name, Action block)
    {
        var location = SourceLocator.Capture();
        if (!AtTopLevel("Service", location))
        {
            return;
        }

        CheckIdentifier("service", name, location);
        Recorder.Services.Add(new ServiceExpr { Name = name, Location = location, Block = block });
    }

    /// <summary>Declares a method of the current service.</summary>
    /// <param name="name">The method's name.</param>
    /// <param name="block">Declares payload, results, errors and transport mappings.</param>
    protected void Method(string name, Action block)
    {
        var location = SourceLocator.Capture();
        if (Current<ServiceExpr>("Method", "a Service block", location) is not { } service)
        {
            return;
        }

        CheckIdentifier("method", name, location);
        var method = new MethodExpr { Service = service, Name = name, Location = location };
        service.Methods.Add(method);
        Recorder.Run(method, block, location);
    }

    /// <summary>Adds a generator hint to the current API, service, method, type or attribute.</summary>
    /// <param name="key">The key, for example <c>struct:tag:json</c>.</param>
    /// <param name="values">The values.</param>
    protected void Meta(string key, params string[] values)
    {
        var location = SourceLocator.Capture();
        var entry = new MetaEntry(key, values.ToEquatableArray());
        switch (Recorder.Top)
        {
            case ApiExpr api: api.Meta.Add(entry); break;
            case ServiceExpr service: service.Meta.Add(entry); break;
            case MethodExpr method: method.Meta.Add(entry); break;
            case UserTypeExpr type: type.Meta.Add(entry); break;
            case AttributeExpr attribute: attribute.Meta.Add(entry); break;
            default: WrongPlace("Meta", "an API, Service, Method, Type or attribute block", location); break;
        }
    }

    private bool AtTopLevel(string verb, SourceLocation location)
    {
        if (Recorder.Top is null)
        {
            return true;
        }

        Recorder.Report(
            DiagnosticIds.WrongPlace,
            $"{Recorder.Where}: {verb} must be declared at the top level of the design (in the Design constructor), not inside another block",
            location);
        return false;
    }

    private T? Current<T>(string verb, string where, SourceLocation location)
        where T : class
    {
        if (Recorder.Top is T current)
        {
            return current;
        }

        WrongPlace(verb, where, location);
        return null;
    }

    private void WrongPlace(string verb, string where, SourceLocation location) =>
        Recorder.Report(
            DiagnosticIds.WrongPlace,
            $"{Recorder.Where}: {verb} cannot be used here; use it inside {where}",
            location);

    private void CheckIdentifier(string kind, string name, SourceLocation location)
    {
        if (!IdentifierPattern().IsMatch(name ?? string.Empty))
        {
            Recorder.Report(
                DiagnosticIds.InvalidIdentifier,
                $"{Recorder.Where}: {kind} name \"{name}\" is not a valid identifier: use letters, digits and '_', not starting with a digit",
                location);
        }
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex IdentifierPattern();
}
