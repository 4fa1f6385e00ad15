// Licensed under the MIT license. See LICENSE in the project root.

using Serow.Streaming;

namespace Serow;

/// <summary>
/// The server is shutting down: the call was ended before it completed. Temporary, so a client may retry it on another
/// server or once this one is back. Every transport carries it (a WebSocket closes with 1001, gRPC ends with
/// UNAVAILABLE, Server-Sent Events end with an error event) and every generated client rethrows this type.
/// </summary>
public sealed class ServerStoppingError : ServiceError
{
    /// <summary>Creates the error for a call to <paramref name="method"/>.</summary>
    /// <param name="method">The method's display name, <c>service.method</c>.</param>
    public ServerStoppingError(string method)
        : base(StreamErrors.ServerStoppingName, $"The server is stopping; the call to {method} was ended before it completed.", temporary: true)
    {
    }

    /// <summary>Creates the error with a message received from the server.</summary>
    /// <param name="message">The message.</param>
    /// <param name="fromServer">Distinguishes this constructor; the value is ignored.</param>
    internal ServerStoppingError(string message, bool fromServer)
        : base(StreamErrors.ServerStoppingName, message, temporary: true)
    {
        _ = fromServer;
    }

    /// <summary>Rebuilds the error a transport received: the typed error for its name, or null for other names.</summary>
    /// <param name="name">The received error name.</param>
    /// <param name="message">The received message.</param>
    /// <returns>A <see cref="ServerStoppingError"/> when <paramref name="name"/> is <see cref="StreamErrors.ServerStoppingName"/>.</returns>
    public static ServerStoppingError? TryCreate(string name, string message) =>
        name == StreamErrors.ServerStoppingName ? new ServerStoppingError(message, fromServer: true) : null;
}
