// Licensed under the MIT license. See LICENSE in the project root.

using Streaming;
using Streaming.Chat;

namespace Streaming.Services;

/// <summary>
/// chat.connect: timestamps each message, answers the sender and broadcasts it to every other member. chat.events: the
/// room's head count, then every join (a member's first message), message and leave, as a typed event stream.
/// </summary>
public sealed class ChatService(ChatRoom room, LogHub logs, TimeProvider? time = null) : IChatService
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    public async Task ConnectAsync(IChatConnectServerStream stream, CancellationToken cancellationToken)
    {
        var (id, inbox) = await room.JoinAsync(cancellationToken);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        // The stream allows one pending send at a time from any number of tasks, so the relay and the loop below can share it.
        var relay = Task.Run(async () =>
        {
            // Stopping the relay ends its wait for the next broadcast, not a send in flight: a stream operation whose
            // own token fires aborts the whole call, and the member, done sending, would see it cancelled.
            await foreach (var message in inbox.WithCancellation(stop.Token))
            {
                await stream.SendAsync(message, cancellationToken);
            }
        }, CancellationToken.None);

        string? member = null;
        try
        {
            while (await stream.RecvAsync(cancellationToken) is { } message)
            {
                if (member is null)
                {
                    member = message.UserId;
                    await room.PublishAsync(new RoomEvent.Joined(new Presence { UserId = member, Members = room.MemberCount }), cancellationToken);
                }

                var stamped = new ConnectResult
                {
                    Message = message.Message,
                    UserId = message.UserId,
                    Timestamp = _time.GetUtcNow().ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture),
                };
                await logs.PublishAsync("chat", $"{message.UserId}: {message.Message}", cancellationToken);
                await stream.SendAsync(stamped, cancellationToken);
                await room.BroadcastAsync(id, stamped, cancellationToken);
                await room.PublishAsync(new RoomEvent.Message(new ChatLine { UserId = stamped.UserId, Message = stamped.Message, Timestamp = stamped.Timestamp }), cancellationToken);
            }
        }
        finally
        {
            room.Leave();
            if (member is not null)
            {
                // Also when the member's connection is gone and its token cancelled: the leave is still news.
                await room.PublishAsync(new RoomEvent.Left(new Presence { UserId = member, Members = room.MemberCount }), CancellationToken.None);
            }

            await stop.CancelAsync();
            try
            {
                await relay;
            }
            catch (OperationCanceledException)
            {
                // The relay ends by cancellation when the member leaves.
            }
        }
    }

    public async Task EventsAsync(EventsPayload payload, IChatEventsServerStream stream, CancellationToken cancellationToken)
    {
        // The position is taken before the head count, so no join is missed between the two.
        var start = await room.Events.LatestAsync(cancellationToken);
        await stream.SendPresentAsync(room.MemberCount, cancellationToken);
        var sent = 1;
        if (payload.Limit is > 0 && sent >= payload.Limit)
        {
            return;
        }

        await foreach (var (_, roomEvent) in room.Events.SubscribeAsync(start, cancellationToken))
        {
            await stream.SendAsync(roomEvent, cancellationToken);
            if (payload.Limit is > 0 && ++sent >= payload.Limit)
            {
                return;
            }
        }
    }
}
