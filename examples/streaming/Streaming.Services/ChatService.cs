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
        var (id, inbox) = room.Join();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        // The stream allows one pending send at a time from any number of tasks, so the relay and the loop below can share it.
        var relay = Task.Run(async () =>
        {
            await foreach (var message in inbox.ReadAllAsync(stop.Token))
            {
                await stream.SendAsync(message, stop.Token);
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
                    room.Publish(new RoomEvent.Joined(new Presence { UserId = member, Members = room.MemberCount }));
                }

                var stamped = new ConnectResult
                {
                    Message = message.Message,
                    UserId = message.UserId,
                    Timestamp = _time.GetUtcNow().ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture),
                };
                logs.Publish("chat", $"{message.UserId}: {message.Message}");
                await stream.SendAsync(stamped, cancellationToken);
                room.Broadcast(id, stamped);
                room.Publish(new RoomEvent.Message(new ChatLine { UserId = stamped.UserId, Message = stamped.Message, Timestamp = stamped.Timestamp }));
            }
        }
        finally
        {
            room.Leave(id);
            if (member is not null)
            {
                room.Publish(new RoomEvent.Left(new Presence { UserId = member, Members = room.MemberCount }));
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
        var (id, events) = room.Watch();
        try
        {
            // Watching starts before the head count is taken, so no join is missed between the two.
            await stream.SendPresentAsync(room.MemberCount, cancellationToken);
            var sent = 1;
            while (payload.Limit is not > 0 || sent < payload.Limit)
            {
                await stream.SendAsync(await events.ReadAsync(cancellationToken), cancellationToken);
                sent++;
            }
        }
        finally
        {
            room.Unwatch(id);
        }
    }
}
