// Licensed under the MIT license. See LICENSE in the project root.

using Unions;
using Unions.Rooms;

namespace Serow.FunctionalTests.Unions;

/// <summary>The rooms handlers: each answers by branch, so the tests see which branch crossed the wire.</summary>
public sealed class RoomsService : IRoomsService
{
    public Task<RoomEvent> DescribeAsync(RoomEvent payload, CancellationToken cancellationToken) =>
        Task.FromResult<RoomEvent>(new RoomEvent.Notice(Describe(payload)));

    public Task<Shape> MeasureAsync(Shape payload, CancellationToken cancellationToken)
    {
        var area = payload.Geometry.Match(
            circle: c => Math.PI * c.Radius * c.Radius,
            square: s => s.Side * s.Side,
            label: _ => double.NaN);
        ShapeGeometry geometry = double.IsNaN(area) ? payload.Geometry : $"area {area:0.##}";
        return Task.FromResult(new Shape { Name = payload.Name, Geometry = geometry });
    }

    public Task<HistoryResult> HistoryAsync(HistoryPayload payload, CancellationToken cancellationToken) =>
        Task.FromResult(new HistoryResult
        {
            Events = [new Joined { User = "ada" }, new RoomEvent.Count(2), new ChatMessage { User = "ada", Text = $"in {payload.Room}" }],
            Latest = new() { ["ada"] = new ChatMessage { User = "ada", Text = "last" }, ["bo"] = new RoomEvent.Notice("away") },
        });

    public async Task WatchAsync(WatchPayload payload, IRoomsWatchServerStream stream, CancellationToken cancellationToken)
    {
        // One event of each branch, through the typed senders.
        await stream.SendCountAsync(1, cancellationToken);
        await stream.SendJoinedAsync(new Joined { User = "ada" }, cancellationToken);
        await stream.SendMessageAsync(new ChatMessage { User = "ada", Text = $"hello {payload.Room}" }, cancellationToken);
        await stream.SendLeftAsync(new Left { User = "ada", Reason = "done" }, cancellationToken);
        await stream.SendNoticeAsync($"{payload.Room} is empty", cancellationToken);
    }

    public async Task TallyAsync(IRoomsTallyServerStream stream, CancellationToken cancellationToken)
    {
        int messages = 0, joins = 0, leaves = 0, others = 0;
        await foreach (var e in stream.WithCancellation(cancellationToken))
        {
            switch (e)
            {
                case RoomEvent.Message:
                    messages++;
                    break;
                case RoomEvent.Joined:
                    joins++;
                    break;
                case RoomEvent.Left:
                    leaves++;
                    break;
                default:
                    others++;
                    break;
            }
        }

        await stream.SendAndCloseAsync(new TallyResult { Messages = messages, Joins = joins, Leaves = leaves, Others = others }, cancellationToken);
    }

    public async Task RelayAsync(IRoomsRelayServerStream stream, CancellationToken cancellationToken)
    {
        var present = 0;
        await foreach (var e in stream.WithCancellation(cancellationToken))
        {
            switch (e)
            {
                case RoomEvent.Joined joined:
                    await stream.SendCountAsync(++present, cancellationToken);
                    await stream.SendNoticeAsync("welcome " + joined.Value.User, cancellationToken);
                    break;
                case RoomEvent.Left:
                    await stream.SendCountAsync(--present, cancellationToken);
                    break;
                case RoomEvent.Message message:
                    await stream.SendMessageAsync(new ChatMessage { User = "echo", Text = message.Value.Text }, cancellationToken);
                    break;
                default:
                    await stream.SendAsync(e, cancellationToken);
                    break;
            }
        }
    }

    public static string Describe(RoomEvent e) => e.Match(
        message: m => $"{m.User} said {m.Text}",
        joined: j => $"{j.User} joined",
        left: l => $"{l.User} left ({l.Reason ?? "no reason"})",
        notice: n => "notice: " + n,
        count: c => $"{c} present");
}
