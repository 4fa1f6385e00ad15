// Licensed under the MIT license. See LICENSE in the project root.

namespace Serow.Streaming;

/// <summary>Why a streaming call was aborted before its handler finished.</summary>
public enum StreamAbortReason
{
    /// <summary>The call was not aborted.</summary>
    None,

    /// <summary>The client cancelled, disposed its stream or went away, or an operation's own token fired.</summary>
    Cancelled,

    /// <summary>The peer broke the wire protocol; the transport refused the stream.</summary>
    ProtocolError,

    /// <summary>The server is shutting down; the client is told with a <see cref="ServerStoppingError"/>.</summary>
    Stopping,
}
