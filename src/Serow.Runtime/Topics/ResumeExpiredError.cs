// Licensed under the MIT license. See LICENSE in the project root.

namespace Serow.Topics;

/// <summary>
/// A subscriber asked to resume after a position the topic no longer retains (or never gave): resuming would skip
/// messages, so the subscription is refused instead of leaving a silent gap. Not temporary: start again from the live end.
/// </summary>
public sealed class ResumeExpiredError : ServiceError
{
    /// <summary>The error's name on every transport.</summary>
    public const string ErrorName = "resume_expired";

    /// <summary>Creates the error for a topic and position.</summary>
    /// <param name="topic">The topic's name.</param>
    /// <param name="position">The position asked for.</param>
    /// <param name="oldest">The oldest position still retained, if any.</param>
    public ResumeExpiredError(string topic, TopicPosition position, TopicPosition? oldest)
        : base(ErrorName, $"Topic \"{topic}\" cannot resume after {position}: " + (oldest is { } first
            ? $"it retains messages from {first} on; subscribe from the live end"
            : "it retains no message before the live end; subscribe from the live end"))
    {
    }

    private ResumeExpiredError(string message)
        : base(ErrorName, message)
    {
    }

    /// <summary>Rebuilds the error a transport received: the typed error for its name, or null for other names.</summary>
    /// <param name="name">The received error name.</param>
    /// <param name="message">The received message.</param>
    /// <returns>A <see cref="ResumeExpiredError"/> when <paramref name="name"/> is <see cref="ErrorName"/>.</returns>
    public static ResumeExpiredError? TryCreate(string name, string message) =>
        name == ErrorName ? new ResumeExpiredError(message) : null;
}
