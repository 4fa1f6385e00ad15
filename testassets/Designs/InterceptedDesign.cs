// Licensed under the MIT license. See LICENSE in the project root.

using Serow.Dsl;

namespace Serow.TestDesigns;

/// <summary>
/// The design behind the interceptor suite: server and client interceptors at API and method level, each kind of
/// access (payload, result, streaming payload, streaming result; read and write), on a method of each streaming
/// pattern. Each transport runs the same suite.
/// </summary>
public sealed class InterceptedDesign : Serow.Dsl.Design
{
    public InterceptedDesign()
    {
        var trace = Interceptor("trace", () => Description("Wraps every call on the server: records when it starts and ends."));
        var audit = Interceptor("audit", () =>
        {
            Description("Reads the note's text before the handler and adds itself to the result's trail after it.");
            ReadPayload(() => Attribute("text"));
            WriteResult(() => Attribute("trail"));
        });
        var stamp = Interceptor("stamp", () =>
        {
            Description("Stamps each streamed result with its sequence number as the server sends it.");
            ReadStreamingResult(() => Attribute("seq"));
            WriteStreamingResult(() => Attribute("stamped_by"));
        });
        var inbound = Interceptor("inbound", () =>
        {
            Description("Marks each message the server receives as checked.");
            ReadStreamingPayload(() => Attribute("text"));
            WriteStreamingPayload(() => Attribute("checked"));
        });
        var tenant = Interceptor("tenant", () =>
        {
            Description("Sets the caller's tenant on every payload the client sends.");
            WritePayload(() => Attribute("tenant"));
        });
        var tag = Interceptor("tag", () =>
        {
            Description("Tags each message the client streams with its number.");
            WriteStreamingPayload(() => Attribute("tag"));
        });
        var count = Interceptor("count", () =>
        {
            Description("Counts the results the client receives.");
            ReadStreamingResult(() => Attribute("seq"));
        });
        var total = Interceptor("total", () =>
        {
            Description("Reads a client stream's final result as the client receives it.");
            ReadResult(() => Attribute("count"));
        });

        var note = Type("note", () =>
        {
            Field(1, "text", String, () => MaxLength(50));
            Field(2, "tag", String);
            Field(3, "checked", Boolean);
            Required("text");
        });
        var entry = Type("entry", () =>
        {
            Field(1, "seq", Int64);
            Field(2, "text", String);
            Field(3, "stamped_by", String);
            Field(4, "tag", String);
            Field(5, "checked", Boolean);
            Required("seq", "text");
        });

        API("intercepted", () =>
        {
            Title("intercepted");
            ServerInterceptor(trace);
        });

        Service("notes", () =>
        {
            Description("Keeps notes; every method runs through interceptors.");
            HTTP(() => Path("/notes"));
            GRPC(() => { });

            Method("add", () =>
            {
                Description("Unary: adds a note and answers with the tenant it was added for and the trail of interceptors.");
                ServerInterceptor(audit);
                ClientInterceptor(tenant);
                Payload(() =>
                {
                    Field(1, "text", String);
                    Field(2, "tenant", String);
                    Required("text");
                });
                Result(() =>
                {
                    Field(1, "id", String);
                    Field(2, "tenant", String);
                    Field(3, "trail", ArrayOf(String));
                    Required("id");
                });
            });

            Method("feed", () =>
            {
                Description("Server streaming: sends count entries.");
                ServerInterceptor(stamp);
                ClientInterceptor(count);
                Payload(() =>
                {
                    Field(1, "count", Int, () => Minimum(0));
                    Required("count");
                });
                StreamingResult(entry);
                HTTP(() =>
                {
                    GET("/feed");
                    Param("count");
                });
            });

            Method("collect", () =>
            {
                Description("Client streaming: answers with the number of notes, their tags and how many arrived checked.");
                ServerInterceptor(inbound);
                ClientInterceptor(tag);
                ClientInterceptor(total);
                StreamingPayload(note);
                Result(() =>
                {
                    Field(1, "count", Int);
                    Field(2, "tags", ArrayOf(String));
                    Field(3, "checked", Int);
                    Required("count", "checked");
                });
            });

            Method("chat", () =>
            {
                Description("Bidirectional: answers each note with an entry carrying its tag and whether it arrived checked.");
                ServerInterceptor(inbound);
                ServerInterceptor(stamp);
                ClientInterceptor(tag);
                ClientInterceptor(count);
                StreamingPayload(note);
                StreamingResult(entry);
            });
        });
    }
}
