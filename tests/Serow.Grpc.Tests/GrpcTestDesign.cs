// Licensed under the MIT license. See LICENSE in the project root.

namespace Serow.Grpc.Tests;

/// <summary>A design exercising the protobuf mapping: pinned names, wrappers, an envelope, nested objects and collections.</summary>
public sealed class GrpcTestDesign : Serow.Dsl.Design
{
    public GrpcTestDesign()
    {
        API("grpctest", () => Title("gRPC test"));
        var payload = Type("SimpleRequest", () =>
        {
            Meta("grpc:message", "SimpleRequest");
            Field(1, "response_size", Int32, "Size of the response");
            Field(2, "body", Bytes);
            Field(3, "tags", ArrayOf(String));
            Field(4, "labels", MapOf(String, Int64));
            Field(5, "home", () =>
            {
                Field(1, "city", String);
                Field(2, "zip", String);
                Required("city");
            });
            Required("response_size");
        });

        Service("test_service", () =>
        {
            Meta("grpc:package", "grpc.testing");
            Meta("grpc:service", "TestService");
            GRPC(() => { });

            Method("unary", () =>
            {
                Meta("grpc:method", "UnaryCall");
                Meta("grpc:response", "SimpleResponse");
                Payload(payload);
                Result(() =>
                {
                    Field(1, "size", Int32);
                    Field(2, "flags", ArrayOf(Boolean));
                });
            });

            Method("square", () =>
            {
                Description("A primitive payload and result are wrapped.");
                Payload(Int64);
                Result(Float64);
            });

            Method("upload", () =>
            {
                Description("A one-shot payload and a stream: the envelope.");
                Payload(() =>
                {
                    Field(1, "name", String);
                    Required("name");
                });
                StreamingPayload(Bytes);
                StreamingResult(() =>
                {
                    Field(1, "received", Int64);
                    Required("received");
                });
            });
        });
    }
}
