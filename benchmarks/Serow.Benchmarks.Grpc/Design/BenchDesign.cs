// Licensed under the MIT license. See LICENSE in the project root.

using Serow.Dsl;

namespace Serow.Benchmarks.Grpc.Design;

/// <summary>
/// The gRPC benchmark's service: one method per streaming pattern over a small message (two integers and a
/// 100-character text), served over gRPC only.
/// </summary>
public sealed class BenchDesign : Serow.Dsl.Design
{
    public BenchDesign()
    {
        API("bench", () => Title("Serow gRPC benchmark"));

        // What one interceptor costs per message: the *_intercepted methods are their plain twins with it applied.
        var pass = Interceptor("pass", () =>
        {
            Description("Reads each result's sequence number and lets the result go.");
            ReadStreamingResult(() => Attribute("seq"));
        });

        var message = Type("Message", () =>
        {
            Description("The benchmark's message.");
            Field(1, "id", Int64, "Identifier of the stream or call.");
            Field(2, "seq", Int32, "Sequence number within the stream.");
            Field(3, "text", String, "The payload: 100 characters.");
            Required("id", "seq", "text");
        });

        Service("bench", () =>
        {
            Description("Moves messages in every streaming pattern.");
            GRPC(() => { });

            Method("unary", () =>
            {
                Description("Returns the message it receives.");
                Payload(message);
                Result(message);
            });

            Method("download", () =>
            {
                Description("Server streaming: sends count copies of the message.");
                Payload(() =>
                {
                    Field(1, "count", Int32, "How many messages to send.");
                    Field(2, "text", String, "The text of every message.");
                    Required("count", "text");
                });
                StreamingResult(message);
            });

            Method("download_intercepted", () =>
            {
                Description("download, through one pass-through server interceptor.");
                ServerInterceptor(pass);
                Payload(() =>
                {
                    Field(1, "count", Int32, "How many messages to send.");
                    Field(2, "text", String, "The text of every message.");
                    Required("count", "text");
                });
                StreamingResult(message);
            });

            Method("upload", () =>
            {
                Description("Client streaming: counts the messages it receives.");
                StreamingPayload(message);
                Result(() =>
                {
                    Field(1, "count", Int64, "How many messages arrived.");
                    Required("count");
                });
            });

            Method("ping", () =>
            {
                Description("Bidirectional: answers every message with itself.");
                StreamingPayload(message);
                StreamingResult(message);
            });

            Method("ping_intercepted", () =>
            {
                Description("ping, through one pass-through server interceptor.");
                ServerInterceptor(pass);
                StreamingPayload(message);
                StreamingResult(message);
            });
        });
    }
}
