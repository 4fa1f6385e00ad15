// Licensed under the MIT license. See LICENSE in the project root.

namespace Serow.Streaming;

/// <summary>
/// The errors every transport reports the same way: their designed names, and the exceptions the stream operations
/// throw for the transport-neutral rules (a closed side, a missing final result, an aborted call).
/// </summary>
public static class StreamErrors
{
    /// <summary>The name of the fault a client stream with a result ends with when the handler returned without sending it.</summary>
    public const string MissingResultName = "missing_result";

    /// <summary>The name of the error a call ends with when the server shuts down while it runs (temporary: retry elsewhere or later).</summary>
    public const string ServerStoppingName = "server_stopping";

    /// <summary>The name of the error a client sees when the connection broke before the server finished (temporary).</summary>
    public const string ConnectionLostName = "connection_lost";

    /// <summary>
    /// The name of the error a call ends with when the server cancelled it itself (the handler's own token fired, a
    /// keepalive failed). Clients surface it as <see cref="OperationCanceledException"/>, as they do their own cancellation.
    /// </summary>
    public const string CancelledName = "cancelled";

    /// <summary>The name of the error of a peer that broke the wire protocol (a fault).</summary>
    public const string ProtocolErrorName = "protocol_error";

    internal static OperationCanceledException Cancelled(string method, CancellationToken token, Exception? inner = null) =>
        new($"The call to {method} was cancelled.", inner, token);

    internal static ServiceError MissingResult(string method) =>
        new(MissingResultName, $"{method} finished without sending its result.", fault: true);

    internal static InvalidOperationException ResultsClosed(string method) =>
        new($"The server stream of {method} is closed; no more results can be sent.");

    internal static InvalidOperationException ResultClosed(string method) =>
        new($"The server stream of {method} is closed; the result cannot be sent.");

    internal static InvalidOperationException SendClosed(string method) =>
        new($"The client stream of {method} is closed; no more messages can be sent.");

    internal static InvalidOperationException NotDelivered(string method, Exception? inner = null) =>
        new($"The server has finished {method}; the message was not delivered.", inner);

    internal static InvalidOperationException NoMessages(string method) =>
        new($"The client of {method} sends no messages.");

    internal static InvalidOperationException NoResults(string method) =>
        new($"{method} sends no stream of results.");
}
