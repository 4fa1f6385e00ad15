// Licensed under the MIT license. See LICENSE in the project root.

using Microsoft.Extensions.Logging;

namespace Serow.Http.Internal;

internal static partial class HttpLog
{
    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "A Serow WebSocket stream was closed with {CloseStatus}: {Reason}")]
    public static partial void StreamRefused(this ILogger logger, int closeStatus, string reason);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "A WebSocket upgrade from origin {Origin} was refused; allow it in SerowHttpOptions.AllowedOrigins.")]
    public static partial void OriginRefused(this ILogger logger, string origin);
}
