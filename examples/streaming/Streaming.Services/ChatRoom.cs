// Licensed under the MIT license. See LICENSE in the project root.

using System.Runtime.CompilerServices;
using Serow.Topics;
using Streaming.Chat;

namespace Streaming.Services;

/// <summary>
/// The chat room: what members say travels on the room's message topic, to every other member of every host sharing
/// the topics (one host with the in-memory topics, every host on one Redis with <c>--Redis host:port</c>); joins,
/// messages and leaves travel on the events topic that chat.events watches.
/// </summary>
public sealed class ChatRoom(ChatTopics topics)
{
    private int _members;

    /// <summary>The room's events: joins, messages and leaves.</summary>
    public ITopic<RoomEvent> Events => topics.Events;

    /// <summary>How many members are connected to this host; a member leaves when its stream ends.</summary>
    public int MemberCount => Volatile.Read(ref _members);

    /// <summary>Joins the room: the inbox yields what other members say from now on, in order.</summary>
    public async Task<(Guid Id, IAsyncEnumerable<ConnectResult> Inbox)> JoinAsync(CancellationToken cancellationToken)
    {
        // Subscribing after the newest message: nothing said from now on is missed, however late the relay starts.
        var start = await topics.Messages.LatestAsync(cancellationToken);
        var id = Guid.NewGuid();
        Interlocked.Increment(ref _members);
        return (id, InboxAsync(id, start, cancellationToken));
    }

    public void Leave() => Interlocked.Decrement(ref _members);

    /// <summary>Says something to every other member.</summary>
    public async ValueTask BroadcastAsync(Guid from, ConnectResult message, CancellationToken cancellationToken) =>
        await topics.Messages.PublishAsync(new ChatBroadcast(from, message), cancellationToken);

    /// <summary>Tells chat.events what happened.</summary>
    public async ValueTask PublishAsync(RoomEvent roomEvent, CancellationToken cancellationToken) =>
        await topics.Events.PublishAsync(roomEvent, cancellationToken);

    private async IAsyncEnumerable<ConnectResult> InboxAsync(Guid id, TopicPosition start, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var (_, broadcast) in topics.Messages.SubscribeAsync(start, cancellationToken))
        {
            if (broadcast.From != id)
            {
                yield return broadcast.Message;
            }
        }
    }
}

/// <summary>A message a member said, with the connection it came from (so its sender does not get it twice).</summary>
public sealed record ChatBroadcast(Guid From, ConnectResult Message);
