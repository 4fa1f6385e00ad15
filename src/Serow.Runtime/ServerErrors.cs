// Licensed under the MIT license. See LICENSE in the project root.

using Microsoft.Extensions.Logging;

namespace Serow;

/// <summary>
/// Turns what a handler threw into the error its caller receives, the same way on every transport: a
/// <see cref="ServiceError"/> as it is, anything else as <see cref="ServiceError.Internal"/>, whose exception is logged
/// once with the error id the caller receives and the call's trace id (so the three can be matched).
/// </summary>
public static partial class ServerErrors
{
    /// <summary>The error the caller receives for <paramref name="exception"/>; logs unexpected exceptions with their id.</summary>
    /// <param name="exception">What the handler (or the decoding before it) threw.</param>
    /// <param name="logger">Where unexpected exceptions are logged.</param>
    /// <param name="method">The method's display name, <c>service.method</c>.</param>
    /// <returns>The error to send.</returns>
    public static ServiceError ToServiceError(Exception exception, ILogger logger, string method)
    {
        ArgumentNullException.ThrowIfNull(exception);
        ArgumentNullException.ThrowIfNull(logger);
        if (exception is ServiceError error)
        {
            return error;
        }

        var internalError = ServiceError.Internal(exception);
        HandlerFailed(logger, method, internalError.Id, System.Diagnostics.Activity.Current?.TraceId.ToHexString() ?? "none", exception);
        return internalError;
    }

    [LoggerMessage(EventId = 1, EventName = "HandlerFailed", Level = LogLevel.Error,
        Message = "{Method} failed unexpectedly (error id {ErrorId}, trace {TraceId}); the caller received an internal error.")]
    private static partial void HandlerFailed(ILogger logger, string method, string errorId, string traceId, Exception exception);
}
