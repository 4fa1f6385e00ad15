// Licensed under the MIT license. See LICENSE in the project root.

using System.Collections.Concurrent;
using System.Net;

namespace Serow.Grpc.Tests.Interop;

/// <summary>
/// Watches the gRPC responses a client receives below grpc-dotnet, which hides both from the caller: the
/// <c>grpc-encoding</c> response header and the compressed flag of every length-prefixed message.
/// </summary>
internal sealed class FrameSpy : DelegatingHandler
{
    public FrameSpy()
        : base(new SocketsHttpHandler())
    {
    }

    /// <summary>The responses seen, in the order their headers arrived.</summary>
    public ConcurrentQueue<SpiedResponse> Responses { get; } = new();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var encoding = response.Headers.TryGetValues("grpc-encoding", out var values) ? values.FirstOrDefault() : null;
        var spied = new SpiedResponse(request.RequestUri!.AbsolutePath, encoding);
        Responses.Enqueue(spied);
        response.Content = new SpyContent(response.Content, spied);
        return response;
    }

    /// <summary>One response: its path, its <c>grpc-encoding</c> header and the compressed flag of each message so far.</summary>
    internal sealed class SpiedResponse(string path, string? encoding)
    {
        public string Path { get; } = path;

        public string? Encoding { get; } = encoding;

        public ConcurrentQueue<bool> Compressed { get; } = new();
    }

    private sealed class SpyContent : HttpContent
    {
        private readonly HttpContent _inner;
        private readonly SpiedResponse _response;

        public SpyContent(HttpContent inner, SpiedResponse response)
        {
            _inner = inner;
            _response = response;
            foreach (var header in inner.Headers)
            {
                Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
        }

        protected override async Task<Stream> CreateContentReadStreamAsync() =>
            new SpyStream(await _inner.ReadAsStreamAsync().ConfigureAwait(false), _response);

        protected override async Task<Stream> CreateContentReadStreamAsync(CancellationToken cancellationToken) =>
            new SpyStream(await _inner.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false), _response);

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => _inner.CopyToAsync(stream);

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }

    /// <summary>Passes the bytes through and follows the 5-byte message prefixes: flag, then a big-endian length.</summary>
    private sealed class SpyStream(Stream inner, SpiedResponse response) : Stream
    {
        private readonly byte[] _prefix = new byte[5];
        private int _prefixRead;
        private long _bodyLeft;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Observe(buffer.AsSpan(offset, inner.Read(buffer, offset, count)));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var read = await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
            return Observe(buffer.Span[..read]);
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }

        private int Observe(ReadOnlySpan<byte> bytes)
        {
            var read = bytes.Length;
            while (bytes.Length > 0)
            {
                if (_bodyLeft > 0)
                {
                    var skip = (int)Math.Min(_bodyLeft, bytes.Length);
                    _bodyLeft -= skip;
                    bytes = bytes[skip..];
                    continue;
                }

                _prefix[_prefixRead++] = bytes[0];
                bytes = bytes[1..];
                if (_prefixRead == 5)
                {
                    _prefixRead = 0;
                    response.Compressed.Enqueue(_prefix[0] == 1);
                    _bodyLeft = (uint)(_prefix[1] << 24 | _prefix[2] << 16 | _prefix[3] << 8 | _prefix[4]);
                }
            }

            return read;
        }
    }
}
