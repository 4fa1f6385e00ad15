// Licensed under the MIT license. See LICENSE in the project root.

using System.Collections.Concurrent;
using System.Threading.Channels;
using Streaming;
using Streaming.Chat;

namespace Streaming.Services;

/// <summary>
/// The members currently connected to chat.connect, where a message from one reaches every other, and the watchers of
/// chat.events, who receive every join, message and leave.
/// </summary>
public sealed class ChatRoom
{
    private readonly ConcurrentDictionary<Guid, ChannelWriter<ConnectResult>> _members = new();
    private readonly ConcurrentDictionary<Guid, ChannelWriter<RoomEvent>> _watchers = new();

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

    /// <summary>Starts watching the room: the reader yields every event published from now on. Bounded like an inbox.</summary>
    public (Guid Id, ChannelReader<RoomEvent> Events) Watch()
    {
        var events = Channel.CreateBounded<RoomEvent>(new BoundedChannelOptions(256) { FullMode = BoundedChannelFullMode.DropOldest });
        var id = Guid.NewGuid();
        _watchers[id] = events.Writer;
        return (id, events.Reader);
    }

    public void Unwatch(Guid id)
    {
        if (_watchers.TryRemove(id, out var writer))
        {
            writer.TryComplete();
        }
    }

    /// <summary>Tells every watcher what happened.</summary>
    public void Publish(RoomEvent roomEvent)
    {
        foreach (var writer in _watchers.Values)
        {
            writer.TryWrite(roomEvent);
        }
    }
}
