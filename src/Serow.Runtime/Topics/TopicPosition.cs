// Licensed under the MIT license. See LICENSE in the project root.

namespace Serow.Topics;

/// <summary>
/// Where a message sits in a topic: opaque text a subscriber hands back to resume after that message (an SSE event id,
/// a Redis stream id). Positions of one topic are only compared by the topic that made them.
/// </summary>
/// <param name="Value">The position as text.</param>
public readonly record struct TopicPosition(string Value)
{
    /// <inheritdoc/>
    public override string ToString() => Value;
}

/// <summary>A message of a topic and its position.</summary>
/// <typeparam name="T">The message type.</typeparam>
/// <param name="Position">Where the message sits; resume after it with <see cref="ITopic{T}.SubscribeAsync"/>.</param>
/// <param name="Message">The message.</param>
public readonly record struct TopicMessage<T>(TopicPosition Position, T Message);
