// Licensed under the MIT license. See LICENSE in the project root.

namespace Serow.Streaming;

/// <summary>
/// How a generated client reconnects a resumable server stream (<c>Resumable</c> in the design) that a transport failure
/// or a stopping server cut short: after a delay that grows exponentially with random jitter, it opens the stream
/// again after the last result it delivered, so the caller's enumeration continues without a gap or a repeat.
/// </summary>
public sealed class StreamReconnectOptions
{
    /// <summary>How many reconnects may fail in a row before the stream ends with <see cref="ReconnectFailedError"/>; 10 by default.</summary>
    public int MaxAttempts { get; init; } = 10;

    /// <summary>The delay before the first reconnect; it doubles with each failed attempt. 100 ms by default.</summary>
    public TimeSpan InitialDelay { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>The longest delay between two attempts; 5 s by default.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Whether a failure is worth reconnecting after: a temporary error (the connection was lost, the server is stopping
    /// or its store is unavailable) or a failure to reach the server at all. Designed errors that are not temporary,
    /// validation failures and <c>resume_expired</c> are not.
    /// </summary>
    public Func<Exception, bool> ShouldReconnect { get; init; } = IsTransient;

    /// <summary>The delay before attempt <paramref name="attempt"/> (1 for the first): half of the capped exponential delay plus a random half, so that many clients cut off at once do not return at once.</summary>
    /// <param name="attempt">The attempt number, from 1.</param>
    /// <returns>The delay.</returns>
    public TimeSpan DelayBefore(int attempt)
    {
        var exponential = InitialDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempt - 1, 30));
        var capped = Math.Min(exponential, MaxDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds((capped / 2) + (Random.Shared.NextDouble() * capped / 2));
    }

    private static bool IsTransient(Exception exception) => exception switch
    {
        Topics.ResumeExpiredError => false,
        ServiceError error => error.Temporary,
        System.Net.Http.HttpRequestException => true,
        IOException or System.Net.Sockets.SocketException or System.Net.WebSockets.WebSocketException => true,
        _ => false,
    };
}
