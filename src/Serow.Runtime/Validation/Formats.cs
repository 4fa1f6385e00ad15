// Licensed under the MIT license. See LICENSE in the project root.

using System.Globalization;
using System.Net;
using System.Net.Mail;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Serow.Validation;

/// <summary>The string formats a design can require with <c>Format</c>, and their checks.</summary>
public static partial class Formats
{
    /// <summary>A calendar date, <c>2006-01-02</c> (RFC 3339 full-date).</summary>
    public const string Date = "date";

    /// <summary>A date and time with offset (RFC 3339).</summary>
    public const string DateTime = "date-time";

    /// <summary>A UUID in its 8-4-4-4-12 hexadecimal form.</summary>
    public const string Uuid = "uuid";

    /// <summary>An e-mail address.</summary>
    public const string Email = "email";

    /// <summary>A host name (RFC 1123).</summary>
    public const string Hostname = "hostname";

    /// <summary>An IPv4 address.</summary>
    public const string IPv4 = "ipv4";

    /// <summary>An IPv6 address.</summary>
    public const string IPv6 = "ipv6";

    /// <summary>An IPv4 or IPv6 address.</summary>
    public const string IP = "ip";

    /// <summary>An absolute URI.</summary>
    public const string Uri = "uri";

    /// <summary>An IEEE 802 MAC address.</summary>
    public const string Mac = "mac";

    /// <summary>An IP network in CIDR notation.</summary>
    public const string Cidr = "cidr";

    /// <summary>A valid regular expression.</summary>
    public const string Regexp = "regexp";

    /// <summary>A JSON document.</summary>
    public const string Json = "json";

    /// <summary>A date in RFC 1123 form, as HTTP headers use.</summary>
    public const string Rfc1123 = "rfc1123";

    /// <summary>Every supported format name.</summary>
    public static IReadOnlyList<string> All { get; } =
        [Date, DateTime, Uuid, Email, Hostname, IPv4, IPv6, IP, Uri, Mac, Cidr, Regexp, Json, Rfc1123];

    /// <summary>Whether <paramref name="value"/> follows <paramref name="format"/>; unknown formats throw.</summary>
    public static bool IsValid(string format, string value) => format switch
    {
        Date => System.DateTime.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
        DateTime => DateTimeRegex().IsMatch(value) && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
        Uuid => UuidRegex().IsMatch(value),
        Email => IsEmail(value),
        Hostname => value.Length <= 253 && HostnameRegex().IsMatch(value),
        IPv4 => IsIPv4(value),
        IPv6 => IsIPv6(value),
        IP => IsIPv4(value) || IsIPv6(value),
        Uri => IsAbsoluteUri(value),
        Mac => MacRegex().IsMatch(value),
        Cidr => IPNetwork.TryParse(value, out _),
        Regexp => IsRegex(value),
        Json => IsJson(value),
        Rfc1123 => System.DateTime.TryParseExact(value, "r", CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
        _ => throw new ArgumentException($"Unknown format \"{format}\".", nameof(format)),
    };

    // IPAddress.TryParse also accepts shorthand ("1" is 0.0.0.1), hexadecimal and octal parts; a field declared as an
    // IPv4 address must be the dotted-decimal form.
    private static bool IsIPv4(string value) => IPv4Regex().IsMatch(value);

    // IPAddress.TryParse also accepts brackets, ports and zone ids ("[::1]:80", "fe80::1%eth0"), which are not addresses.
    private static bool IsIPv6(string value) =>
        value.Contains(':', StringComparison.Ordinal)
        && value.All(c => char.IsAsciiHexDigit(c) || c is ':' or '.')
        && IPAddress.TryParse(value, out var address)
        && address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6;

    // On Unix, Uri.TryCreate treats "/path" as an absolute file URI; an absolute URI must spell its scheme.
    private static bool IsAbsoluteUri(string value) =>
        System.Uri.TryCreate(value, UriKind.Absolute, out var uri)
        && value.StartsWith(uri.Scheme + ":", StringComparison.OrdinalIgnoreCase);

    private static bool IsEmail(string value)
    {
        if (!MailAddress.TryCreate(value, out var address))
        {
            return false;
        }

        // MailAddress accepts display names ("A <a@b>"); a field that must be an address must be only that.
        return address.Address == value;
    }

    private static bool IsRegex(string value)
    {
        try
        {
            _ = new Regex(value, RegexOptions.None, TimeSpan.FromSeconds(1));
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static bool IsJson(string value)
    {
        try
        {
            using var _ = JsonDocument.Parse(value);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex DateTimeRegex();

    [GeneratedRegex(@"^((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])$", RegexOptions.CultureInvariant)]
    private static partial Regex IPv4Regex();

    [GeneratedRegex(@"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$", RegexOptions.CultureInvariant)]
    private static partial Regex UuidRegex();

    [GeneratedRegex(@"^(?=.{1,253}$)([a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)(\.[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*\.?$", RegexOptions.CultureInvariant)]
    private static partial Regex HostnameRegex();

    [GeneratedRegex(@"^([0-9A-Fa-f]{2}[:-]){5}[0-9A-Fa-f]{2}$", RegexOptions.CultureInvariant)]
    private static partial Regex MacRegex();
}
