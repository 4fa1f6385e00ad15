// Licensed under the MIT license. See LICENSE in the project root.

namespace Serow.Redis;

/// <summary>How a Redis topic retains and reads its messages.</summary>
public sealed class RedisTopicOptions
{
    /// <summary>About how many of the latest messages the stream keeps (<c>MAXLEN ~</c>); 10,000 by default.</summary>
    public int Retention { get; set; } = 10_000;

    /// <summary>How many entries one read takes; 256 by default.</summary>
    public int BatchSize { get; set; } = 256;

    /// <summary>How often a subscriber reads without a notification (a missed one only delays); 1 s by default.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);
}
