// Licensed under the MIT license. See LICENSE in the project root.

using Serow.Dsl;

namespace Serow.TestDesigns;

/// <summary>
/// An existing gRPC contract reproduced as a Serow design: the public interop <c>grpc.testing.TestService</c>
/// (test.proto, messages.proto, empty.proto). Package, service, rpc and message names, field names and numbers and
/// the <c>PayloadType</c> enum are pinned so that any client built from the public .proto files can call the
/// generated server.
/// </summary>
public sealed class InteropDesign : Serow.Dsl.Design
{
    public InteropDesign()
    {
        API("interop", () => Title("gRPC interop TestService"));

        var boolValue = Type("BoolValue", () =>
        {
            Description("A boolean that can be absent: a nullable bool.");
            Field(1, "value", Boolean, "The bool value.");
            Required("value");
        });

        var payload = Type("Payload", () =>
        {
            Description("A block of data, to simply increase gRPC message size.");
            Field(1, "type", String, "The type of data in body.", () =>
            {
                Enum("COMPRESSABLE");
                Meta("grpc:enum", "PayloadType");
            });
            Field(2, "body", Bytes, "Primary contents of payload.");
        });

        var echoStatus = Type("EchoStatus", () =>
        {
            Description("A protobuf representation for grpc status, used to test the status a server sends back.");
            Field(1, "code", Int32);
            Field(2, "message", String);
            Required("code");
        });

        var simpleRequest = Type("SimpleRequest", () =>
        {
            Description("Unary request.");
            Field(1, "response_type", String, "The type of payload that should be returned.", () =>
            {
                Enum("COMPRESSABLE");
                Meta("grpc:enum", "PayloadType");
            });
            Field(2, "response_size", Int32, "Desired payload size in the response from the server.");
            Field(3, "payload", payload, "Optional input payload sent along with the request.");
            Field(4, "fill_username", Boolean, "Whether SimpleResponse should include username.");
            Field(5, "fill_oauth_scope", Boolean, "Whether SimpleResponse should include OAuth scope.");
            Field(6, "response_compressed", boolValue, "Whether the server should compress the response.");
            Field(7, "response_status", echoStatus, "Whether the server should return a given status.");
            Field(8, "expect_compressed", boolValue, "Whether the server should expect this request to be compressed.");
            Required("response_size", "fill_username", "fill_oauth_scope");
        });

        var simpleResponse = Type("SimpleResponse", () =>
        {
            Description("Unary response, as configured by the request.");
            Field(1, "payload", payload, "Payload to increase message size.");
            Field(2, "username", String, "The user the request came from, for verifying authentication was successful.");
            Field(3, "oauth_scope", String, "OAuth scope.");
        });

        var inputRequest = Type("StreamingInputCallRequest", () =>
        {
            Description("Client-streaming request.");
            Field(1, "payload", payload, "Optional input payload sent along with the request.");
            Field(2, "expect_compressed", boolValue, "Whether the server should expect this request to be compressed.");
        });

        var inputResponse = Type("StreamingInputCallResponse", () =>
        {
            Description("Client-streaming response.");
            Field(1, "aggregated_payload_size", Int32, "Aggregated size of payloads received from the client.");
            Required("aggregated_payload_size");
        });

        var responseParameters = Type("ResponseParameters", () =>
        {
            Description("Configuration for a particular response.");
            Field(1, "size", Int32, "Desired payload sizes in responses from the server.");
            Field(2, "interval_us", Int32, "Desired interval between consecutive responses in the response stream in microseconds.");
            Field(3, "compressed", boolValue, "Whether the server should compress the response.");
            Required("size", "interval_us");
        });

        var outputRequest = Type("StreamingOutputCallRequest", () =>
        {
            Description("Server-streaming request.");
            Field(1, "response_type", String, "The type of payload that should be returned.", () =>
            {
                Enum("COMPRESSABLE");
                Meta("grpc:enum", "PayloadType");
            });
            Field(2, "response_parameters", ArrayOf(responseParameters), "Configuration for each expected response message.");
            Field(3, "payload", payload, "Optional input payload sent along with the request.");
            Field(7, "response_status", echoStatus, "Whether the server should return a given status.");
        });

        var outputResponse = Type("StreamingOutputCallResponse", () =>
        {
            Description("Server-streaming response, as configured by the request and parameters.");
            Field(1, "payload", payload, "Payload to increase response size.");
        });

        Service("test_service", () =>
        {
            Description("A simple service to test the various types of RPCs and experiment with performance with various types of payload.");
            Meta("grpc:package", "grpc.testing");
            Meta("grpc:service", "TestService");
            Error("unimplemented", "The method is not implemented.");
            GRPC(() => Response("unimplemented", CodeUnimplemented));

            Method("empty_call", () =>
            {
                Description("One empty request followed by one empty response.");
                Meta("grpc:method", "EmptyCall");
                Meta("grpc:request", "Empty");
                Meta("grpc:response", "Empty");
            });

            Method("unary_call", () =>
            {
                Description("One request followed by one response.");
                Meta("grpc:method", "UnaryCall");
                Payload(simpleRequest);
                Result(simpleResponse);
            });

            Method("streaming_output_call", () =>
            {
                Description("One request followed by a sequence of responses (streamed download).");
                Meta("grpc:method", "StreamingOutputCall");
                Payload(outputRequest);
                StreamingResult(outputResponse);
            });

            Method("streaming_input_call", () =>
            {
                Description("A sequence of requests followed by one response (streamed upload).");
                Meta("grpc:method", "StreamingInputCall");
                StreamingPayload(inputRequest);
                Result(inputResponse);
            });

            Method("full_duplex_call", () =>
            {
                Description("A sequence of requests with each request served by the server immediately.");
                Meta("grpc:method", "FullDuplexCall");
                StreamingPayload(outputRequest);
                StreamingResult(outputResponse);
            });

            Method("half_duplex_call", () =>
            {
                Description("A sequence of requests followed by a sequence of responses: the server buffers the requests until the client half-closes.");
                Meta("grpc:method", "HalfDuplexCall");
                StreamingPayload(outputRequest);
                StreamingResult(outputResponse);
            });

            Method("unimplemented_call", () =>
            {
                Description("A method the server does not implement: it fails with UNIMPLEMENTED.");
                Meta("grpc:method", "UnimplementedCall");
                Meta("grpc:request", "Empty");
                Meta("grpc:response", "Empty");
            });
        });
    }
}
