// Licensed under the MIT license. See LICENSE in the project root.

using Serow.Dsl.Tests.Support;

namespace Serow.Dsl.Tests;

public sealed class StructureRuleTests
{
    public sealed class FieldOutsideAttributeBlock : Design
    {
        public FieldOutsideAttributeBlock() => Service("s", () => Method("m", () =>
        {
            Field(1, "x", String); // mark:wp-field
        }));
    }

    [Fact]
    public void Field_OutsideAttributeBlock_ReportsWrongPlace() =>
        DesignAssert.Reports(typeof(FieldOutsideAttributeBlock), "SEROW001", "mark:wp-field", ["service \"s\" method \"m\"", "Field", "attribute block"]);

    public sealed class GetOutsideHttp : Design
    {
        public GetOutsideHttp() => Service("s", () => Method("m", () =>
        {
            GET("/x"); // mark:wp-get
        }));
    }

    [Fact]
    public void Get_OutsideHttp_ReportsWrongPlace() =>
        DesignAssert.Reports(typeof(GetOutsideHttp), "SEROW001", "mark:wp-get", ["service \"s\" method \"m\"", "GET", "HTTP block"]);

    public sealed class TemporaryOutsideError : Design
    {
        public TemporaryOutsideError() => Service("s", () =>
        {
            Temporary(); // mark:wp-temporary
        });
    }

    [Fact]
    public void Temporary_OutsideError_ReportsWrongPlace() =>
        DesignAssert.Reports(typeof(TemporaryOutsideError), "SEROW001", "mark:wp-temporary", ["service \"s\"", "Temporary", "Error block"]);

    public sealed class MethodOutsideService : Design
    {
        public MethodOutsideService()
        {
            Method("m", () => { }); // mark:wp-method
        }
    }

    [Fact]
    public void Method_OutsideService_ReportsWrongPlace() =>
        DesignAssert.Reports(typeof(MethodOutsideService), "SEROW001", "mark:wp-method", ["top level", "Method", "Service block"]);

    public sealed class ServiceInsideApi : Design
    {
        public ServiceInsideApi() => API("a", () =>
        {
            Service("s", () => { }); // mark:wp-service
        });
    }

    [Fact]
    public void Service_InsideApi_ReportsWrongPlace() =>
        DesignAssert.Reports(typeof(ServiceInsideApi), "SEROW001", "mark:wp-service", ["API \"a\"", "Service", "top level"]);

    public sealed class BadMethodName : Design
    {
        public BadMethodName() => Service("s", () =>
        {
            Method("1st-method", () => { }); // mark:bad-identifier
        });
    }

    [Fact]
    public void MethodName_NotAnIdentifier_ReportsInvalidIdentifier() =>
        DesignAssert.Reports(typeof(BadMethodName), "SEROW002", "mark:bad-identifier", ["service \"s\"", "method name \"1st-method\""]);

    public sealed class EmptyAttributeName : Design
    {
        public EmptyAttributeName() => Service("s", () => Method("m", () => Payload(() =>
        {
            Attribute(""); // mark:empty-identifier
        })));
    }

    [Fact]
    public void AttributeName_Empty_ReportsInvalidIdentifier() =>
        DesignAssert.Reports(typeof(EmptyAttributeName), "SEROW002", "mark:empty-identifier", ["service \"s\" method \"m\" payload", "attribute name \"\""]);

    public sealed class DuplicateServices : Design
    {
        public DuplicateServices()
        {
            Service("s", () => { });
            Service("s", () => { }); // mark:dup-service
        }
    }

    [Fact]
    public void ServiceName_DeclaredTwice_ReportsDuplicate() =>
        DesignAssert.Reports(typeof(DuplicateServices), "SEROW003", "mark:dup-service", ["service \"s\"", "declared twice"]);

    public sealed class DuplicateMethods : Design
    {
        public DuplicateMethods() => Service("s", () =>
        {
            Method("m", () => { });
            Method("m", () => { }); // mark:dup-method
        });
    }

    [Fact]
    public void MethodName_DeclaredTwiceInService_ReportsDuplicate() =>
        DesignAssert.Reports(typeof(DuplicateMethods), "SEROW003", "mark:dup-method", ["service \"s\" method \"m\"", "declared twice"]);

    public sealed class DuplicateTypes : Design
    {
        public DuplicateTypes()
        {
            Type("T", () => Attribute("a"));
            Type("T", () => Attribute("b")); // mark:dup-type
        }
    }

    [Fact]
    public void TypeName_DeclaredTwice_ReportsDuplicate() =>
        DesignAssert.Reports(typeof(DuplicateTypes), "SEROW003", "mark:dup-type", ["type \"T\"", "declared twice"]);

