// Licensed under the MIT license. See LICENSE in the project root.

using System.Collections;
using System.Collections.Concurrent;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Serow.Validation;

/// <summary>
/// Collects every rule violation of a message. Generated <c>Validate</c> methods call one helper per designed rule,
/// so the rules' wording and the field paths are the same for every type and transport.
/// </summary>
public sealed class ValidationReport
{
    private static readonly ConcurrentDictionary<string, Regex> Patterns = new();
    private readonly List<ValidationError> _errors = [];

    /// <summary>Every violation found so far.</summary>
    public IReadOnlyList<ValidationError> Errors => _errors;

    /// <summary>Whether no violation was found.</summary>
    public bool IsValid => _errors.Count == 0;

    [ThreadStatic]
    private static ValidationReport? t_spare;

    /// <summary>Validates <paramref name="value"/> and throws <see cref="ValidationException"/> listing every violation.</summary>
    public static void Check(IValidatable value)
    {
        ArgumentNullException.ThrowIfNull(value);
        Check(value, static (v, report) => v.Validate(report, string.Empty));
    }

    /// <summary>
    /// Runs <paramref name="validate"/> and throws <see cref="ValidationException"/> listing every violation. Validation
    /// is synchronous, so a report that found nothing is kept for the thread's next check: a valid message costs no
    /// allocation.
    /// </summary>
    internal static void Check<T>(T value, Action<T, ValidationReport> validate)
    {
        var report = t_spare ?? new ValidationReport();
        t_spare = null;
        validate(value, report);
        report.ThrowIfInvalid();
        t_spare = report;
    }

    /// <summary>Like <see cref="Check{T}(T, Action{T, ValidationReport})"/>, with state for the rules.</summary>
    internal static void Check<T, TState>(T value, TState state, Action<T, TState, ValidationReport> validate)
    {
        var report = t_spare ?? new ValidationReport();
        t_spare = null;
        validate(value, state, report);
        report.ThrowIfInvalid();
        t_spare = report;
    }

    /// <summary>Throws <see cref="ValidationException"/> when a violation was found.</summary>
    public void ThrowIfInvalid()
    {
        if (_errors.Count > 0)
        {
            throw new ValidationException(_errors.ToArray());
        }
    }

    /// <summary>Records a violation.</summary>
    public void Add(string field, string rule, string message) => _errors.Add(new ValidationError(field, rule, message));

    /// <summary>The path of a member: <c>parent.name</c>.</summary>
    public static string Member(string path, string name) => path.Length == 0 ? name : path + "." + name;

    /// <summary>The path of an element: <c>parent[index]</c>.</summary>
    public static string Element(string path, int index) => path + "[" + index.ToString(CultureInfo.InvariantCulture) + "]";

    /// <summary>The path of a map value: <c>parent[key]</c>.</summary>
    public static string Entry(string path, object key) => path + "[" + Convert.ToString(key, CultureInfo.InvariantCulture) + "]";

    /// <summary>Checks that a required field is present.</summary>
    public void Required(string field, object? value)
    {
        if (value is null)
        {
            Add(field, "required", $"field \"{Display(field)}\" is required");
        }
    }

    /// <summary>Validates a nested value when it is present.</summary>
    public void Nested(string field, IValidatable? value) => value?.Validate(this, field);

    /// <summary>Checks that a value is one of the allowed values.</summary>
    public void Enum<T>(string field, T value, params T[] allowed)
    {
        if (Array.IndexOf(allowed, value) < 0)
        {
            var list = string.Join(", ", allowed.Select(a => Literal(a)));
            Add(field, "enum", $"field \"{Display(field)}\" must be one of [{list}] but is {Literal(value)}");
        }
    }

    /// <summary>Checks that a string matches a regular expression.</summary>
    public void Pattern(string field, string value, string pattern)
    {
        var regex = Patterns.GetOrAdd(pattern, static p => new Regex(p, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)));
        if (!regex.IsMatch(value))
        {
            Add(field, "pattern", $"field \"{Display(field)}\" must match the regular expression \"{pattern}\" but is {Literal(value)}");
        }
    }

    /// <summary>Checks that a string follows a format such as <c>date-time</c> or <c>uuid</c>.</summary>
    public void Format(string field, string value, string format)
    {
        if (!Formats.IsValid(format, value))
        {
            Add(field, "format", $"field \"{Display(field)}\" must be formatted as {format} but is {Literal(value)}");
        }
    }

    /// <summary>Checks the minimum length of a string (in Unicode characters) or of a collection.</summary>
    public void MinLength(string field, object value, int min)
    {
        var length = LengthOf(value);
        if (length < min)
        {
            Add(field, "minLength", $"field \"{Display(field)}\" must have a length of at least {min} but has {length}");
        }
    }

    /// <summary>Checks the maximum length of a string (in Unicode characters) or of a collection.</summary>
    public void MaxLength(string field, object value, int max)
    {
        var length = LengthOf(value);
        if (length > max)
        {
            Add(field, "maxLength", $"field \"{Display(field)}\" must have a length of at most {max} but has {length}");
        }
    }

    /// <summary>Checks an inclusive lower bound.</summary>
    public void Minimum(string field, double value, double min)
    {
        if (!(value >= min))
        {
            Add(field, "minimum", $"field \"{Display(field)}\" must be greater than or equal to {Number(min)} but is {Number(value)}");
        }
    }

    /// <summary>Checks an inclusive upper bound.</summary>
    public void Maximum(string field, double value, double max)
    {
        if (!(value <= max))
        {
            Add(field, "maximum", $"field \"{Display(field)}\" must be less than or equal to {Number(max)} but is {Number(value)}");
        }
    }

    /// <summary>Checks an exclusive lower bound.</summary>
    public void ExclusiveMinimum(string field, double value, double min)
    {
        if (!(value > min))
        {
            Add(field, "exclusiveMinimum", $"field \"{Display(field)}\" must be greater than {Number(min)} but is {Number(value)}");
        }
    }

    /// <summary>Checks an exclusive upper bound.</summary>
    public void ExclusiveMaximum(string field, double value, double max)
    {
        if (!(value < max))
        {
            Add(field, "exclusiveMaximum", $"field \"{Display(field)}\" must be less than {Number(max)} but is {Number(value)}");
        }
    }

    /// <summary>Checks that a view name is one of the result type's views.</summary>
    public void View(string field, string view, params string[] views) =>
        Enum(field, view, views);

    private static string Display(string field) => field.Length == 0 ? "value" : field;

    private static int LengthOf(object value) => value switch
    {
        // Characters are Unicode scalar values, so an emoji counts once, not as two UTF-16 units.
        string s => s.EnumerateRunes().Count(),
        Array a => a.Length,
        ICollection c => c.Count,
        IEnumerable e => e.Cast<object?>().Count(),
        _ => 0,
    };

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string Literal(object? value) => value switch
    {
        null => "null",
        string s => "\"" + s + "\"",
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };
}
