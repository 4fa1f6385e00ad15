// Licensed under the MIT license. See LICENSE in the project root.

using Serow.FunctionalTests.Conformance;
using Serow.Validation;
using Unions;
using Unions.Rooms;

namespace Serow.FunctionalTests.Unions;

/// <summary>
/// Unions as every transport must carry them, written once against the generated client: a union payload and result,
/// an inline OneOf in a type, a typed event stream in each streaming pattern, and branch validation.
/// </summary>
public abstract class UnionSuite(RoomsHost host) : IClassFixture<RoomsHost>
{
    protected RoomsHost Host { get; } = host;

    protected abstract IRoomsClient Client();

    public static TheoryData<string> Branches => new(RoomEvent.Branches);

    [Theory]
    [MemberData(nameof(Branches))]
    public async Task Unary_EveryBranchOfAUnionPayload_RoundTrips(string branch)
    {
        RoomEvent sent = branch switch
        {
            "message" => new ChatMessage { User = "ada", Text = "hi" },
            "joined" => new Joined { User = "bo" },
            "left" => new Left { User = "cy" },
            "notice" => new RoomEvent.Notice("doors close at ten"),
            "count" => new RoomEvent.Count(3),
            _ => throw new ArgumentOutOfRangeException(nameof(branch)),
        };

        var result = await Client().DescribeAsync(sent).DefaultTimeout();

        var notice = Assert.IsType<RoomEvent.Notice>(result);
        Assert.Equal(RoomsService.Describe(sent), notice.Value);
        Assert.Equal("notice", result.Branch);
    }

    [Fact]
    public async Task Unary_InlineOneOfInAType_RoundTripsEachBranch()
    {
        var client = Client();

        var circle = await client.MeasureAsync(new Shape { Name = "c", Geometry = new Circle { Radius = 1 } }).DefaultTimeout();
        var label = await client.MeasureAsync(new Shape { Name = "l", Geometry = "plain" }).DefaultTimeout();

        Assert.Equal("area 3.14", Assert.IsType<ShapeGeometry.Label>(circle.Geometry).Value);
        Assert.Equal("c", circle.Name);
        Assert.Equal("plain", Assert.IsType<ShapeGeometry.Label>(label.Geometry).Value);
    }

    [Fact]
    public async Task Unary_AnInvalidBranchValue_IsRejectedWithItsPath_AndTheServerKeepsServing()
    {
        var client = Client();

        // The client validates before sending, naming the branch's value and the rule.
        var error = await Assert.ThrowsAsync<ValidationException>(() => client.DescribeAsync(new RoomEvent.Notice(new string('x', 41))).DefaultTimeout());
        Assert.Contains(error.Errors, e => e.Field == "Value" && e.Rule == "maxLength");

        var nested = await Assert.ThrowsAsync<ValidationException>(() => client.MeasureAsync(new Shape { Name = "s", Geometry = new Square { Side = -1 } }).DefaultTimeout());
        Assert.Contains(nested.Errors, e => e.Field == "geometry.data.side" && e.Rule == "exclusiveMinimum");

        var fine = await client.DescribeAsync(new RoomEvent.Count(0)).DefaultTimeout();
        Assert.Equal("0 present", Assert.IsType<RoomEvent.Notice>(fine).Value);
    }

    [Fact]
    public async Task Unary_UnionsAsArrayElementsAndMapValues_RoundTrip()
    {
        var history = await Client().HistoryAsync(new HistoryPayload { Room = "lobby" }).DefaultTimeout();

        Assert.Equal(["joined", "count", "message"], history.Events.Select(e => e.Branch));
        Assert.Equal("in lobby", ((RoomEvent.Message)history.Events[2]).Value.Text);
        Assert.Equal("last", Assert.IsType<RoomEvent.Message>(history.Latest["ada"]).Value.Text);
        Assert.Equal("away", Assert.IsType<RoomEvent.Notice>(history.Latest["bo"]).Value);
    }

    [Fact]
    public async Task ServerStream_ATypedEventStream_DeliversEveryBranchInOrder()
    {
        await using var stream = await Client().WatchAsync(new WatchPayload { Room = "lobby" }).DefaultTimeout();
        var events = new List<RoomEvent>();
        using var timeout = new CancellationTokenSource(TestTimeouts.Default);
        await foreach (var e in stream.WithCancellation(timeout.Token))
        {
            events.Add(e);
        }

        Assert.Equal(["count", "joined", "message", "left", "notice"], events.Select(e => e.Branch));
        Assert.Equal(1, ((RoomEvent.Count)events[0]).Value);
        Assert.Equal("ada", ((RoomEvent.Joined)events[1]).Value.User);
        Assert.Equal("hello lobby", ((RoomEvent.Message)events[2]).Value.Text);
        Assert.Equal("done", ((RoomEvent.Left)events[3]).Value.Reason);
        Assert.Equal("lobby is empty", ((RoomEvent.Notice)events[4]).Value);
    }

    [Fact]
    public async Task ClientStream_UnionMessages_AreCountedByBranch()
    {
        await using var stream = await Client().TallyAsync().DefaultTimeout();
        await stream.SendJoinedAsync(new Joined { User = "ada" });
        await stream.SendMessageAsync(new ChatMessage { User = "ada", Text = "one" });
        await stream.SendMessageAsync(new ChatMessage { User = "ada", Text = "two" });
        await stream.SendNoticeAsync("bell");
        await stream.SendLeftAsync(new Left { User = "ada" });

        var result = await stream.CloseAndRecvAsync().DefaultTimeout();

        Assert.Equal((2, 1, 1, 1), (result.Messages, result.Joins, result.Leaves, result.Others));
    }

    [Fact]
    public async Task Bidirectional_UnionStreams_AnswerEachEventByBranch()
    {
        await using var stream = await Client().RelayAsync().DefaultTimeout();
        await stream.SendJoinedAsync(new Joined { User = "ada" });
        await stream.SendMessageAsync(new ChatMessage { User = "ada", Text = "ping" });
        await stream.SendCountAsync(7);
        await stream.SendLeftAsync(new Left { User = "ada" });
        await stream.CloseSendAsync();

        var replies = new List<string>();
        using var timeout = new CancellationTokenSource(TestTimeouts.Default);
        await foreach (var e in stream.WithCancellation(timeout.Token))
        {
            replies.Add(e.Match(
                message: m => $"message {m.User}:{m.Text}",
                joined: j => "joined " + j.User,
                left: l => "left " + l.User,
                notice: n => "notice " + n,
                count: c => "count " + c));
        }

        Assert.Equal(["count 1", "notice welcome ada", "message echo:ping", "count 7", "count 0"], replies);
    }
}
