// Licensed under the MIT license. See LICENSE in the project root.

using System.Net;

namespace Serow.Http.RawBodies;

/// <summary>Streams a caller's stream as a request body without buffering it and without disposing it (the caller owns it).</summary>
internal sealed class RawStreamContent(Stream body) : HttpContent
{
    private const int BufferSize = 64 * 1024;

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        body.CopyToAsync(stream, BufferSize);

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken) =>
        body.CopyToAsync(stream, BufferSize, cancellationToken);

    protected override bool TryComputeLength(out long length)
    {
        if (body.CanSeek)
        {
            length = body.Length - body.Position;
            return true;
        }

        length = 0;
        return false;
    }
}
