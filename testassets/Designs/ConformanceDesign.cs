// Licensed under the MIT license. See LICENSE in the project root.

using Serow.Dsl;

namespace Serow.TestDesigns;

/// <summary>
/// The design behind the transport conformance suite: every streaming pattern, designed errors, validation of every
/// received message and views. Each transport runs the same suite against a client of this design.
/// </summary>
public sealed class ConformanceDesign : Serow.Dsl.Design
{
    public ConformanceDesign()
    {
        API("conformance", () => Title("conformance"));
        var item = ResultType("application/vnd.serow.item", "Item", () =>
        {
            Field(1, "id", Int, "Identifier");
            Field(2, "name", String, "Name");
            Field(3, "detail", String, "Detail");
            Required("id", "name", "detail");
            View("default", () =>
            {
                Attribute("id");
                Attribute("name");
                Attribute("detail");
            });
            View("tiny", () => Attribute("id"));
        });

        Service("conformance", () =>
        {
            Description("Exercises every streaming pattern.");
            Error("boom", () =>
            {
                Description("A designed failure requested by the caller.");
                Temporary();
            });
            GRPC(() => Response("boom", CodeUnavailable));
            HTTP(() =>
            {
                // Every method is served over HTTP; methods without their own block get POST/GET /<method> under the prefix.
                Path("/conformance");
                Response("boom", StatusServiceUnavailable);
            });

            Method("echo", () =>
            {
                Description("Unary: returns the text it receives.");
                Payload(() =>
                {
                    Field(1, "text", String, () => MaxLength(100));
                    Field(2, "fail", Boolean, "Fail with the boom error.");
                    Required("text");
                });
                Result(() =>
                {
                    Field(1, "text", String);
                    Required("text");
                });
                HTTP(() => POST("/echo"));
            });

            Method("count", () =>
            {
                Description("Server streaming: sends 1..to, optionally failing at a given value.");
                Payload(() =>
                {
                    Field(1, "to", Int, () => Minimum(0));
                    Field(2, "fail_at", Int, "Fail with boom before sending this value; 0 fails before the first.");
                    Field(3, "wait_for_cancel", Boolean, "After sending, wait until the call is cancelled.");
                    Required("to");
                });
                StreamingResult(() =>
                {
                    Field(1, "value", Int);
                    Required("value");
                });
                HTTP(() =>
                {
                    GET("/count/{to}");
                    Param("fail_at");
                    Param("wait_for_cancel");
                });
            });

            Method("sum", () =>
            {
                Description("Client streaming with a result: adds the values received.");
                StreamingPayload(() =>
                {
                    Field(1, "value", Int, () => Minimum(0));
                    Field(2, "fail", Boolean, "Fail with boom when this message arrives.");
                    Required("value");
                });
                Result(() =>
                {
                    Field(1, "total", Int64);
                    Field(2, "count", Int);
                    Required("total", "count");
                });
            });

            Method("collect", () =>
            {
                Description("Client streaming without a result: stores the words received.");
                StreamingPayload(String, () => MinLength(1));
            });

            Method("chat", () =>
            {
                Description("Bidirectional: answers each message; keeps answering after the client stops sending.");
                StreamingPayload(() =>
                {
                    Field(1, "text", String, () => MinLength(1));
                    Field(2, "fail", Boolean);
                    Required("text");
                });
                StreamingResult(() =>
                {
                    Field(1, "text", String);
                    Field(2, "seq", Int);
                    Required("text", "seq");
                });
            });

            Method("items", () =>
            {
                Description("Server streaming of a result type with views; the payload chooses the view.");
                Payload(() =>
                {
                    Field(1, "view", String);
                    Field(2, "count", Int);
                    Required("count");
                });
                StreamingResult(item);
            });
        });
    }
}
