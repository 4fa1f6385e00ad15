// Licensed under the MIT license. See LICENSE in the project root.

using System.Net;
using Serow.Http.Tests.Python;
using Serow.Http.Tests.Runtime;
using Streaming.Logger;

namespace Serow.Http.Tests.Example;

/// <summary>The example's design bounds what one client can make the server do.</summary>
public sealed class ExampleLimitsTests
{
    [Theory]
    [InlineData(4_294_968)]
    [InlineData(0)]
    public async Task MonitorWatch_IntervalOutsideItsBounds_IsRefusedByTheDesign(int interval)
    {
        await using var host = await ExampleHost.StartAsync();
        using var http = new HttpClient { BaseAddress = host.Http, Timeout = Timeouts.Default };

        // Larger than a day would overflow the server's timer; refused before the handler runs, naming field and rule.
        using var response = await http.GetAsync($"monitor/watch?interval={interval}", Timeouts.Token());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = HttpErrors.TryParse(await response.Content.ReadAsStringAsync(Timeouts.Token()));
        var violation = Assert.Single(body!.Errors!);
        Assert.Equal(("interval", interval == 0 ? "minimum" : "maximum"), (violation.Field, violation.Rule));
    }

    [Fact]
    public async Task LoggerManage_MoreTopicsThanOneStreamMayFollow_EndsTheCallWithTooManyTopics()
    {
        await using var host = await ExampleHost.StartAsync();
        using var http = new HttpClient { BaseAddress = host.Http, Timeout = Timeouts.Default };
        var logger = new LoggerHttpClient(http, host.Secured());
        await using var stream = await logger.ManageAsync(Timeouts.Token());

        for (var i = 0; i < global::Streaming.Services.LoggerService.MaxTopics; i++)
        {
            await stream.SendAsync(new ManageStreamingPayload { Action = "add", Topic = "topic" + i }, Timeouts.Token());
            var confirmation = await stream.RecvAsync(Timeouts.Token());
            Assert.Contains($"add topic{i}", confirmation!.Message, StringComparison.Ordinal);
        }

        await stream.SendAsync(new ManageStreamingPayload { Action = "add", Topic = "one.too.many" }, Timeouts.Token());

        await Assert.ThrowsAsync<TooManyTopicsError>(async () =>
        {
            while (await stream.RecvAsync(Timeouts.Token()) is not null)
            {
            }
        });
    }

    [Fact]
    public async Task LoggerManage_ATopicThatIsNotAShortName_IsRefusedByTheDesign()
    {
        await using var host = await ExampleHost.StartAsync();
        using var http = new HttpClient { BaseAddress = host.Http, Timeout = Timeouts.Default };
        var logger = new LoggerHttpClient(http, host.Secured());
        await using var stream = await logger.ManageAsync(Timeouts.Token());

        await stream.SendAsync(new ManageStreamingPayload { Action = "add", Topic = new string('x', 65) }, Timeouts.Token());

        var error = await Assert.ThrowsAsync<Serow.Validation.ValidationException>(async () => await stream.RecvAsync(Timeouts.Token()));
        Assert.Contains(error.Errors, e => e.Field == "topic" && e.Rule == "maxLength");
    }

    [Fact]
    public async Task GeneratedWebSocketClient_InvalidPayload_IsRefusedBeforeConnecting_NamingFieldAndRule()
    {
        // The server is not even running: nothing may be sent, the client validates as the unary clients do.
        using var http = new HttpClient { BaseAddress = new Uri("http://127.0.0.1:9/"), Timeout = Timeouts.Default };
        var logger = new LoggerHttpClient(http);

        // A null topic would otherwise make the path /logs//stream, and the server's 404 would be the only report.
        var error = await Assert.ThrowsAsync<Serow.Validation.ValidationException>(() => logger.SubscribeAsync(new SubscribePayload { Topic = null! }, Timeouts.Token()));

        var violation = Assert.Single(error.Errors);
        Assert.Equal(("topic", "required"), (violation.Field, violation.Rule));
    }
}
