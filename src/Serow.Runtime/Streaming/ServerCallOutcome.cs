// Licensed under the MIT license. See LICENSE in the project root.

namespace Serow.Streaming;

/// <summary>How a streaming call ended on the server, for the transport to put on the wire.</summary>
internal readonly struct ServerCallOutcome
{
    private ServerCallOutcome(ServiceError? error, StreamAbortReason reason, Exception? transportFailure = null)
    {
        Error = error;
        AbortReason = reason;
        TransportFailure = transportFailure;
    }

    /// <summary>The handler finished: end the results normally (with the final result, if any).</summary>
    public static ServerCallOutcome Completed => default;

    /// <summary>The call failed with <see cref="Error"/>, which the client must receive.</summary>
    public bool IsFailed => Error is not null;

    /// <summary>The call was aborted and nobody waits for an outcome (the client is gone, or the stream was refused).</summary>
    public bool IsAborted => AbortReason != StreamAbortReason.None && Error is null;

    /// <summary>
    /// The handler failed with the transport's own error type (a gRPC <c>RpcException</c> thrown on purpose), which the
    /// transport sends as it is.
    /// </summary>
    public Exception? TransportFailure { get; }

    /// <summary>The error to send, when <see cref="IsFailed"/>.</summary>
    public ServiceError? Error { get; }

    /// <summary>Why the call was aborted, if it was.</summary>
    public StreamAbortReason AbortReason { get; }

    public static ServerCallOutcome Failed(ServiceError error) =>
        new(error, error is ServerStoppingError ? StreamAbortReason.Stopping : StreamAbortReason.None);

    public static ServerCallOutcome Aborted(StreamAbortReason reason) => new(null, reason);

    public static ServerCallOutcome Transport(Exception failure) => new(null, StreamAbortReason.None, failure);
}
