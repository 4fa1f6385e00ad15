// Licensed under the MIT license. See LICENSE in the project root.

namespace Serow.Streaming.Internal;

/// <summary>Rejects a second receive while one is pending on the same side of a stream.</summary>
internal sealed class ReceiveGuard
{
    private int _pending;

    /// <summary>Marks a receive as pending until the returned scope is disposed.</summary>
    /// <exception cref="InvalidOperationException">Another receive is pending.</exception>
    public Scope Enter()
    {
        if (Interlocked.CompareExchange(ref _pending, 1, 0) != 0)
        {
            throw new InvalidOperationException("Another RecvAsync is already pending on this stream; receive one message at a time.");
        }

        return new Scope(this);
    }

    /// <summary>Ends a pending receive.</summary>
    public readonly struct Scope(ReceiveGuard guard) : IDisposable
    {
        /// <inheritdoc/>
        public void Dispose() => Volatile.Write(ref guard._pending, 0);
    }
}
