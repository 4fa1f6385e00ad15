// Licensed under the MIT license. See LICENSE in the project root.

namespace Serow.InProcess;

/// <summary>Settings of the in-process transport.</summary>
public sealed class InProcessOptions
{
    private readonly int _streamCapacity = 16;

    /// <summary>The options used when none are given: 16 messages buffered per direction.</summary>
    public static InProcessOptions Default { get; } = new();

    /// <summary>
    /// How many messages each direction of a stream buffers before a sender waits for the reader (backpressure).
    /// At least 1; defaults to 16.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is less than 1.</exception>
    public int StreamCapacity
    {
        get => _streamCapacity;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            _streamCapacity = value;
        }
    }
}
