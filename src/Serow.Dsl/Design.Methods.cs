// Licensed under the MIT license. See LICENSE in the project root.

using Serow.Design;
using Serow.Dsl.Expressions;

namespace Serow.Dsl;

/// <content>Payloads, results and errors.</content>
public abstract partial class Design
{
    /// <summary>Declares the method's payload as an inline object.</summary>
    /// <param name="block">Declares the payload's attributes.</param>
    protected void Payload(Action block) => DeclareMessage(AttributeRole.Payload, null, null, block);

    /// <summary>Declares the method's payload type.</summary>
    /// <param name="type">The payload type.</param>
    protected void Payload(DslType type) => DeclareMessage(AttributeRole.Payload, type, null, null);

    /// <summary>Declares the method's payload type with a description.</summary>
    /// <param name="type">The payload type.</param>
    /// <param name="description">The description.</param>
    protected void Payload(DslType type, string description) => DeclareMessage(AttributeRole.Payload, type, description, null);

    /// <summary>Declares the method's payload type; the block may add <c>Required</c> and validations.</summary>
    /// <param name="type">The payload type.</param>
    /// <param name="block">Runs with the payload as the current attribute.</param>
    protected void Payload(DslType type, Action block) => DeclareMessage(AttributeRole.Payload, type, null, block);

    /// <summary>Declares the method's payload type with a description and a block.</summary>
    /// <param name="type">The payload type.</param>
    /// <param name="description">The description.</param>
    /// <param name="block">Runs with the payload as the current attribute.</param>
    protected void Payload(DslType type, string description, Action block) => DeclareMessage(AttributeRole.Payload, type, description, block);

    /// <summary>Declares the method's result as an inline object.</summary>
    /// <param name="block">Declares the result's attributes; <c>View</c> pins a view.</param>
    protected void Result(Action block) => DeclareMessage(AttributeRole.Result, null, null, block);

    /// <summary>Declares the method's result type.</summary>
    /// <param name="type">The result type.</param>
    protected void Result(DslType type) => DeclareMessage(AttributeRole.Result, type, null, null);

    /// <summary>Declares the method's result type with a description.</summary>
    /// <param name="type">The result type.</param>
    /// <param name="description">The description.</param>
    protected void Result(DslType type, string description) => DeclareMessage(AttributeRole.Result, type, description, null);

    /// <summary>Declares the method's result type; the block may pin a view with <c>View</c>.</summary>
    /// <param name="type">The result type.</param>
    /// <param name="block">Runs with the result as the current attribute.</param>
    protected void Result(DslType type, Action block) => DeclareMessage(AttributeRole.Result, type, null, block);

    /// <summary>Declares the method's result type with a description and a block.</summary>
    /// <param name="type">The result type.</param>
    /// <param name="description">The description.</param>
    /// <param name="block">Runs with the result as the current attribute.</param>
    protected void Result(DslType type, string description, Action block) => DeclareMessage(AttributeRole.Result, type, description, block);

    /// <summary>Declares the type of every message the client streams, as an inline object.</summary>
    /// <param name="block">Declares the message's attributes.</param>
    protected void StreamingPayload(Action block) => DeclareMessage(AttributeRole.StreamingPayload, null, null, block);

    /// <summary>Declares the type of every message the client streams.</summary>
    /// <param name="type">The message type.</param>
    protected void StreamingPayload(DslType type) => DeclareMessage(AttributeRole.StreamingPayload, type, null, null);

    /// <summary>Declares the type of every message the client streams, with a description.</summary>
    /// <param name="type">The message type.</param>
    /// <param name="description">The description.</param>
    protected void StreamingPayload(DslType type, string description) => DeclareMessage(AttributeRole.StreamingPayload, type, description, null);

    /// <summary>Declares the type of every message the client streams, with a block.</summary>
    /// <param name="type">The message type.</param>
    /// <param name="block">Runs with the streaming payload as the current attribute.</param>
    protected void StreamingPayload(DslType type, Action block) => DeclareMessage(AttributeRole.StreamingPayload, type, null, block);

