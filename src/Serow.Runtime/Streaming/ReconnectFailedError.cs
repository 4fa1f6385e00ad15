// Licensed under the MIT license. See LICENSE in the project root.

namespace Serow.Streaming;

/// <summary>
/// A reconnecting client gave up: <see cref="StreamReconnectOptions.MaxAttempts"/> reconnects in a row failed. The inner
/// exception is the last failure; the results delivered before it were complete and in order.
/// </summary>
public sealed class ReconnectFailedError : ServiceError
{
    /// <summary>The error's name.</summary>
    public const string ErrorName = "reconnect_failed";

    /// <summary>Creates the error.</summary>
    /// <param name="method">The method's display name, <c>service.method</c>.</param>
    /// <param name="attempts">How many reconnects failed.</param>
    /// <param name="lastFailure">The last failure.</param>
    public ReconnectFailedError(string method, int attempts, Exception lastFailure)
        : base(ErrorName, $"{method} could not be resumed: {attempts} reconnect attempts failed; the last one: {lastFailure.Message}", innerException: lastFailure)
    {
        Attempts = attempts;
    }

    /// <summary>How many reconnects failed.</summary>
    public int Attempts { get; }
}
