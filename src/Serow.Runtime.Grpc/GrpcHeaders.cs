// Licensed under the MIT license. See LICENSE in the project root.

namespace Serow.Grpc;

/// <summary>The metadata keys of Serow's gRPC wire contract (see docs/protocol-grpc.md).</summary>
public static class GrpcHeaders
{
    /// <summary>Response header: the view the results of the call are projected to.</summary>
    public const string View = "serow-view";

    /// <summary>
    /// Response header of a resumable server stream: the position the stream starts after, sent when the handler said
    /// so before its first result; a client that reconnects before any result resumes there.
    /// </summary>
    public const string Position = "serow-position";

    /// <summary>Trailer: the designed name of the error that ended the call.</summary>
    public const string ErrorName = "serow-error-name";

    /// <summary>Trailer: the id of the error occurrence, for correlating logs.</summary>
    public const string ErrorId = "serow-error-id";

    /// <summary>Trailer: the error's flags, a comma-separated subset of <c>temporary</c>, <c>timeout</c>, <c>fault</c>; empty for none.</summary>
    public const string ErrorFlags = "serow-error-flags";

    /// <summary>Binary trailer: the violations of an invalid message, a UTF-8 JSON array of <c>{"field", "rule", "message"}</c>.</summary>
    public const string Validation = "serow-validation-bin";

    /// <summary>Request header grpc-dotnet reads to compress the request messages of a call.</summary>
    public const string RequestEncoding = "grpc-internal-encoding-request";
}
