// Licensed under the MIT license. See LICENSE in the project root.

using System.Net.WebSockets;
using Serow.Http;
using Serow.Http.WebSockets;
using Serow.Validation;

namespace Serow.Http.Tests.Runtime;

public sealed class RuntimeTests
{
    [Theory]
    [InlineData(false, false, false, 400)]
    [InlineData(true, false, false, 503)]
    [InlineData(false, true, false, 408)]
    [InlineData(true, true, false, 504)]
    [InlineData(true, true, true, 500)]
    public void StatusOf_UnmappedError_FollowsFlags(bool temporary, bool timeout, bool fault, int status) =>
        Assert.Equal(status, HttpErrors.StatusOf(new ServiceError("x", "m", temporary, timeout, fault)));

    [Fact]
    public void StatusOf_DesignedMapping_Wins() =>
        Assert.Equal(503, HttpErrors.StatusOf(new ServiceError("boom", "m", fault: true), n => n == "boom" ? 503 : null));

    [Fact]
    public void FromBody_Validation_RebuildsEveryViolationAndKeepsId()
    {
        var original = new ValidationException([new ValidationError("a", "required", "a is required"), new ValidationError("b", "maximum", "b is too big")]);

        var copy = Assert.IsType<ValidationException>(HttpErrors.FromBody(HttpErrors.ToBody(original), null));

        Assert.Equal(original.Errors, copy.Errors);
        Assert.Equal(original.Id, copy.Id);
    }

    [Fact]
    public void ToBody_UnexpectedException_HidesItsText()
    {
        var body = HttpErrors.ToBody(new InvalidOperationException("secret"));

        Assert.Equal((ServiceError.InternalName, true), (body.Name, body.Fault));
        Assert.DoesNotContain("secret", body.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("42", 42)]
    [InlineData("-7", -7)]
    public void TryParse_Int_IsInvariant(string text, int expected)
    {
        Assert.True(HttpParameters.TryParse<int>(text, out var value));
        Assert.Equal(expected, value);
    }

    [Fact]
    public void TryParse_Invalid_Fails()
    {
        Assert.False(HttpParameters.TryParse<int>("4x", out _));
        Assert.False(HttpParameters.TryParse<bool>("yes", out _));
        Assert.False(HttpParameters.TryParse<uint>("-1", out _));
    }

    [Fact]
    public void Format_RoundTripsThroughTryParse()
    {
        Assert.True(HttpParameters.TryParse<double>(HttpParameters.Format(0.1d), out var d));
        Assert.Equal(0.1d, d);
        Assert.True(HttpParameters.TryParse<byte[]>(HttpParameters.Format(new byte[] { 1, 2, 250 }), out var bytes));
        Assert.Equal(new byte[] { 1, 2, 250 }, bytes);
        Assert.Equal("true", HttpParameters.Format(true));
    }

    [Fact]
    public void RequestBuilder_EscapesRouteAndQuery()
    {
        var request = new HttpRequestBuilder("GET", "/logs/{topic}/{*rest}").Route("topic", "a b/c").Route("rest", "x/y z").Query("n", 3).Query<int?>("skip", null);

        Assert.Equal("logs/a%20b%2Fc/x/y%20z?n=3", request.RelativeUri);
        Assert.Equal(new Uri("http://h:1/api/logs/a%20b%2Fc/x/y%20z?n=3"), request.Resolve(new Uri("http://h:1/api")));
    }

    [Fact]
    public void CloseStatusOf_IsFourThousandPlusStatus()
    {
        Assert.Equal((WebSocketCloseStatus)4503, WebSocketProtocol.CloseStatusOf(503));
        Assert.True(WebSocketProtocol.IsServiceError((WebSocketCloseStatus)4400));
        Assert.False(WebSocketProtocol.IsServiceError(WebSocketCloseStatus.NormalClosure));
    }
}
