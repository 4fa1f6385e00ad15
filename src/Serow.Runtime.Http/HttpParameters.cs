// Licensed under the MIT license. See LICENSE in the project root.

using System.Globalization;
using System.Text.Json;

namespace Serow.Http;

/// <summary>Converts payload attributes to and from path, query and header text, with invariant culture.</summary>
public static class HttpParameters
{
    /// <summary>The text of a value: <c>true</c>/<c>false</c>, invariant numbers, base64 for bytes, raw JSON for any.</summary>
    /// <typeparam name="T">A primitive type.</typeparam>
    /// <param name="value">The value.</param>
    public static string Format<T>(T value) => value switch
    {
        null => string.Empty,
        string s => s,
        bool b => b ? "true" : "false",
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        byte[] bytes => Convert.ToBase64String(bytes),
        JsonElement element => element.GetRawText(),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    /// <summary>Parses the text of a value of type <typeparamref name="T"/>.</summary>
    /// <typeparam name="T">A primitive type (<c>string</c>, <c>bool</c>, integers, floats, <c>byte[]</c>, <c>JsonElement</c>).</typeparam>
    /// <param name="text">The text.</param>
    /// <param name="value">The value when the text is valid.</param>
    /// <returns>Whether the text is a valid value.</returns>
    public static bool TryParse<T>(string text, out T value)
    {
        ArgumentNullException.ThrowIfNull(text);
        object? parsed = null;
        var ok = true;
        var invariant = CultureInfo.InvariantCulture;
        if (typeof(T) == typeof(string))
        {
            parsed = text;
        }
        else if (typeof(T) == typeof(bool) || typeof(T) == typeof(bool?))
        {
            ok = bool.TryParse(text, out var v);
            parsed = v;
        }
        else if (typeof(T) == typeof(int) || typeof(T) == typeof(int?))
        {
            ok = int.TryParse(text, NumberStyles.Integer, invariant, out var v);
            parsed = v;
        }
        else if (typeof(T) == typeof(long) || typeof(T) == typeof(long?))
        {
            ok = long.TryParse(text, NumberStyles.Integer, invariant, out var v);
            parsed = v;
        }
        else if (typeof(T) == typeof(uint) || typeof(T) == typeof(uint?))
        {
            ok = uint.TryParse(text, NumberStyles.None, invariant, out var v);
            parsed = v;
        }
        else if (typeof(T) == typeof(ulong) || typeof(T) == typeof(ulong?))
        {
            ok = ulong.TryParse(text, NumberStyles.None, invariant, out var v);
            parsed = v;
        }
        else if (typeof(T) == typeof(float) || typeof(T) == typeof(float?))
        {
            ok = float.TryParse(text, NumberStyles.Float, invariant, out var v);
            parsed = v;
        }
        else if (typeof(T) == typeof(double) || typeof(T) == typeof(double?))
        {
            ok = double.TryParse(text, NumberStyles.Float, invariant, out var v);
            parsed = v;
        }
        else if (typeof(T) == typeof(byte[]))
        {
            var buffer = new byte[text.Length];
            ok = Convert.TryFromBase64String(text, buffer, out var written);
            parsed = buffer[..written];
        }
        else if (typeof(T) == typeof(JsonElement) || typeof(T) == typeof(JsonElement?))
        {
            try
            {
                using var document = JsonDocument.Parse(text);
                parsed = document.RootElement.Clone();
            }
            catch (JsonException)
            {
                ok = false;
            }
        }
        else
        {
            throw new NotSupportedException($"{typeof(T)} cannot be read from a path, query or header parameter.");
        }

        value = ok ? (T)parsed! : default!;
        return ok;
    }

    /// <summary>A short description of <typeparamref name="T"/> for decode errors.</summary>
    internal static string Describe<T>()
    {
        var type = Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T);
        return type == typeof(bool) ? "a boolean (true or false)"
            : type == typeof(int) || type == typeof(long) ? "an integer"
            : type == typeof(uint) || type == typeof(ulong) ? "a non-negative integer"
            : type == typeof(float) || type == typeof(double) ? "a number"
            : type == typeof(byte[]) ? "base64 bytes"
            : type == typeof(JsonElement) ? "JSON"
            : "text";
    }
}
