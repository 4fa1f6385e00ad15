// Licensed under the MIT license. See LICENSE in the project root.

namespace Serow.Grpc.Tests.Runtime;

/// <summary>Payload attributes carried in request metadata: text and binary entries, on unary, server-stream and envelope methods.</summary>
public sealed class MetadataDesign : Serow.Dsl.Design
{
    public MetadataDesign()
    {
        API("metadata", () => Title("metadata"));
        Service("secrets", () =>
        {
            GRPC(() => { });
            Method("reveal", () =>
            {
                Payload(() =>
                {
                    Field(1, "name", String);
                    Attribute("token", String, () => MinLength(3));
                    Attribute("trace", Bytes);
                    Attribute("attempt", Int, () => Minimum(1));
                    Attribute("verbose", Boolean);
                    Attribute("ratio", Float64);
                    Attribute("level", Int64, () => Default(7));
                    Required("name", "token", "attempt");
                });
                Result(() =>
                {
                    Field(1, "text", String);
                    Required("text");
                });
                GRPC(() => Metadata(() =>
                {
                    Attribute("token");
                    Attribute("trace");
                    Attribute("attempt");
                    Attribute("verbose");
                    Attribute("ratio");
                    Attribute("level");
                }));
            });

            Method("tail", () =>
            {
                Payload(() =>
                {
                    Field(1, "topic", String);
                    Attribute("token", String);
                    Required("topic", "token");
                });
                StreamingResult(() =>
                {
                    Field(1, "line", String);
                    Required("line");
                });
                GRPC(() => Metadata(() => Attribute("token")));
            });

            Method("push", () =>
            {
                Payload(() =>
                {
                    Field(1, "topic", String);
                    Attribute("token", String);
                    Required("topic", "token");
                });
                StreamingPayload(String);
                Result(() =>
                {
                    Field(1, "summary", String);
                    Required("summary");
                });
                GRPC(() => Metadata(() => Attribute("token")));
            });
        });
    }
}
