// Licensed under the MIT license. See LICENSE in the project root.

namespace Serow.Streaming;

/// <summary>
/// Where a client stream stands in the server's stream of results, for resuming after a reconnect: cast a generated
/// client stream to it (<c>if (stream is IStreamPosition position)</c>).
/// </summary>
public interface IStreamPosition
{
    /// <summary>The position of the last result received (for Server-Sent Events, the last event id); empty when none carried one.</summary>
    string LastPosition { get; }

    /// <summary>The reconnection time the server asked for (Server-Sent Events <c>retry:</c>), or null when it did not.</summary>
    TimeSpan? ReconnectionInterval { get; }
}
