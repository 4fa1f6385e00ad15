// Licensed under the MIT license. See LICENSE in the project root.

namespace Serow.Streaming;

/// <summary>
/// What a generated contract tells a reconnecting client about a resumable server stream (<c>Resumable</c> in the
/// design): where each result carries its position, and how to ask for the results after a position.
/// </summary>
/// <typeparam name="TPayload">The method's payload.</typeparam>
/// <typeparam name="TOut">The method's streamed result.</typeparam>
/// <param name="positionOf">Reads a result's position.</param>
/// <param name="resumeAfter">Copies a payload, asking for the results after the given position.</param>
public sealed class ResumableContract<TPayload, TOut>(Func<TOut, string?> positionOf, Func<TPayload, string, TPayload> resumeAfter)
{
    /// <summary>Reads a result's position.</summary>
    public Func<TOut, string?> PositionOf { get; } = positionOf ?? throw new ArgumentNullException(nameof(positionOf));

    /// <summary>Copies a payload, asking for the results after the given position.</summary>
    public Func<TPayload, string, TPayload> ResumeAfter { get; } = resumeAfter ?? throw new ArgumentNullException(nameof(resumeAfter));
}
