// Licensed under the MIT license. See LICENSE in the project root.

using Serow.Dsl.Tests.Support;

namespace Serow.Dsl.Tests;

public sealed class CombinedErrorsTests
{
    public sealed class ThreeMistakes : Design
    {
        public ThreeMistakes()
        {
            Service("analytics", () => Method("process", () =>
            {
                StreamingPayload(() =>
                {
                    Field(1, "event_type", String, "Type of event");
                    Attribute("data", Bytes, "Event data"); // mark:three-field
                    Required("event_type", "timestamp"); // mark:three-required
                });
                Result(() => Field(1, "processed_count", Int64));
                GRPC(() => Response(CodeOK));
            }));
            Service("logger", () => Method("subscribe", () =>
            {
                Payload(() => Attribute("topic"));
                StreamingResult(String);
                HTTP(() =>
                {
                    POST("/logs/{topic}/stream"); // mark:three-post
                });
            }));
        }
    }

    [Fact]
    public void Design_ThreeMistakes_ReportsAllThreeWithFileAndLineInOneRun()
    {
        var result = DesignRunner.Run(typeof(ThreeMistakes));

        Assert.False(result.Succeeded);
        Assert.Equal(3, result.Diagnostics.Count);
        var expected = new[]
        {
            ("SEROW018", DesignAssert.LineOf("mark:three-field"), "service \"analytics\" method \"process\" streaming payload attribute \"data\""),
            ("SEROW004", DesignAssert.LineOf("mark:three-required"), "service \"analytics\" method \"process\" streaming payload attribute \"timestamp\""),
            ("SEROW024", DesignAssert.LineOf("mark:three-post"), "service \"logger\" method \"subscribe\""),
        };
        foreach (var (id, line, fragment) in expected)
        {
            var diagnostic = Assert.Single(result.Diagnostics, d => d.Id == id);
            Assert.Equal(line, diagnostic.Location.Line);
            Assert.EndsWith("CombinedErrorsTests.cs", diagnostic.Location.File, StringComparison.Ordinal);
            Assert.Contains(fragment, diagnostic.Message, StringComparison.Ordinal);
            Assert.StartsWith($"{diagnostic.Location.File}:{line}: error {id}: ", diagnostic.ToString(), StringComparison.Ordinal);
        }

        var exception = Assert.Throws<Serow.Design.DesignException>(() => result.GetRootOrThrow());
        Assert.Equal(3, exception.Diagnostics.Count);
    }
}
