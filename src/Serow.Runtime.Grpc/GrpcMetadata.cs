// Licensed under the MIT license. See LICENSE in the project root.

using System.Globalization;
using Grpc.Core;
using Serow.Validation;

namespace Serow.Grpc;

/// <summary>
/// Payload attributes carried in request metadata (<c>Metadata(…)</c> in a method's GRPC block): the generated client
/// writes them with the <c>Add…</c> methods, the generated service reads them back with the <c>Get…</c> methods.
/// Text values use invariant formatting (<c>true</c>/<c>false</c>, decimal integers, round-trip floats); bytes travel
/// in binary (<c>-bin</c>) entries. An absent value is not sent and reads as null.
/// </summary>
public static class GrpcMetadata
{
    /// <summary>Adds a string entry when the value is not null.</summary>
    /// <param name="headers">The request metadata.</param>
    /// <param name="key">The key.</param>
    /// <param name="value">The value (printable ASCII, as HTTP/2 header values require).</param>
    public static void AddString(Metadata headers, string key, string? value)
    {
        ArgumentNullException.ThrowIfNull(headers);
        if (value is not null)
        {
            headers.Add(key, value);
        }
    }

    /// <summary>Adds a binary entry (the key ends with <c>-bin</c>) when the value is not null.</summary>
    /// <param name="headers">The request metadata.</param>
    /// <param name="key">The key.</param>
    /// <param name="value">The bytes.</param>
    public static void AddBytes(Metadata headers, string key, byte[]? value)
    {
        ArgumentNullException.ThrowIfNull(headers);
        if (value is not null)
        {
            headers.Add(key, value);
        }
    }

    /// <summary>Adds <c>true</c> or <c>false</c> when the value is not null.</summary>
    /// <param name="headers">The request metadata.</param>
    /// <param name="key">The key.</param>
    /// <param name="value">The value.</param>
    public static void AddBoolean(Metadata headers, string key, bool? value) => AddString(headers, key, value is { } v ? (v ? "true" : "false") : null);

    /// <summary>Adds the value in invariant decimal digits when it is not null.</summary>
    /// <param name="headers">The request metadata.</param>
    /// <param name="key">The key.</param>
    /// <param name="value">The value.</param>
    public static void AddInt32(Metadata headers, string key, int? value) => AddString(headers, key, value?.ToString(CultureInfo.InvariantCulture));

    /// <summary>Adds the value in invariant decimal digits when it is not null.</summary>
    /// <param name="headers">The request metadata.</param>
    /// <param name="key">The key.</param>
    /// <param name="value">The value.</param>
    public static void AddInt64(Metadata headers, string key, long? value) => AddString(headers, key, value?.ToString(CultureInfo.InvariantCulture));

    /// <summary>Adds the value in invariant decimal digits when it is not null.</summary>
    /// <param name="headers">The request metadata.</param>
    /// <param name="key">The key.</param>
    /// <param name="value">The value.</param>
    public static void AddUInt32(Metadata headers, string key, uint? value) => AddString(headers, key, value?.ToString(CultureInfo.InvariantCulture));

    /// <summary>Adds the value in invariant decimal digits when it is not null.</summary>
    /// <param name="headers">The request metadata.</param>
    /// <param name="key">The key.</param>
    /// <param name="value">The value.</param>
    public static void AddUInt64(Metadata headers, string key, ulong? value) => AddString(headers, key, value?.ToString(CultureInfo.InvariantCulture));

    /// <summary>Adds the value in invariant round-trip form when it is not null.</summary>
    /// <param name="headers">The request metadata.</param>
    /// <param name="key">The key.</param>
    /// <param name="value">The value.</param>
    public static void AddSingle(Metadata headers, string key, float? value) => AddString(headers, key, value?.ToString("R", CultureInfo.InvariantCulture));

    /// <summary>Adds the value in invariant round-trip form when it is not null.</summary>
    /// <param name="headers">The request metadata.</param>
    /// <param name="key">The key.</param>
    /// <param name="value">The value.</param>
    public static void AddDouble(Metadata headers, string key, double? value) => AddString(headers, key, value?.ToString("R", CultureInfo.InvariantCulture));

    /// <summary>The last text entry of <paramref name="key"/>, or null.</summary>
    /// <param name="headers">The request metadata.</param>
    /// <param name="key">The key.</param>
    /// <returns>The value.</returns>
    public static string? GetString(Metadata headers, string key)
    {
        ArgumentNullException.ThrowIfNull(headers);
        return headers.Get(key) is { IsBinary: false } entry ? entry.Value : null;
    }

