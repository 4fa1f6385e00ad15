// Licensed under the MIT license. See LICENSE in the project root.

using Streaming.Chat;

namespace Streaming.Services;

/// <summary>chat.connect: timestamps each message, answers the sender and broadcasts it to every other member.</summary>
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

        try
        {
            while (await stream.RecvAsync(cancellationToken) is { } message)
            {
                var stamped = new ConnectResult
                {
                    Message = message.Message,
                    UserId = message.UserId,
                    Timestamp = _time.GetUtcNow().ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture),
                };
                logs.Publish("chat", $"{message.UserId}: {message.Message}");
                await stream.SendAsync(stamped, cancellationToken);
                room.Broadcast(id, stamped);
            }
        }
        finally
        {
            room.Leave(id);
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
}