    /// <summary>Declares the type of every message the client streams, with a description and a block.</summary>
    /// <param name="type">The message type.</param>
    /// <param name="description">The description.</param>
    /// <param name="block">Runs with the streaming payload as the current attribute.</param>
    protected void StreamingPayload(DslType type, string description, Action block) => DeclareMessage(AttributeRole.StreamingPayload, type, description, block);

    /// <summary>Declares the type of every message the server streams, as an inline object.</summary>
    /// <param name="block">Declares the message's attributes.</param>
    protected void StreamingResult(Action block) => DeclareMessage(AttributeRole.StreamingResult, null, null, block);

    /// <summary>Declares the type of every message the server streams.</summary>
    /// <param name="type">The message type.</param>
    protected void StreamingResult(DslType type) => DeclareMessage(AttributeRole.StreamingResult, type, null, null);

    /// <summary>Declares the type of every message the server streams, with a description.</summary>
    /// <param name="type">The message type.</param>
    /// <param name="description">The description.</param>
    protected void StreamingResult(DslType type, string description) => DeclareMessage(AttributeRole.StreamingResult, type, description, null);

    /// <summary>Declares the type of every message the server streams; the block may pin a view.</summary>
    /// <param name="type">The message type.</param>
    /// <param name="block">Runs with the streaming result as the current attribute.</param>
    protected void StreamingResult(DslType type, Action block) => DeclareMessage(AttributeRole.StreamingResult, type, null, block);

    /// <summary>Declares the type of every message the server streams, with a description and a block.</summary>
    /// <param name="type">The message type.</param>
    /// <param name="description">The description.</param>
    /// <param name="block">Runs with the streaming result as the current attribute.</param>
    protected void StreamingResult(DslType type, string description, Action block) => DeclareMessage(AttributeRole.StreamingResult, type, description, block);

    /// <summary>Declares an error with the standard error shape.</summary>
    /// <param name="name">The error's name.</param>
    protected void Error(string name) => DeclareError(name, null, null, null);

    /// <summary>Declares an error with a description.</summary>
    /// <param name="name">The error's name.</param>
    /// <param name="description">The description.</param>
    protected void Error(string name, string description) => DeclareError(name, null, description, null);

    /// <summary>Declares an error; the block may call <c>Temporary</c>, <c>Timeout</c>, <c>Fault</c> or <c>Description</c>.</summary>
    /// <param name="name">The error's name.</param>
    /// <param name="block">Runs with the error as the current element.</param>
    protected void Error(string name, Action block) => DeclareError(name, null, null, block);

    /// <summary>Declares an error with a description and a block.</summary>
    /// <param name="name">The error's name.</param>
    /// <param name="description">The description.</param>
    /// <param name="block">Runs with the error as the current element.</param>
    protected void Error(string name, string description, Action block) => DeclareError(name, null, description, block);

    /// <summary>Declares an error with a custom type.</summary>
    /// <param name="name">The error's name.</param>
    /// <param name="type">The error's type.</param>
    protected void Error(string name, DslType type) => DeclareError(name, type, null, null);

    /// <summary>Declares an error with a custom type and a description.</summary>
    /// <param name="name">The error's name.</param>
    /// <param name="type">The error's type.</param>
    /// <param name="description">The description.</param>
    protected void Error(string name, DslType type, string description) => DeclareError(name, type, description, null);

    /// <summary>Declares an error with a custom type and a block.</summary>
    /// <param name="name">The error's name.</param>
    /// <param name="type">The error's type.</param>
    /// <param name="block">Runs with the error as the current element.</param>
    protected void Error(string name, DslType type, Action block) => DeclareError(name, type, null, block);

    /// <summary>Declares an error with a custom type, a description and a block.</summary>
    /// <param name="name">The error's name.</param>
    /// <param name="type">The error's type.</param>
    /// <param name="description">The description.</param>
    /// <param name="block">Runs with the error as the current element.</param>
    protected void Error(string name, DslType type, string description, Action block) => DeclareError(name, type, description, block);

