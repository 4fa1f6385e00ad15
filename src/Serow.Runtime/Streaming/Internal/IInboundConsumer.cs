// Licensed under the MIT license. See LICENSE in the project root.

namespace Serow.Streaming.Internal;

/// <summary>
/// What the owner of an <see cref="InboundQueue{T}"/> does as its receiver takes from it. Both run on the receiver's
/// side, inside its receive call, so what they throw is what that call throws.
/// </summary>
/// <typeparam name="T">The type of the messages.</typeparam>
internal interface IInboundConsumer<T>
{
    /// <summary>Checks a message as the receiver takes it (it is consumed either way) and returns it.</summary>
    T Accept(T message);

    /// <summary>The queue is completed and empty: throws when the stream ended badly, returns for a clean end.</summary>
    void End();

    /// <summary>The token a receiver passed to its read fired: abort the stream (which completes the queue).</summary>
    void Cancel();
}
