// Licensed under the MIT license. See LICENSE in the project root.

using System.Net;
using System.Text;
using Serow.Http.Tests.RawBodies;
using Serow.Http.Tests.Runtime;
using Serow.Http.Tests.Sse;
using Serow.Validation;
using Streams.Feed;

namespace Serow.Http.Tests.Validation;

/// <summary>
/// A required number missing from JSON is reported as "&lt;field&gt;: required" (it does not silently read as 0):
/// in a request body decoded by the server, and in Server-Sent Events data decoded by the client.
/// </summary>
public sealed class RequiredFieldTests
{
    [Fact]
    public async Task RequestBody_WithoutARequiredNumber_Is400NamingTheFieldAsRequired()
    {
        await using var host = await StreamsHost.StartAsync(new FeedService(), new FilesService());
        using var http = host.CreateClient();

        using var response = await http.PostAsync("snapshots", new StringContent("{\"names\":[\"a\"]}", Encoding.UTF8, "application/json"), Timeouts.Token());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = HttpErrors.TryParse(await response.Content.ReadAsStringAsync(Timeouts.Token()));
        Assert.NotNull(body);
        var violation = Assert.Single(body.Errors!);
        Assert.Equal(("count", "required"), (violation.Field, violation.Rule));
    }

    [Fact]
    public async Task EventData_WithoutARequiredNumber_FailsTheClientsReceiveNamingTheFieldAsRequired()
    {
        await using var host = await StreamsHost.StartRawAsync("data: {\"values\":{\"a\":1}}\n\ndata: {\"seq\":2,\"values\":{}}\n\n");
        using var http = host.CreateClient();
        var client = new FeedHttpClient(http);
        await using var stream = await client.SnapshotsAsync(new SnapshotsPayload { Names = ["a"], Count = 2 }, Timeouts.Token());

        var error = await Assert.ThrowsAsync<ValidationException>(() => stream.RecvAsync(Timeouts.Token()).AsTask().DefaultTimeout());

        var violation = Assert.Single(error.Errors);
        Assert.Equal(("seq", "required"), (violation.Field, violation.Rule));

        // The broken event is consumed and the stream stays usable.
        Assert.Equal(2, (await stream.RecvAsync(Timeouts.Token()))!.Seq);
    }
}