    public sealed class DuplicateAttributes : Design
    {
        public DuplicateAttributes() => Service("s", () => Method("m", () => Payload(() =>
        {
            Attribute("a");
            Attribute("a", Int); // mark:dup-attribute
        })));
    }

    [Fact]
    public void AttributeName_DeclaredTwiceInObject_ReportsDuplicate() =>
        DesignAssert.Reports(typeof(DuplicateAttributes), "SEROW003", "mark:dup-attribute", ["service \"s\" method \"m\" payload attribute \"a\"", "declared twice"]);

    public sealed class DuplicateErrors : Design
    {
        public DuplicateErrors() => Service("s", () =>
        {
            Error("not_found");
            Error("not_found", "again"); // mark:dup-error
        });
    }

    [Fact]
    public void ErrorName_DeclaredTwiceInScope_ReportsDuplicate() =>
        DesignAssert.Reports(typeof(DuplicateErrors), "SEROW003", "mark:dup-error", ["service \"s\" error \"not_found\"", "declared twice"]);

    public sealed class ResultAndStreamingResult : Design
    {
        public ResultAndStreamingResult() => Service("s", () => Method("m", () =>
        {
            Result(String);
            StreamingResult(String); // mark:result-conflict
        }));
    }

    [Fact]
    public void StreamingResult_WithResult_ReportsConflict() =>
        DesignAssert.Reports(typeof(ResultAndStreamingResult), "SEROW012", "mark:result-conflict", ["service \"s\" method \"m\"", "Result and StreamingResult"]);

    public sealed class PayloadTwice : Design
    {
        public PayloadTwice() => Service("s", () => Method("m", () =>
        {
            Payload(String);
            Payload(() => Attribute("a")); // mark:payload-twice
        }));
    }

    [Fact]
    public void Payload_DeclaredTwice_ReportsDeclaredTwice() =>
        DesignAssert.Reports(typeof(PayloadTwice), "SEROW013", "mark:payload-twice", ["service \"s\" method \"m\"", "Payload is declared twice"]);

    public sealed class TwoApis : Design
    {
        public TwoApis()
        {
            API("first", () => Title("First"));
            API("second", () => Title("Second")); // mark:two-apis
        }
    }

    [Fact]
    public void Api_DeclaredTwice_ReportsDeclaredTwice() =>
        DesignAssert.Reports(typeof(TwoApis), "SEROW013", "mark:two-apis", ["API \"second\"", "\"first\""]);

    public sealed class ThrowingBlock : Design
    {
        public ThrowingBlock() => Service("s", () => Method("m", () =>
        {
            throw new InvalidOperationException("boom"); // mark:throws
        }));
    }

    [Fact]
    public void DesignBlock_Throws_ReportsExceptionAsDiagnostic() =>
        DesignAssert.Reports(typeof(ThrowingBlock), "SEROW033", "mark:throws", ["service \"s\" method \"m\"", "InvalidOperationException", "boom"]);

    public sealed class ThrowingConstructor : Design
    {
        public ThrowingConstructor()
        {
            throw new InvalidOperationException("bad constructor"); // mark:ctor-throws
        }
    }

    [Fact]
    public void DesignConstructor_Throws_ReportsExceptionAsDiagnostic() =>
        DesignAssert.Reports(typeof(ThrowingConstructor), "SEROW033", "mark:ctor-throws", ["ThrowingConstructor", "bad constructor"]);

    public sealed class MapWithObjectKey : Design
    {
        public MapWithObjectKey()
        {
            var key = Type("Key", () => Attribute("k"));
            Service("s", () => Method("m", () => Payload(() =>
            {
                Attribute("lookup", MapOf(key, String)); // mark:map-key
            })));
        }
    }

    [Fact]
    public void MapOf_NonPrimitiveKey_ReportsInvalidArgument() =>
        DesignAssert.Reports(typeof(MapWithObjectKey), "SEROW034", "mark:map-key", ["MapOf", "primitive key"]);

    public sealed class ErrorsInOneRun : Design
    {
        public ErrorsInOneRun() => Service("s", () =>
        {
            Method("m", () =>
            {
                GET("/a"); // mark:many-1
                Payload(() => Required("nope")); // mark:many-2
            });
            Method("n", () => Temporary()); // mark:many-3
        });
    }

    [Fact]
    public void Validation_SeveralMistakes_ReportsEveryOneInOneRun()
    {
        var result = DesignRunner.Run(typeof(ErrorsInOneRun));

        Assert.Equal(
            [DesignAssert.LineOf("mark:many-1"), DesignAssert.LineOf("mark:many-2"), DesignAssert.LineOf("mark:many-3")],
            result.Diagnostics.Select(d => d.Location.Line));
        Assert.Throws<Serow.Design.DesignException>(() => result.GetRootOrThrow());
    }
}
