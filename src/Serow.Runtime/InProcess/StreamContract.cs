// Licensed under the MIT license. See LICENSE in the project root.

using Serow.Validation;

namespace Serow.InProcess;

/// <summary>
/// What generated code tells the in-process transport about one streaming method: how to validate the messages each
/// side receives, how to project results to a view, and which views exist.
/// </summary>
/// <typeparam name="TIn">The type of the messages the client sends (<see cref="Streaming.NoMessage"/> when none).</typeparam>
/// <typeparam name="TOut">The type of the results the server sends (<see cref="Streaming.NoMessage"/> when none).</typeparam>
public sealed class StreamContract<TIn, TOut>
{
    /// <summary>A contract without validation, projection or views.</summary>
    public static StreamContract<TIn, TOut> Default { get; } = new();

    /// <summary>
    /// Validates each message the server receives; the report's path is empty at the top. Null when the messages have no rules.
    /// </summary>
    public Action<TIn, ValidationReport>? ValidateIncoming { get; init; }

    /// <summary>
    /// Validates each result the client receives against the rules of the view in effect (the second argument).
    /// Null when the results have no rules.
    /// </summary>
    public Action<TOut, string, ValidationReport>? ValidateOutgoing { get; init; }

    /// <summary>Projects each result the server sends to the view in effect (the second argument). Null when results have no views.</summary>
    public Func<TOut, string, TOut>? Project { get; init; }

    /// <summary>The names of the result type's views; empty when the result has no views.</summary>
    public IReadOnlyList<string> Views { get; init; } = [];

    /// <summary>The view in effect until the server chooses another one; <c>default</c> unless the design pins a view.</summary>
    public string DefaultView { get; init; } = "default";

    /// <summary>Whether the server may choose the view with <see cref="Streaming.IViewSettableStream.SetViewAsync"/>.</summary>
    public bool CanSetView { get; init; }

    /// <summary>The service's designed name, used in messages.</summary>
    public string Service { get; init; } = string.Empty;

    /// <summary>The method's designed name, used in messages.</summary>
    public string Method { get; init; } = string.Empty;

    /// <summary>"service.method" for messages, or "the method" when the names are unknown.</summary>
    internal string DisplayName => (Service.Length, Method.Length) switch
    {
        (0, 0) => "the method",
        (0, _) => Method,
        (_, 0) => Service,
        _ => Service + "." + Method,
    };
}
