// Licensed under the MIT license. See LICENSE in the project root.

using Grpc.Core;
using Serow.Streaming;
using Serow.Validation;

namespace Serow.Grpc;

/// <summary>
/// Everything the gRPC server and client need to know about one streaming method: the grpc-dotnet method (with the
/// generated codecs' marshallers), its stream contract (shared with every transport), designed error codes, and how its
/// payload and messages map to the messages on the wire. Generated once per method; the conversions are static
/// lambdas, so a call allocates no delegate.
/// </summary>
/// <remarks>
/// A one-shot payload of a server stream travels in the request. A client or bidirectional stream with a payload sends
/// it as the first message of the request stream, an envelope whose kind is "payload"; the next messages are of kind
/// "message" (see docs/protocol-grpc.md).
/// </remarks>
/// <typeparam name="TPayload">The one-shot payload type (<see cref="NoMessage"/> when none).</typeparam>
/// <typeparam name="TIn">The type of the client's messages (<see cref="NoMessage"/> when none).</typeparam>
/// <typeparam name="TOut">The type of the server's results or final result (<see cref="NoMessage"/> when none).</typeparam>
/// <typeparam name="TRequest">The request message (of the request stream, for client and bidirectional streams).</typeparam>
/// <typeparam name="TResponse">The response message.</typeparam>
public sealed class GrpcStreamMethod<TPayload, TIn, TOut, TRequest, TResponse> : GrpcMethodBase
    where TRequest : class
    where TResponse : class
{
    /// <summary>The rpc: its full name and the marshallers of its messages.</summary>
    public required Method<TRequest, TResponse> Definition { get; init; }

    /// <summary>Validation, projection and views of the stream, shared with every transport.</summary>
    public required StreamContract<TIn, TOut> Stream { get; init; }

    /// <summary>Builds the payload from the request (or the first envelope); null when there is no payload.</summary>
    /// <remarks>For an envelope of another kind it throws a <see cref="ValidationException"/> (rule <c>decode</c>).</remarks>
    public Func<TRequest, TPayload>? DecodePayload { get; init; }

    /// <summary>Sets the payload attributes carried in request metadata; null when none are.</summary>
    public Func<TPayload, Metadata, TPayload>? PayloadFromMetadata { get; init; }

    /// <summary>Builds the request (or the first envelope) from the payload; null when there is no payload.</summary>
    public Func<TPayload, TRequest>? EncodePayload { get; init; }

    /// <summary>The metadata carrying payload attributes; null when none travel in metadata.</summary>
    public Func<TPayload, Metadata>? PayloadMetadata { get; init; }

    /// <summary>Checks the payload; null when it has no rules.</summary>
    public Action<TPayload, ValidationReport>? ValidatePayload { get; init; }

    /// <summary>Builds a streamed message from a message of the request stream; null when the client sends none.</summary>
    /// <remarks>For an envelope of another kind it throws a <see cref="ValidationException"/> (rule <c>decode</c>).</remarks>
    public Func<TRequest, TIn>? DecodeMessage { get; init; }

    /// <summary>Builds a message of the request stream from a streamed message; null when the client sends none.</summary>
    public Func<TIn, TRequest>? EncodeMessage { get; init; }

    /// <summary>Builds the response from a result (or the final result); null when the method has none.</summary>
    public Func<TOut, TResponse>? EncodeResult { get; init; }

    /// <summary>Builds a result (or the final result) from a response; null when the method has none.</summary>
    public Func<TResponse, TOut>? DecodeResult { get; init; }

    /// <summary>The encoded size of a request message, for the byte counters (asked only while someone listens).</summary>
    public Func<TRequest, int>? RequestSize { get; init; }

    /// <summary>The encoded size of a response message, for the byte counters (asked only while someone listens).</summary>
    public Func<TResponse, int>? ResponseSize { get; init; }
}
