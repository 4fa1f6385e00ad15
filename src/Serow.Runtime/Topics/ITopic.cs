// Licensed under the MIT license. See LICENSE in the project root.

namespace Serow.Topics;

/// <summary>
/// A named sequence of messages that handlers publish to and streaming handlers subscribe to, from the live end or
/// after a position, with a bounded retention. The in-memory topic serves one host; other implementations share a topic
/// between hosts.
/// </summary>
/// <typeparam name="T">The message type.</typeparam>
public interface ITopic<T>
{
    /// <summary>The topic's name.</summary>
    string Name { get; }

    /// <summary>Appends a message; it is stored (and will be delivered) once the returned task completes.</summary>
    /// <param name="message">The message.</param>
    /// <param name="cancellationToken">Cancels the publish.</param>
    /// <returns>The message's position.</returns>
    ValueTask<TopicPosition> PublishAsync(T message, CancellationToken cancellationToken = default);

    /// <summary>
    /// The position of the newest message, or of the topic's start when it holds none: subscribing after it gets exactly
    /// the messages published from now on, however long the subscriber takes to start reading.
    /// </summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The position.</returns>
    ValueTask<TopicPosition> LatestAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Yields every message published after <paramref name="after"/>, in order, each once; with no position, the
    /// messages published from now on. The sequence ends only when <paramref name="cancellationToken"/> fires.
    /// </summary>
    /// <param name="after">The position of the last message the subscriber has, or null for the live end.</param>
    /// <param name="cancellationToken">Ends the subscription.</param>
    /// <returns>The messages with their positions.</returns>
    /// <exception cref="ResumeExpiredError">Messages after <paramref name="after"/> are no longer retained (or the position is unknown).</exception>
    IAsyncEnumerable<TopicMessage<T>> SubscribeAsync(TopicPosition? after, CancellationToken cancellationToken = default);
}
