// Licensed under the MIT license. See LICENSE in the project root.

using Serow.Validation;

namespace Serow.Runtime.Tests.Validation;

public sealed class ValidationReportTests
{
    [Fact]
    public void Report_NoViolation_IsValidAndDoesNotThrow()
    {
        var report = new ValidationReport();
        report.Required("name", "x");
        report.Minimum("age", 3, 0);
        Assert.True(report.IsValid);
        report.ThrowIfInvalid();
    }

    [Fact]
    public void Report_SeveralViolations_ExceptionListsEveryOne()
    {
        var report = new ValidationReport();
        report.Required("user.name", null);
        report.Maximum("user.age", 200, 150);

        var error = Assert.Throws<ValidationException>(report.ThrowIfInvalid);
        Assert.Equal(2, error.Errors.Count);
        Assert.Equal(ValidationException.ErrorName, error.Name);
        Assert.StartsWith("2 validation errors", error.Message, StringComparison.Ordinal);
        Assert.Contains("\"user.name\" is required", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("minimum", "field \"n\" must be greater than or equal to 1 but is 0")]
    [InlineData("maximum", "field \"n\" must be less than or equal to -1 but is 0")]
    [InlineData("exclusiveMinimum", "field \"n\" must be greater than 0 but is 0")]
    [InlineData("exclusiveMaximum", "field \"n\" must be less than 0 but is 0")]
    public void Report_NumericRule_MessageNamesFieldAndBound(string rule, string message)
    {
        var report = new ValidationReport();
        switch (rule)
        {
            case "minimum": report.Minimum("n", 0, 1); break;
            case "maximum": report.Maximum("n", 0, -1); break;
            case "exclusiveMinimum": report.ExclusiveMinimum("n", 0, 0); break;
            default: report.ExclusiveMaximum("n", 0, 0); break;
        }

        var error = Assert.Single(report.Errors);
        Assert.Equal(rule, error.Rule);
        Assert.Equal("n", error.Field);
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void Report_NaN_BreaksBothBounds()
    {
        var report = new ValidationReport();
        report.Minimum("x", double.NaN, 0);
        report.Maximum("x", double.NaN, 0);
        Assert.Equal(2, report.Errors.Count);
    }

    [Fact]
    public void Report_Enum_MessageListsAllowedValues()
    {
        var report = new ValidationReport();
        report.Enum("color", "pink", "red", "green");
        Assert.Equal("field \"color\" must be one of [\"red\", \"green\"] but is \"pink\"", Assert.Single(report.Errors).Message);
    }

    [Fact]
    public void Report_Pattern_MessageNamesPattern()
    {
        var report = new ValidationReport();
        report.Pattern("code", "abc", "^[0-9]+$");
        report.Pattern("code", "123", "^[0-9]+$");
        var error = Assert.Single(report.Errors);
        Assert.Equal("pattern", error.Rule);
        Assert.Contains("^[0-9]+$", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_Lengths_CountStringsAndCollections()
    {
        var report = new ValidationReport();
        report.MinLength("tags", new List<string> { "a" }, 2);
        report.MaxLength("name", "abcd", 3);
        report.MinLength("ok", "ab", 2);
        Assert.Equal(["minLength", "maxLength"], report.Errors.Select(e => e.Rule));
        Assert.Equal("field \"tags\" must have a length of at least 2 but has 1", report.Errors[0].Message);
    }

    [Fact]
    public void Report_StringLength_CountsCharactersNotUtf16Units()
    {
        var report = new ValidationReport();
        report.MaxLength("emoji", "😀😀", 2);
        report.MinLength("emoji", "😀", 2);
        Assert.Equal(["minLength"], report.Errors.Select(e => e.Rule));
    }

    [Fact]
    public void Report_Paths_ComposeMembersElementsAndEntries()
    {
        var path = ValidationReport.Entry(ValidationReport.Element(ValidationReport.Member(ValidationReport.Member(string.Empty, "a"), "b"), 2), "k");
        Assert.Equal("a.b[2][k]", path);
    }

    [Fact]
    public void Report_EmptyField_MessageSaysValue()
    {
        var report = new ValidationReport();
        report.Required(string.Empty, null);
        Assert.Equal("field \"value\" is required", Assert.Single(report.Errors).Message);
    }

    [Fact]
    public void Report_View_UnknownViewIsViolation()
    {
        var report = new ValidationReport();
        report.View("view", "huge", "default", "tiny");
        Assert.Contains("\"huge\"", Assert.Single(report.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_Validatable_ThrowsWithEveryViolation()
    {
        var error = Assert.Throws<ValidationException>(() => ValidationReport.Check(new Pair(null, -1)));
        Assert.Equal(["name", "count"], error.Errors.Select(e => e.Field));
    }

    private sealed record Pair(string? Name, int Count) : IValidatable
    {
        public void Validate(ValidationReport report, string path)
        {
            report.Required(ValidationReport.Member(path, "name"), Name);
            report.Minimum(ValidationReport.Member(path, "count"), Count, 0);
        }
    }
}
