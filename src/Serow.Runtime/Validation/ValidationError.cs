// Licensed under the MIT license. See LICENSE in the project root.

namespace Serow.Validation;

/// <summary>One violated rule.</summary>
/// <param name="Field">The path of the field, for example <c>events[2].timestamp</c>; empty for the whole message.</param>
/// <param name="Rule">The rule: <c>required</c>, <c>enum</c>, <c>pattern</c>, <c>format</c>, <c>minLength</c>, <c>maxLength</c>,
/// <c>minimum</c>, <c>maximum</c>, <c>exclusiveMinimum</c>, <c>exclusiveMaximum</c>, <c>view</c> or <c>decode</c>.</param>
/// <param name="Message">A readable message naming the field and the rule.</param>
public sealed record ValidationError(string Field, string Rule, string Message)
{
    /// <inheritdoc/>
    public override string ToString() => Message;
}
