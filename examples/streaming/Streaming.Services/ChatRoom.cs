// Licensed under the MIT license. See LICENSE in the project root.

using System.Collections.Concurrent;
using System.Threading.Channels;
using Streaming.Chat;

namespace Streaming.Services;

/// <summary>The members currently connected to chat.connect; a message from one reaches every other.</summary>
public sealed class ChatRoom
{
    private readonly ConcurrentDictionary<Guid, ChannelWriter<ConnectResult>> _members = new();

    /// <summary>Joins the room; the returned reader yields what other members say. Bounded: a member that stops reading misses messages rather than slowing everyone.</summary>
    public (Guid Id, ChannelReader<ConnectResult> Inbox) Join()
    {
        var inbox = Channel.CreateBounded<ConnectResult>(new BoundedChannelOptions(256) { FullMode = BoundedChannelFullMode.DropOldest });
        var id = Guid.NewGuid();
        _members[id] = inbox.Writer;
        return (id, inbox.Reader);
    }

    /// <summary>How many members are connected; a member leaves when its stream ends.</summary>
    public int MemberCount => _members.Count;

    public void Leave(Guid id)
    {
        if (_members.TryRemove(id, out var writer))
        {
            writer.TryComplete();
        }
    }

    public void Broadcast(Guid from, ConnectResult message)
    {
        foreach (var (id, writer) in _members)
        {
            if (id != from)
            {
                writer.TryWrite(message);
            }
        }
    }
}
