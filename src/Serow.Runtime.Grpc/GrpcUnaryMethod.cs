// Licensed under the MIT license. See LICENSE in the project root.

using Grpc.Core;
using Serow.Validation;

namespace Serow.Grpc;

/// <summary>
/// Everything the gRPC server and client need to know about one unary method: its names, designed error codes, and
/// how its payload and result become protobuf messages and back. Generated once per method; the conversions are static
/// methods, so a call allocates no delegate.
/// </summary>
/// <typeparam name="TPayload">The payload type (<see cref="Streaming.NoMessage"/> when none).</typeparam>
/// <typeparam name="TResult">The result type (<see cref="Streaming.NoMessage"/> when none).</typeparam>
/// <typeparam name="TRequest">The request message.</typeparam>
/// <typeparam name="TResponse">The response message.</typeparam>
public sealed class GrpcUnaryMethod<TPayload, TResult, TRequest, TResponse> : GrpcMethodBase
{
    /// <summary>Builds the payload from the request and its metadata (attributes mapped to metadata); null when there is no payload.</summary>
    public Func<TRequest, Metadata, TPayload>? DecodePayload { get; init; }

    /// <summary>Builds the request (without metadata) from the payload.</summary>
    public required Func<TPayload, TRequest> EncodePayload { get; init; }

    /// <summary>The metadata carrying payload attributes; null when none travel in metadata.</summary>
    public Func<TPayload, Metadata>? PayloadMetadata { get; init; }

    /// <summary>Checks the payload; null when it has no rules.</summary>
    public Action<TPayload, ValidationReport>? ValidatePayload { get; init; }

    /// <summary>Builds the response from the result.</summary>
    public required Func<TResult, TResponse> EncodeResult { get; init; }

    /// <summary>Builds the result from the response.</summary>
    public required Func<TResponse, TResult> DecodeResult { get; init; }

    /// <summary>Checks the result; null when it has no rules.</summary>
    public Action<TResult, ValidationReport>? ValidateResult { get; init; }
}
