// Licensed under the MIT license. See LICENSE in the project root.

namespace Serow.Interception;

/// <summary>What an interceptor is running around.</summary>
public enum InterceptedOperation
{
    /// <summary>
    /// The call: on the server the handler's whole run; in a client a unary call until its result, or a stream's
    /// opening until the stream is returned.
    /// </summary>
    Call,

    /// <summary>One streamed message leaving this side (or, for a client stream, the server's final result).</summary>
    Send,

    /// <summary>One streamed message arriving at this side (or, in a client, the final result of a client stream).</summary>
    Receive,
}

/// <summary>The operations an interceptor runs around on one method.</summary>
[Flags]
public enum InterceptedOperations
{
    /// <summary>None.</summary>
    None = 0,

    /// <summary><see cref="InterceptedOperation.Call"/>.</summary>
    Call = 1,

    /// <summary><see cref="InterceptedOperation.Send"/>.</summary>
    Send = 2,

    /// <summary><see cref="InterceptedOperation.Receive"/>.</summary>
    Receive = 4,
}
