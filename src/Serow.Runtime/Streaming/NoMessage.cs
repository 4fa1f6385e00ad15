// Licensed under the MIT license. See LICENSE in the project root.

namespace Serow.Streaming;

/// <summary>
/// The message type of a stream direction that carries no messages, for example the client-to-server direction of a
/// server-streaming method. Never instantiated.
/// </summary>
public sealed class NoMessage
{
    private NoMessage()
    {
    }
}
