// Licensed under the MIT license. See LICENSE in the project root.

using System.Buffers;
using System.Net.WebSockets;

namespace Serow.Http.WebSockets;

/// <summary>What <see cref="MessageReader"/> read: a whole message, a close, a message over the size limit, or a part.</summary>
internal enum FrameKind
{
    Text,
    Binary,
    Close,
    TooLarge,

    /// <summary>Part of a message: receive again for the rest.</summary>
    Partial,
}

/// <summary>
/// Reads whole WebSocket messages into a pooled buffer, refusing messages over a size limit. A receive loop awaits
/// <see cref="ReceiveAsync"/> itself and passes its result to <see cref="Complete"/>, so a message resumes the loop with
/// no async method in between; <see cref="ReadAsync"/> does both for code that is not on the hot path.
/// </summary>
/// <remarks>
/// Between messages no buffer is held: the wait for the next message is a zero-byte receive (ManagedWebSocket then reads
/// only the frame header), and the buffer is rented once the message has begun to arrive. An idle stream so holds no
/// receive buffer at all, at the price of one more (synchronous) receive call per message.
/// </remarks>
internal sealed class MessageReader(WebSocket socket, int maxMessageSize) : IDisposable
{
    private const int InitialSize = 4096;

    private byte[] _buffer = [];
    private int _length;
    private bool _whole = true;

    /// <summary>The size of the buffer held now (for tests: 0 between messages).</summary>
    internal int BufferSize => _buffer.Length;

    /// <summary>The message last completed; valid until the next receive.</summary>
    public ReadOnlyMemory<byte> Message => _buffer.AsMemory(0, _length);

    /// <summary>Receives the next message, or the rest of a partial one, into the buffer.</summary>
    public ValueTask<ValueWebSocketReceiveResult> ReceiveAsync(CancellationToken cancellationToken)
    {
        if (_whole)
        {
            // The last message has been consumed: give its buffer back and wait without one.
            _length = 0;
            _whole = false;
            Release();
            return socket.ReceiveAsync(Memory<byte>.Empty, cancellationToken);
        }

        if (_length == _buffer.Length)
        {
            var larger = ArrayPool<byte>.Shared.Rent(Math.Max(InitialSize, Math.Min(_buffer.Length * 2, maxMessageSize + 1)));
            _buffer.AsSpan(0, _length).CopyTo(larger);
            Release();
            _buffer = larger;
        }

        return socket.ReceiveAsync(_buffer.AsMemory(_length), cancellationToken);
    }

    /// <summary>Accounts for what <see cref="ReceiveAsync"/> got: what the message is once whole, or <see cref="FrameKind.Partial"/>.</summary>
    public FrameKind Complete(ValueWebSocketReceiveResult result)
    {
        if (result.MessageType == WebSocketMessageType.Close)
        {
            _whole = true;
            return FrameKind.Close;
        }

        _length += result.Count;
        if (_length > maxMessageSize)
        {
            _whole = true;
            return FrameKind.TooLarge;
        }

        if (!result.EndOfMessage)
        {
            return FrameKind.Partial;
        }

        _whole = true;
        return result.MessageType == WebSocketMessageType.Binary ? FrameKind.Binary : FrameKind.Text;
    }

    /// <summary>Reads the next whole message (or close, or over-limit message).</summary>
    public async ValueTask<FrameKind> ReadAsync(CancellationToken cancellationToken)
    {
        FrameKind kind;
        do
        {
            kind = Complete(await ReceiveAsync(cancellationToken).ConfigureAwait(false));
        }
        while (kind == FrameKind.Partial);

        return kind;
    }

    public void Dispose() => Release();

    private void Release()
    {
        if (_buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = [];
        }
    }
}
