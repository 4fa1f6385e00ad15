// Licensed under the MIT license. See LICENSE in the project root.

using Serow.Dsl.Tests.Support;

namespace Serow.Dsl.Tests;

public sealed class TypeRuleTests
{
    public sealed class RequiredMissing : Design
    {
        public RequiredMissing() => Service("analytics", () => Method("process", () => StreamingPayload(() =>
        {
            Field(1, "event_type", String);
            Required("event_type", "data"); // mark:required-missing
        })));
    }

    [Fact]
    public void Required_UnknownAttribute_ReportsUnknownRequired() =>
        DesignAssert.Reports(typeof(RequiredMissing), "SEROW004", "mark:required-missing", ["service \"analytics\" method \"process\" streaming payload attribute \"data\"", "\"event_type\""]);

    public sealed class RequiredMissingOnTypeReference : Design
    {
        public RequiredMissingOnTypeReference()
        {
            var entry = Type("Entry", () => Attribute("id"));
            Service("s", () => Method("m", () => Payload(entry, () =>
            {
                Required("name"); // mark:required-ref
            })));
        }
    }

    [Fact]
    public void Required_UnknownAttributeOfNamedPayloadType_ReportsUnknownRequired() =>
        DesignAssert.Reports(typeof(RequiredMissingOnTypeReference), "SEROW004", "mark:required-ref", ["service \"s\" method \"m\" payload attribute \"name\""]);

    public sealed class ViewWithUnknownAttribute : Design
    {
        public ViewWithUnknownAttribute() => ResultType("application/vnd.log", "Log", () =>
        {
            Attribute("message");
            View("tiny", () =>
            {
                Attribute("severity"); // mark:view-attribute
            });
        });
    }

    [Fact]
    public void View_UnknownAttribute_ReportsUnknownViewAttribute() =>
        DesignAssert.Reports(typeof(ViewWithUnknownAttribute), "SEROW005", "mark:view-attribute", ["type \"Log\" view \"tiny\"", "\"severity\""]);

    public sealed class PinnedUnknownView : Design
    {
        public PinnedUnknownView()
        {
            var log = ResultType("application/vnd.log", "Log", () =>
            {
                Attribute("message");
                View("default", () => Attribute("message"));
            });
            Service("logger", () => Method("tail", () => StreamingResult(log, () =>
            {
                View("tiny"); // mark:pinned-view
            })));
        }
    }

    [Fact]
    public void PinnedView_NotDefinedByResultType_ReportsUnknownPinnedView() =>
        DesignAssert.Reports(typeof(PinnedUnknownView), "SEROW006", "mark:pinned-view", ["service \"logger\" method \"tail\" streaming result", "view \"tiny\"", "\"default\""]);

    public sealed class ViewInPlainType : Design
    {
        public ViewInPlainType() => Type("Plain", () =>
        {
            Attribute("a");
            View("tiny", () => Attribute("a")); // mark:view-plain
        });
    }

    [Fact]
    public void View_InTypeThatIsNotResultType_ReportsViewOnNonResultType() =>
        DesignAssert.Reports(typeof(ViewInPlainType), "SEROW007", "mark:view-plain", ["type \"Plain\"", "ResultType"]);

    public sealed class PinnedViewOnPlainType : Design
    {
        public PinnedViewOnPlainType()
        {
            var plain = Type("Plain", () => Attribute("a"));
            Service("s", () => Method("m", () => Result(plain, () =>
            {
                View("tiny"); // mark:pin-plain
            })));
        }
    }

    [Fact]
    public void PinnedView_OnTypeThatIsNotResultType_ReportsViewOnNonResultType() =>
        DesignAssert.Reports(typeof(PinnedViewOnPlainType), "SEROW007", "mark:pin-plain", ["service \"s\" method \"m\" result", "type \"Plain\""]);

    public sealed class RequiredInPrimitivePayload : Design
    {
        public RequiredInPrimitivePayload() => Service("s", () => Method("m", () => Payload(String, () =>
        {
            Required("x"); // mark:not-object
        })));
    }

