// Licensed under the MIT license. See LICENSE in the project root.

using Grpc.Core;
using Serow.Validation;

namespace Serow.Grpc;

/// <summary>
/// Everything the gRPC server and client need to know about one unary method: its names, the grpc-dotnet method (with
/// the generated codecs' marshallers), its designed error codes, and how its payload and result map to the messages on
/// the wire. Generated once per method; the conversions are static lambdas, so a call allocates no delegate.
/// </summary>
/// <typeparam name="TPayload">The payload type (<see cref="Streaming.NoMessage"/> when none).</typeparam>
/// <typeparam name="TResult">The result type (<see cref="Streaming.NoMessage"/> when none).</typeparam>
/// <typeparam name="TRequest">The type the request message is read into: the payload's class, or a runtime message.</typeparam>
/// <typeparam name="TResponse">The type the response message is read into: the result's class, or a runtime message.</typeparam>
public sealed class GrpcUnaryMethod<TPayload, TResult, TRequest, TResponse> : GrpcMethodBase
    where TRequest : class
    where TResponse : class
{
    /// <summary>The rpc: its full name and the marshallers of its messages.</summary>
    public required Method<TRequest, TResponse> Definition { get; init; }

    /// <summary>Builds the payload from the request; null when there is no payload.</summary>
    public Func<TRequest, TPayload>? DecodePayload { get; init; }

    /// <summary>Sets the payload attributes carried in request metadata; null when none are.</summary>
    public Func<TPayload, Metadata, TPayload>? PayloadFromMetadata { get; init; }

    /// <summary>Builds the request (without metadata) from the payload.</summary>
    public required Func<TPayload, TRequest> EncodePayload { get; init; }

    /// <summary>The metadata carrying payload attributes; null when none travel in metadata.</summary>
    public Func<TPayload, Metadata>? PayloadMetadata { get; init; }

    /// <summary>Checks the payload; null when it has no rules.</summary>
    public Action<TPayload, ValidationReport>? ValidatePayload { get; init; }

    /// <summary>Builds the response from the result; null when the result is the response (an object result).</summary>
    public Func<TResult, TResponse>? EncodeResult { get; init; }

    /// <summary>Builds the result from the response; null when the response is the result.</summary>
    public Func<TResponse, TResult>? DecodeResult { get; init; }

    /// <summary>Checks the result; null when it has no rules.</summary>
    public Action<TResult, ValidationReport>? ValidateResult { get; init; }

    /// <summary>The response headers that carry result attributes the message leaves out; null when none.</summary>
    public Func<TResult, Metadata>? ResultHeaders { get; init; }

    /// <summary>The response trailers that carry result attributes the message leaves out; null when none.</summary>
    public Func<TResult, Metadata>? ResultTrailers { get; init; }

    /// <summary>Sets the result attributes carried in response headers and trailers, on the client.</summary>
    public Func<TResult, Metadata, Metadata, TResult>? ResultFromMetadata { get; init; }
}
