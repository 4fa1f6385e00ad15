// Licensed under the MIT license. See LICENSE in the project root.

using Serow.Validation;

namespace Serow.Runtime.Tests.Validation;

public sealed class FormatsTests
{
    [Theory]
    [InlineData(Formats.Date, "2024-02-29")]
    [InlineData(Formats.DateTime, "2024-02-29T13:45:00Z")]
    [InlineData(Formats.DateTime, "2024-02-29T13:45:00.123+02:00")]
    [InlineData(Formats.Uuid, "123e4567-e89b-12d3-a456-426614174000")]
    [InlineData(Formats.Email, "ana@example.com")]
    [InlineData(Formats.Hostname, "api.example.com")]
    [InlineData(Formats.IPv4, "192.168.1.10")]
    [InlineData(Formats.IPv6, "2001:db8::1")]
    [InlineData(Formats.IPv6, "::ffff:192.0.2.1")]
    [InlineData(Formats.IPv4, "0.0.0.0")]
    [InlineData(Formats.IPv4, "255.255.255.255")]
    [InlineData(Formats.IP, "10.0.0.1")]
    [InlineData(Formats.IP, "::1")]
    [InlineData(Formats.Uri, "https://example.com/a?b=c")]
    [InlineData(Formats.Mac, "00:1a:2B:3c:4d:5e")]
    [InlineData(Formats.Cidr, "10.0.0.0/8")]
    [InlineData(Formats.Cidr, "2001:db8::/32")]
    [InlineData(Formats.Regexp, "^[a-z]+$")]
    [InlineData(Formats.Json, "{\"a\":[1,2]}")]
    [InlineData(Formats.Rfc1123, "Mon, 02 Jan 2006 15:04:05 GMT")]
    public void Format_ValidValue_IsAccepted(string format, string value) =>
        Assert.True(Formats.IsValid(format, value));

    [Theory]
    [InlineData(Formats.Date, "2023-02-29")]
    [InlineData(Formats.Date, "2024-2-1")]
    [InlineData(Formats.DateTime, "2024-02-29 13:45")]
    [InlineData(Formats.DateTime, "2024-02-29T13:45:00")]
    [InlineData(Formats.Uuid, "123e4567e89b12d3a456426614174000")]
    [InlineData(Formats.Email, "Ana <ana@example.com>")]
    [InlineData(Formats.Email, "not-an-address")]
    [InlineData(Formats.Hostname, "-bad-.example.com")]
    [InlineData(Formats.IPv4, "1.2.3")]
    [InlineData(Formats.IPv4, "256.1.1.1")]
    [InlineData(Formats.IPv4, "::1")]
    [InlineData(Formats.IPv4, "0x7f.0.0.1")]
    [InlineData(Formats.IPv4, "010.0.0.1")]
    [InlineData(Formats.IPv6, "10.0.0.1")]
    [InlineData(Formats.IPv6, "[::1]")]
    [InlineData(Formats.IPv6, "[::1]:80")]
    [InlineData(Formats.IPv6, "fe80::1%eth0")]
    [InlineData(Formats.IP, "1")]
    [InlineData(Formats.IP, "example.com")]
    [InlineData(Formats.Uri, "relative/path")]
    [InlineData(Formats.Uri, "/absolute/path")]
    [InlineData(Formats.Mac, "00:1a:2b:3c:4d")]
    [InlineData(Formats.Cidr, "10.0.0.0/33")]
    [InlineData(Formats.Regexp, "([a-z")]
    [InlineData(Formats.Json, "{\"a\":")]
    [InlineData(Formats.Rfc1123, "2006-01-02")]
    public void Format_InvalidValue_IsRejected(string format, string value) =>
        Assert.False(Formats.IsValid(format, value));

    [Fact]
    public void Format_EveryKnownFormat_HasACheck()
    {
        foreach (var format in Formats.All)
        {
            _ = Formats.IsValid(format, "x");
        }
    }

    [Fact]
    public void Format_Unknown_ThrowsArgument() =>
        Assert.Throws<ArgumentException>(() => Formats.IsValid("colour", "red"));

    [Fact]
    public void Report_InvalidFormat_MessageNamesFieldAndFormat()
    {
        var report = new ValidationReport();
        report.Format("user.id", "nope", Formats.Uuid);
        var error = Assert.Single(report.Errors);
        Assert.Equal("user.id", error.Field);
        Assert.Equal("format", error.Rule);
        Assert.Equal("field \"user.id\" must be formatted as uuid but is \"nope\"", error.Message);
    }
}
