// Licensed under the MIT license. See LICENSE in the project root.

using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Serow.Grpc;
using Serow.Http;
using Serow.Security;
using Streaming;
using Streaming.Chat;
using Streaming.Server;
using Streaming.Services;

namespace Serow.Redis.Tests;

/// <summary>
/// Two hosts of the streaming example on one real Redis (<c>--Redis host:port</c>): a member on one host hears a member
/// on the other, and chat.events on either host sees the whole room.
/// </summary>
public sealed class ExampleScaleOutTests(RedisServer redis) : IClassFixture<RedisServer>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task ChatMembersOnTwoHosts_HearEachOther_AndEventsSeeTheWholeRoom()
    {
        redis.RequireInstalled();
        await using var hostA = await ExampleHosts.StartAsync(redis);
        await using var hostB = await ExampleHosts.StartAsync(redis);
        using var stop = new CancellationTokenSource(Timeout);
        var (grpcA, _) = StreamingServer.Addresses(hostA);
        var (_, httpB) = StreamingServer.Addresses(hostB);
        using var channel = SerowGrpcChannel.Create(grpcA);
        using var http = new HttpClient { BaseAddress = httpB };
        var alice = new ChatGrpcClient(channel, new SerowGrpcClientOptions { Credentials = ExampleHosts.Token(hostA, "alice") });
        var bob = new ChatHttpClient(http, new SerowHttpClientOptions { Credentials = ExampleHosts.Token(hostB, "bob") });

        await using var events = await bob.EventsAsync(new EventsPayload { Limit = 5 }, stop.Token);
        Assert.IsType<RoomEvent.Present>(await events.RecvAsync(stop.Token));

        await using var bobStream = await bob.ConnectAsync(stop.Token);
        await bobStream.SendAsync(new ConnectStreamingPayload { Message = "bob here", UserId = "bob" }, stop.Token);
        Assert.Equal("bob here", (await bobStream.RecvAsync(stop.Token))!.Message);

        await using var aliceStream = await alice.ConnectAsync(stop.Token);
        await aliceStream.SendAsync(new ConnectStreamingPayload { Message = "hello from A", UserId = "alice" }, stop.Token);
        Assert.Equal("hello from A", (await aliceStream.RecvAsync(stop.Token))!.Message);
        // Host A's message reaches bob, on host B, through Redis.
        var heard = await bobStream.RecvAsync(stop.Token);
        Assert.Equal(("alice", "hello from A"), (heard!.UserId, heard.Message));

        var seen = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            seen.Add((await events.RecvAsync(stop.Token))!.Match(
                present: c => "present",
                joined: p => "joined " + p.UserId,
                message: m => $"message {m.UserId}",
                left: p => "left " + p.UserId));
        }

        Assert.Equal(["joined bob", "message bob", "joined alice", "message alice"], seen);
        await aliceStream.CloseSendAsync(stop.Token);
        await bobStream.CloseSendAsync(stop.Token);
    }

}
