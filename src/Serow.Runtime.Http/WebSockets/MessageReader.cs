// Licensed under the MIT license. See LICENSE in the project root.

using System.Buffers;
using System.Net.WebSockets;
using System.Runtime.CompilerServices;

namespace Serow.Http.WebSockets;

/// <summary>What <see cref="MessageReader"/> read: a whole message, a close, or a message over the size limit.</summary>
internal enum FrameKind
{
    Text,
    Binary,
    Close,
    TooLarge,
}

/// <summary>Reads whole WebSocket messages into one reusable buffer, refusing messages over a size limit.</summary>
internal sealed class MessageReader(WebSocket socket, int maxMessageSize) : IDisposable
{
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(4096);
    private int _length;

    public ReadOnlyMemory<byte> Message => _buffer.AsMemory(0, _length);

    // Pooled: this method waits once per message, and a fresh state machine each time would be garbage per message.
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<FrameKind> ReadAsync(CancellationToken cancellationToken)
    {
        _length = 0;
        while (true)
        {
            if (_length == _buffer.Length)
            {
                var larger = ArrayPool<byte>.Shared.Rent(Math.Min(_buffer.Length * 2, maxMessageSize + 1));
                _buffer.AsSpan(0, _length).CopyTo(larger);
                ArrayPool<byte>.Shared.Return(_buffer);
                _buffer = larger;
            }

            var result = await socket.ReceiveAsync(_buffer.AsMemory(_length), cancellationToken).ConfigureAwait(false);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return FrameKind.Close;
            }

            _length += result.Count;
            if (_length > maxMessageSize)
            {
                return FrameKind.TooLarge;
            }

            if (result.EndOfMessage)
            {
                return result.MessageType == WebSocketMessageType.Binary ? FrameKind.Binary : FrameKind.Text;
            }
        }
    }

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
    }
}
