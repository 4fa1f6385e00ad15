// Licensed under the MIT license. See LICENSE in the project root.

using Serow.Validation;

namespace Serow.Streaming;

/// <summary>
/// What a generated service contract tells every transport about one streaming method: its names, how to validate
/// the messages each side receives, how to project results to a view, and which views exist. Emitted once per method
/// in <c>&lt;Service&gt;Contracts.g.cs</c> and shared by the in-process, gRPC, WebSocket and Server-Sent Events transports.
/// </summary>
/// <typeparam name="TIn">The type of the messages the client sends (<see cref="NoMessage"/> when none).</typeparam>
/// <typeparam name="TOut">The type of the results the server sends (<see cref="NoMessage"/> when none).</typeparam>
public sealed class StreamContract<TIn, TOut>
{
    private string? _displayName;

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

    /// <summary>Whether the server may choose the view with <see cref="IViewSettableStream.SetViewAsync"/>.</summary>
    public bool CanSetView { get; init; }

    /// <summary>
    /// Whether the method is a client stream that ends with one final result (<c>SendAndCloseAsync</c> on the server,
    /// <c>CloseAndRecvAsync</c> on the client). A handler that returns without sending it fails the call with
    /// <see cref="StreamErrors.MissingResultName"/>.
    /// </summary>
    public bool HasFinalResult { get; init; }

    /// <summary>
    /// What the method requires of its callers (its designed security), or null when it requires nothing. Servers
    /// authorize the call before the stream opens; clients attach credentials for it.
    /// </summary>
    public Security.MethodSecurity? Security { get; init; }

    /// <summary>The service's designed name, used in messages and logs.</summary>
    public string Service { get; init; } = string.Empty;

    /// <summary>The method's designed name, used in messages and logs.</summary>
    public string Method { get; init; } = string.Empty;

    /// <summary>"service.method" for messages, or "the method" when the names are unknown.</summary>
    /// <remarks>Made once per contract: every call names its method (in its token's messages, its logs), and a name per call would be garbage per call.</remarks>
    public string DisplayName => _displayName ??= (Service.Length, Method.Length) switch
    {
        (0, 0) => "the method",
        (0, _) => Method,
        (_, 0) => Service,
        _ => Service + "." + Method,
    };

    /// <summary>This contract without the checks of received results, for a call whose results another call already checked.</summary>
    internal StreamContract<TIn, TOut> WithoutResultChecks() => new()
    {
        ValidateIncoming = ValidateIncoming,
        Project = Project,
        Views = Views,
        DefaultView = DefaultView,
        CanSetView = CanSetView,
        HasFinalResult = HasFinalResult,
        Security = Security,
        Service = Service,
        Method = Method,
    };

    /// <summary>Throws unless <paramref name="view"/> may be chosen by the server for this method.</summary>
    internal void CheckSettableView(string view)
    {
        ArgumentNullException.ThrowIfNull(view);
        if (!CanSetView)
        {
            throw new InvalidOperationException($"The view of the results of {DisplayName} is fixed by the design and cannot be set.");
        }

        if (!Views.Contains(view))
        {
            var known = Views.Count == 0 ? "none" : string.Join(", ", Views.Select(v => "\"" + v + "\""));
            throw new ArgumentException($"Unknown view \"{view}\" for the results of {DisplayName}; known views: {known}.", nameof(view));
        }
    }
}