    /// <summary>Marks the current error as temporary: retrying may succeed.</summary>
    protected void Temporary()
    {
        if (Current<ErrorExpr>("Temporary", "an Error block", SourceLocator.Capture()) is { } error)
        {
            error.Temporary = true;
        }
    }

    /// <summary>Marks the current error as a timeout.</summary>
    protected void Timeout()
    {
        if (Current<ErrorExpr>("Timeout", "an Error block", SourceLocator.Capture()) is { } error)
        {
            error.Timeout = true;
        }
    }

    /// <summary>Marks the current error as a server fault.</summary>
    protected void Fault()
    {
        if (Current<ErrorExpr>("Fault", "an Error block", SourceLocator.Capture()) is { } error)
        {
            error.Fault = true;
        }
    }

    private void DeclareMessage(AttributeRole role, DslType? type, string? description, Action? block)
    {
        var location = SourceLocator.Capture();
        var verb = role.ToString();
        if (Current<MethodExpr>(verb, "a Method block", location) is not { } method)
        {
            return;
        }

        if (type is null && block is null)
        {
            Recorder.Report(DiagnosticIds.InvalidArgument, $"{method.Label}: {verb} needs a type or a block", location);
            return;
        }

        var existing = role switch
        {
            AttributeRole.Payload => method.Payload,
            AttributeRole.Result => method.Result,
            AttributeRole.StreamingPayload => method.StreamingPayload,
            _ => method.StreamingResult,
        };
        if (existing is not null)
        {
            Recorder.Report(
                DiagnosticIds.DeclaredTwice,
                $"{method.Label}: {verb} is declared twice (first at {existing.Location}); keep a single {verb}",
                location);
            return;
        }

        if ((role == AttributeRole.Result && method.StreamingResult is not null)
            || (role == AttributeRole.StreamingResult && method.Result is not null))
        {
            Recorder.Report(
                DiagnosticIds.ResultConflict,
                $"{method.Label}: Result and StreamingResult cannot both be declared; keep Result for a single reply or StreamingResult for a stream of replies",
                location);
            return;
        }

        var attribute = new AttributeExpr
        {
            Name = WireName(role),
            Type = type?.Expr ?? new ObjectTypeExpr(),
            Description = description,
            Location = location,
            Label = $"{method.Label} {Words(role)}",
            Role = role,
        };
        switch (role)
        {
            case AttributeRole.Payload: method.Payload = attribute; break;
            case AttributeRole.Result: method.Result = attribute; break;
            case AttributeRole.StreamingPayload: method.StreamingPayload = attribute; break;
            default: method.StreamingResult = attribute; break;
        }

        if (block is not null)
        {
            Recorder.Run(attribute, block, location);
        }
    }

    private void DeclareError(string name, DslType? type, string? description, Action? block)
    {
        var location = SourceLocator.Capture();
        List<ErrorExpr>? errors = Recorder.Top switch
        {
            ApiExpr api => api.Errors,
            ServiceExpr service => service.Errors,
            MethodExpr method => method.Errors,
            _ => null,
        };
        if (errors is null)
        {
            WrongPlace("Error", "an API, Service or Method block", location);
            return;
        }

        CheckIdentifier("error", name, location);
        var error = new ErrorExpr
        {
            Name = name,
            Type = type?.Expr,
            Description = description,
            Location = location,
            Label = $"{Recorder.Where} error \"{name}\"",
        };
        errors.Add(error);
        if (block is not null)
        {
            Recorder.Run(error, block, location);
        }
    }

    internal static string WireName(AttributeRole role) => role switch
    {
        AttributeRole.Payload => "payload",
        AttributeRole.Result => "result",
        AttributeRole.StreamingPayload => "streaming_payload",
        _ => "streaming_result",
    };

    internal static string Words(AttributeRole role) => role switch
    {
        AttributeRole.Payload => "payload",
        AttributeRole.Result => "result",
        AttributeRole.StreamingPayload => "streaming payload",
        _ => "streaming result",
    };
}
