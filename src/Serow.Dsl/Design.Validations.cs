// Licensed under the MIT license. See LICENSE in the project root.

using Serow.Dsl.Expressions;

namespace Serow.Dsl;

/// <content>Validations, defaults and examples.</content>
public abstract partial class Design
{
    /// <summary>The <c>date</c> format (RFC 3339 full-date).</summary>
    protected const string FormatDate = "date";

    /// <summary>The <c>date-time</c> format (RFC 3339).</summary>
    protected const string FormatDateTime = "date-time";

    /// <summary>The <c>uuid</c> format (RFC 4122).</summary>
    protected const string FormatUUID = "uuid";

    /// <summary>The <c>email</c> format (RFC 5322).</summary>
    protected const string FormatEmail = "email";

    /// <summary>The <c>hostname</c> format (RFC 1035).</summary>
    protected const string FormatHostname = "hostname";

    /// <summary>The <c>ipv4</c> format.</summary>
    protected const string FormatIPv4 = "ipv4";

    /// <summary>The <c>ipv6</c> format.</summary>
    protected const string FormatIPv6 = "ipv6";

    /// <summary>The <c>ip</c> format (IPv4 or IPv6).</summary>
    protected const string FormatIP = "ip";

    /// <summary>The <c>uri</c> format (RFC 3986).</summary>
    protected const string FormatURI = "uri";

    /// <summary>The <c>mac</c> format (IEEE 802 MAC-48, EUI-48 or EUI-64).</summary>
    protected const string FormatMAC = "mac";

    /// <summary>The <c>cidr</c> format (RFC 4632, RFC 4291).</summary>
    protected const string FormatCIDR = "cidr";

    /// <summary>The <c>regexp</c> format: the value is a regular expression.</summary>
    protected const string FormatRegexp = "regexp";

    /// <summary>The <c>json</c> format: the value is JSON text.</summary>
    protected const string FormatJSON = "json";

    /// <summary>The <c>rfc1123</c> format (HTTP dates).</summary>
    protected const string FormatRFC1123 = "rfc1123";

    /// <summary>Restricts the current attribute to the given values.</summary>
    /// <param name="values">The allowed values.</param>
    protected void Enum(params object[] values) => AddValidation("Enum", values);

    /// <summary>Requires strings to match a regular expression.</summary>
    /// <param name="pattern">The regular expression.</param>
    protected void Pattern(string pattern) => AddValidation("Pattern", pattern);

    /// <summary>Requires strings to follow a format; use the <c>Format*</c> constants.</summary>
    /// <param name="format">The format.</param>
    protected void Format(string format) => AddValidation("Format", format);

    /// <summary>The minimum length of a string or collection.</summary>
    /// <param name="length">The minimum length.</param>
    protected void MinLength(int length) => AddValidation("MinLength", length);

    /// <summary>The maximum length of a string or collection.</summary>
    /// <param name="length">The maximum length.</param>
    protected void MaxLength(int length) => AddValidation("MaxLength", length);

    /// <summary>The inclusive minimum of a number.</summary>
    /// <param name="value">The minimum.</param>
    protected void Minimum(double value) => AddValidation("Minimum", value);

    /// <summary>The inclusive maximum of a number.</summary>
    /// <param name="value">The maximum.</param>
    protected void Maximum(double value) => AddValidation("Maximum", value);

    /// <summary>The exclusive minimum of a number.</summary>
    /// <param name="value">The exclusive minimum.</param>
    protected void ExclusiveMinimum(double value) => AddValidation("ExclusiveMinimum", value);

    /// <summary>The exclusive maximum of a number.</summary>
    /// <param name="value">The exclusive maximum.</param>
    protected void ExclusiveMaximum(double value) => AddValidation("ExclusiveMaximum", value);

    /// <summary>The current attribute's default value.</summary>
    /// <param name="value">The default; stored as a JSON literal.</param>
    protected void Default(object value)
    {
        var location = SourceLocator.Capture();
        if (Current<AttributeExpr>("Default", "an attribute block", location) is not { } attribute)
        {
            return;
        }

        if (ToJson(value, "Default", attribute, location) is { } json)
        {
            attribute.HasDefault = true;
            attribute.Default = value;
            attribute.DefaultJson = json;
            attribute.DefaultLocation = location;
        }
    }

    /// <summary>Adds an example value to the current attribute.</summary>
    /// <param name="value">The example; stored as a JSON literal.</param>
    protected void Example(object value) => AddExample(null, value);

    /// <summary>Adds an example value with a summary to the current attribute.</summary>
    /// <param name="summary">A short summary.</param>
    /// <param name="value">The example; stored as a JSON literal.</param>
    protected void Example(string summary, object value) => AddExample(summary, value);

    private void AddExample(string? summary, object value)
    {
        var location = SourceLocator.Capture();
        if (Current<AttributeExpr>("Example", "an attribute block", location) is { } attribute
            && ToJson(value, "Example", attribute, location) is { } json)
        {
            attribute.Examples.Add(new ExampleExpr(summary, json));
        }
    }

    private void AddValidation(string verb, object? value)
    {
        var location = SourceLocator.Capture();
        if (Current<AttributeExpr>(verb, "an attribute block (Attribute, Field, Payload, ArrayOf, …)", location) is not { } attribute)
        {
            return;
        }

        if (value is object[] values && values.Any(v => ToJson(v, verb, attribute, location) is null))
        {
            return;
        }

        attribute.Validations.Add(new ValidationCall(verb, value, location));
    }

    private string? ToJson(object? value, string verb, AttributeExpr attribute, Serow.Design.SourceLocation location)
    {
        try
        {
            return JsonValue.Serialize(value);
        }
        catch (Exception exception) when (exception is NotSupportedException or InvalidOperationException or ArgumentException)
        {
            Recorder.Report(
                DiagnosticIds.InvalidArgument,
                $"{attribute.Label}: the {verb} value cannot be written as JSON: {exception.Message}",
                location);
            return null;
        }
    }
}