    [Fact]
    public void Required_InPrimitivePayload_ReportsNotAnObject() =>
        DesignAssert.Reports(typeof(RequiredInPrimitivePayload), "SEROW014", "mark:not-object", ["service \"s\" method \"m\" payload", "String"]);

    public sealed class PatternOnInt : Design
    {
        public PatternOnInt() => Service("s", () => Method("m", () => Payload(() => Attribute("count", Int, () =>
        {
            Pattern("^[0-9]+$"); // mark:pattern-int
        }))));
    }

    [Fact]
    public void Pattern_OnInteger_ReportsValidationTypeMismatch() =>
        DesignAssert.Reports(typeof(PatternOnInt), "SEROW015", "mark:pattern-int", ["service \"s\" method \"m\" payload attribute \"count\"", "Pattern", "Int"]);

    public sealed class MinimumOnString : Design
    {
        public MinimumOnString() => Service("s", () => Method("m", () => Payload(() => Attribute("name", String, () =>
        {
            Minimum(1); // mark:minimum-string
        }))));
    }

    [Fact]
    public void Minimum_OnString_ReportsValidationTypeMismatch() =>
        DesignAssert.Reports(typeof(MinimumOnString), "SEROW015", "mark:minimum-string", ["attribute \"name\"", "Minimum", "numeric"]);

    public sealed class MinLengthOnNumber : Design
    {
        public MinLengthOnNumber() => Service("s", () => Method("m", () => Payload(() => Attribute("ratio", Float64, () =>
        {
            MinLength(2); // mark:minlength-number
        }))));
    }

    [Fact]
    public void MinLength_OnNumber_ReportsValidationTypeMismatch() =>
        DesignAssert.Reports(typeof(MinLengthOnNumber), "SEROW015", "mark:minlength-number", ["attribute \"ratio\"", "MinLength", "Float64"]);

    public sealed class UnknownFormat : Design
    {
        public UnknownFormat() => Service("s", () => Method("m", () => Payload(() => Attribute("when", String, () =>
        {
            Format("datetime"); // mark:unknown-format
        }))));
    }

    [Fact]
    public void Format_Unknown_ReportsUnknownFormat() =>
        DesignAssert.Reports(typeof(UnknownFormat), "SEROW016", "mark:unknown-format", ["attribute \"when\"", "\"datetime\"", "date-time"]);

    public sealed class EnumWrongType : Design
    {
        public EnumWrongType() => Service("s", () => Method("m", () => Payload(() => Attribute("level", Int, () =>
        {
            Enum(1, 2, "three"); // mark:enum-type
        }))));
    }

    [Fact]
    public void Enum_ValueOfWrongType_ReportsValueTypeMismatch() =>
        DesignAssert.Reports(typeof(EnumWrongType), "SEROW017", "mark:enum-type", ["attribute \"level\"", "\"three\"", "Int"]);

    public sealed class DefaultWrongType : Design
    {
        public DefaultWrongType() => Service("s", () => Method("m", () => Payload(() => Attribute("enabled", Boolean, () =>
        {
            Default("yes"); // mark:default-type
        }))));
    }

    [Fact]
    public void Default_ValueOfWrongType_ReportsValueTypeMismatch() =>
        DesignAssert.Reports(typeof(DefaultWrongType), "SEROW017", "mark:default-type", ["attribute \"enabled\"", "\"yes\"", "Boolean"]);

    public sealed class BadPattern : Design
    {
        public BadPattern() => Service("s", () => Method("m", () => Payload(() => Attribute("code", String, () =>
        {
            Pattern("[a-"); // mark:bad-pattern
        }))));
    }

    [Fact]
    public void Pattern_InvalidRegularExpression_ReportsInvalidArgument() =>
        DesignAssert.Reports(typeof(BadPattern), "SEROW034", "mark:bad-pattern", ["attribute \"code\"", "regular expression"]);
}
