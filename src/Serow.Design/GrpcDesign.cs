// Licensed under the MIT license. See LICENSE in the project root.

namespace Serow.Design;

/// <summary>The gRPC mapping of one method.</summary>
public sealed record GrpcEndpointDesign
{
    /// <summary>The declared responses (success and error mappings).</summary>
    public EquatableArray<GrpcResponseDesign> Responses { get; init; }

    /// <summary>Payload attributes carried in request metadata instead of the message.</summary>
    public EquatableArray<string> Metadata { get; init; }

    /// <summary>Payload attributes carried in the request message, when the design names them with <c>Message</c>.</summary>
    public EquatableArray<string> Message { get; init; }

    /// <summary>Result attributes carried in response headers instead of the message (<c>Headers</c> in <c>Response(code, block)</c>).</summary>
    public EquatableArray<string> ResponseHeaders { get; init; }

    /// <summary>Result attributes carried in response trailers instead of the message (<c>Trailers</c>).</summary>
    public EquatableArray<string> ResponseTrailers { get; init; }

    /// <summary>Where the <c>GRPC</c> block was declared.</summary>
    public required SourceLocation Location { get; init; }
}

/// <summary>A gRPC response: the success code, or the code an error maps to.</summary>
/// <param name="Code">The gRPC status code.</param>
/// <param name="ErrorName">The error the response maps, or null for the success response.</param>
/// <param name="Location">Where the response was declared.</param>
public sealed record GrpcResponseDesign(GrpcCode Code, string? ErrorName, SourceLocation Location);

/// <summary>gRPC settings shared by every method of a service.</summary>
public sealed record GrpcServiceDesign
{
    /// <summary>Error mappings shared by every method.</summary>
    public EquatableArray<GrpcResponseDesign> Responses { get; init; }

    /// <summary>Where the <c>GRPC</c> block was declared.</summary>
    public required SourceLocation Location { get; init; }
}

/// <summary>The gRPC status codes, with the numbers of the gRPC specification.</summary>
public enum GrpcCode
{
    /// <summary>Success.</summary>
    OK = 0,

    /// <summary>The operation was cancelled.</summary>
    Canceled = 1,

    /// <summary>Unknown error.</summary>
    Unknown = 2,

    /// <summary>The client specified an invalid argument.</summary>
    InvalidArgument = 3,

    /// <summary>The deadline expired.</summary>
    DeadlineExceeded = 4,

    /// <summary>Some requested entity was not found.</summary>
    NotFound = 5,

    /// <summary>The entity already exists.</summary>
    AlreadyExists = 6,

    /// <summary>The caller may not execute the operation.</summary>
    PermissionDenied = 7,

    /// <summary>Some resource has been exhausted.</summary>
    ResourceExhausted = 8,

    /// <summary>The system is not in a state required for the operation.</summary>
    FailedPrecondition = 9,

    /// <summary>The operation was aborted.</summary>
    Aborted = 10,

    /// <summary>The operation was attempted past the valid range.</summary>
    OutOfRange = 11,

    /// <summary>The operation is not implemented.</summary>
    Unimplemented = 12,

    /// <summary>Internal error.</summary>
    Internal = 13,

    /// <summary>The service is currently unavailable.</summary>
    Unavailable = 14,

    /// <summary>Unrecoverable data loss or corruption.</summary>
    DataLoss = 15,

    /// <summary>The request lacks valid authentication credentials.</summary>
    Unauthenticated = 16,
}