    /// <summary>The last binary entry of <paramref name="key"/>, or null.</summary>
    /// <param name="headers">The request metadata.</param>
    /// <param name="key">The key (ending with <c>-bin</c>).</param>
    /// <returns>The bytes.</returns>
    public static byte[]? GetBytes(Metadata headers, string key)
    {
        ArgumentNullException.ThrowIfNull(headers);
        return headers.Get(key) is { IsBinary: true } entry ? entry.ValueBytes : null;
    }

    /// <summary>Reads <c>true</c> or <c>false</c>.</summary>
    /// <param name="headers">The request metadata.</param>
    /// <param name="key">The key.</param>
    /// <returns>The value, or null when absent.</returns>
    /// <exception cref="ValidationException">The entry is neither (rule <c>decode</c>).</exception>
    public static bool? GetBoolean(Metadata headers, string key) => GetString(headers, key) switch
    {
        null => null,
        "true" => true,
        "false" => false,
        var text => throw Invalid(key, text, "a boolean (true or false)"),
    };

    /// <summary>Reads invariant decimal digits.</summary>
    /// <param name="headers">The request metadata.</param>
    /// <param name="key">The key.</param>
    /// <returns>The value, or null when absent.</returns>
    /// <exception cref="ValidationException">The entry is not a 32-bit integer (rule <c>decode</c>).</exception>
    public static int? GetInt32(Metadata headers, string key) =>
        GetString(headers, key) is { } text ? int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value : throw Invalid(key, text, "a 32-bit integer") : null;

    /// <summary>Reads invariant decimal digits.</summary>
    /// <param name="headers">The request metadata.</param>
    /// <param name="key">The key.</param>
    /// <returns>The value, or null when absent.</returns>
    /// <exception cref="ValidationException">The entry is not a 64-bit integer (rule <c>decode</c>).</exception>
    public static long? GetInt64(Metadata headers, string key) =>
        GetString(headers, key) is { } text ? long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value : throw Invalid(key, text, "a 64-bit integer") : null;

    /// <summary>Reads invariant decimal digits.</summary>
    /// <param name="headers">The request metadata.</param>
    /// <param name="key">The key.</param>
    /// <returns>The value, or null when absent.</returns>
    /// <exception cref="ValidationException">The entry is not an unsigned 32-bit integer (rule <c>decode</c>).</exception>
    public static uint? GetUInt32(Metadata headers, string key) =>
        GetString(headers, key) is { } text ? uint.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : throw Invalid(key, text, "an unsigned 32-bit integer") : null;

    /// <summary>Reads invariant decimal digits.</summary>
    /// <param name="headers">The request metadata.</param>
    /// <param name="key">The key.</param>
    /// <returns>The value, or null when absent.</returns>
    /// <exception cref="ValidationException">The entry is not an unsigned 64-bit integer (rule <c>decode</c>).</exception>
    public static ulong? GetUInt64(Metadata headers, string key) =>
        GetString(headers, key) is { } text ? ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : throw Invalid(key, text, "an unsigned 64-bit integer") : null;

    /// <summary>Reads an invariant floating-point number.</summary>
    /// <param name="headers">The request metadata.</param>
    /// <param name="key">The key.</param>
    /// <returns>The value, or null when absent.</returns>
    /// <exception cref="ValidationException">The entry is not a number (rule <c>decode</c>).</exception>
    public static float? GetSingle(Metadata headers, string key) =>
        GetString(headers, key) is { } text ? float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : throw Invalid(key, text, "a number") : null;

    /// <summary>Reads an invariant floating-point number.</summary>
    /// <param name="headers">The request metadata.</param>
    /// <param name="key">The key.</param>
    /// <returns>The value, or null when absent.</returns>
    /// <exception cref="ValidationException">The entry is not a number (rule <c>decode</c>).</exception>
    public static double? GetDouble(Metadata headers, string key) =>
        GetString(headers, key) is { } text ? double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : throw Invalid(key, text, "a number") : null;

    /// <summary>A required value-type attribute: the value read, or a <c>required</c> violation when the entry is absent.</summary>
    /// <typeparam name="T">The value type.</typeparam>
    /// <param name="value">The value read.</param>
    /// <param name="key">The key.</param>
    /// <returns>The value.</returns>
    /// <exception cref="ValidationException">The entry is absent.</exception>
    public static T Required<T>(T? value, string key)
        where T : struct =>
        value ?? throw new ValidationException([new ValidationError(key, "required", $"metadata \"{key}\" is required")]);

    private static ValidationException Invalid(string key, string text, string expected) =>
        new([new ValidationError(key, "decode", $"metadata \"{key}\" must be {expected}, got \"{text}\"")]);
}
